import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { analyze, LANGS, parseLang } from '../core/index.js';
import { ConfigError, InputFormatError, UsageError } from '../errors.js';
import { type CliIo, printAnalysis } from './io.js';
import { cliSettings } from './settings.js';

export type { CliIo } from './io.js';

const USAGE =
  'usage: msdk explain|scan [--json] [--lang ko|en|zh] [--file PATH]... [TEXT...] | msdk scan --summary|--top N ... | msdk notify --wecom [--file PATH]... [TEXT...] | msdk feedback [--json]';

const OPTIONS = `  --json         one JSON object: {"findings":[...],"matches":[...]} (plus "truncated" when the input was cut)
  --lang LANG    answer language: ko, en or zh (default: MSDK_LANG, else ko)
  --file PATH    read the file PATH (repeatable; - is standard input) instead of standard input
gzip and UTF-16 input (a file or standard input) is read as text.`;

/** `msdk --help` and `msdk <command> --help`. */
const HELP: Record<string, string> = {
  '': `${USAGE}
  explain   explain the MSDK error codes in TEXT, as when you ask the bot (msdk explain --help)
  scan      report only confident detections in a log or a pasted message, as the bot does unasked
  notify    scan, then send the findings to the WeCom group robot
  msdk --version prints the version.`,
  explain: `usage: msdk explain [--json] [--lang ko|en|zh] [--file PATH]... [TEXT...]
Explains the MSDK error codes in TEXT: a bare code is enough (msdk explain -303), a JSON response or a
log line is read for its codes, and words search the catalog (msdk explain access token expired).
${OPTIONS}
With no TEXT it reads one message up to MAX_INPUT_BYTES (default 1048576); longer input is cut, with a note.`,
  scan: `usage: msdk scan [--json] [--lang ko|en|zh] [--summary | --top N] [--file PATH]... [TEXT...]
Reports the errors found with confidence in TEXT (a log, a pasted message), one per distinct error with
its count, in order of first appearance; chatter gives "No MSDK error code found." (grep ERROR server.log | msdk scan)
${OPTIONS}
  --summary      for huge logs: the findings sorted by count, with the first and last line of each
  --top N        the same, only the N most frequent
With no TEXT it streams standard input or the files, of any size, in constant memory; on a terminal,
a file of known size shows its progress on stderr.`,
  notify: `usage: msdk notify --wecom [--file PATH]... [TEXT...]
Scans TEXT (or the files, or standard input, streamed as scan does) and sends the findings to the WeCom
group robot of WECOM_WEBHOOK_URL or WECOM_WEBHOOK_KEY; nothing found, nothing sent. Exits 1 when
findings could not be delivered, saying why on stderr; LOG_LEVEL=warn adds the send's logs there.`,
};

/** The package's version, from the package.json above this file (src/ in tests, dist/src/ installed). */
function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/**
 * Runs the CLI and returns its exit code: 0 when it ran (whatever it found), 1 when `notify` could
 * not deliver its findings, 2 for bad usage or a malformed setting.
 */
export async function runCli(io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      // A negative code (`msdk explain -303`) is text, not an option: a leading space keeps parseArgs off it.
      args: io.argv.map((a) => (/^-\d/.test(a) ? ` ${a}` : a)),
      allowPositionals: true,
      strict: true,
      options: {
        json: { type: 'boolean', default: false },
        lang: { type: 'string' },
        wecom: { type: 'boolean', default: false },
        file: { type: 'string', multiple: true, default: [] },
        summary: { type: 'boolean', default: false },
        top: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    const [command = '', ...words] = positionals;
    if (values.version) {
      io.stdout(`msdk ${version()}\n`);
      return 0;
    }
    if (values.help || command === 'help') {
      io.stdout(`${HELP[command === 'help' ? (words[0] ?? '') : command] ?? HELP['']}\n`);
      return 0;
    }
    if (words.length === 0 && values.file.length === 0 && io.stdinIsTerminal && command in HELP) {
      const why = command ? `msdk ${command}: no TEXT and standard input is a terminal` : 'msdk: missing command';
      io.stderr(`${why}\n${HELP[command]}\n`);
      return 2;
    }
    if (command !== 'explain' && command !== 'scan' && command !== 'notify' && command !== 'feedback') {
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
    }
    const settings = cliSettings(io.env);
    const lang = values.lang === undefined ? settings.lang : parseLang(values.lang);
    if (!lang) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not '${values.lang}'`);
    if (command === 'feedback') return (await import('./feedback.js')).feedbackCommand(io, values.json);
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && !(Number.isSafeInteger(top) && top > 0))
      throw new UsageError(`--top must be a positive whole number, not '${values.top}'`);
    const summary = values.summary || top !== undefined;
    if (summary && command !== 'scan') throw new UsageError('--summary and --top are options of scan');
    if (values.file.length > 0 && words.length > 0) throw new UsageError('give TEXT or --file, not both');
    if (command === 'notify' && !values.wecom) throw new UsageError('notify needs a destination: --wecom');

    if (command === 'explain' && words.length > 0) {
      const analysis = analyze(words.map((w) => w.trim()).join(' '), {
        mode: 'explain',
        lang,
        maxBytes: settings.maxInputBytes,
      });
      printAnalysis(io, analysis, values.json, lang);
      return 0;
    }
    // Reading input (files, stdin, streaming) is loaded only when there is input to read: a look-up starts faster.
    const { runOnInput } = await import('./scan-stream.js');
    return await runOnInput(io, {
      command,
      lang,
      json: values.json,
      files: values.file,
      words,
      maxInputBytes: settings.maxInputBytes,
      scanThreads: settings.scanThreads,
      ...(summary && { summary: { ...(top !== undefined && { top }) } }),
    });
  } catch (err) {
    if (err instanceof InputFormatError) {
      io.stderr(`msdk: ${err.message}\n`);
      return 2;
    }
    if (
      err instanceof UsageError ||
      err instanceof ConfigError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr(`msdk: ${(err as Error).message.split('\n')[0]} (${USAGE})\n`);
      return 2;
    }
    throw err;
  }
}
