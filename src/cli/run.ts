import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { cliSettings } from '../config.js';
import { analyze, defaultCatalog, formatPlain, LANGS, parseLang, type Mode } from '../core/index.js';
import { ConfigError, UsageError } from '../errors.js';

const USAGE =
  'usage: msdk explain|scan [--json] [--lang ko|en|zh] [TEXT...] | msdk notify --wecom [TEXT...] | msdk feedback [--json]';

const OPTIONS = `  --json         one JSON object: {"findings":[...],"matches":[...]} (plus "truncated" when the input was cut)
  --lang LANG    answer language: ko, en or zh (default: MSDK_LANG, else ko)
With no TEXT it reads standard input, up to MAX_INPUT_BYTES (default 1048576); longer input is cut, with a note.`;

/** `msdk --help` and `msdk <command> --help`. */
const HELP: Record<string, string> = {
  '': `${USAGE}
  explain   explain the MSDK error codes in TEXT, as when you ask the bot (msdk explain --help)
  scan      report only confident detections in a log or a pasted message, as the bot does unasked
  notify    scan, then send the findings to the WeCom group robot
  msdk --version prints the version.`,
  explain: `usage: msdk explain [--json] [--lang ko|en|zh] [TEXT...]
Explains the MSDK error codes in TEXT: a bare code is enough (msdk explain -303), a JSON response or a
log line is read for its codes, and words search the catalog (msdk explain access token expired).
${OPTIONS}`,
  scan: `usage: msdk scan [--json] [--lang ko|en|zh] [TEXT...]
Reports the errors found with confidence in TEXT (a log, a pasted message), one per distinct error with
its count, in order of first appearance; chatter gives "No MSDK error code found." (grep ERROR server.log | msdk scan)
${OPTIONS}`,
  notify: `usage: msdk notify --wecom [TEXT...]
Scans TEXT (or standard input) and sends the findings to the WeCom group robot of WECOM_WEBHOOK_URL
or WECOM_WEBHOOK_KEY; nothing found, nothing sent. Exits 1 when findings could not be delivered.`,
};

/** The package's version, from the package.json above this file (src/ in tests, dist/src/ installed). */
function version(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

export interface CliIo {
  argv: string[];
  stdin: () => Promise<string>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Standard input is a terminal: with no TEXT, nothing would arrive, so the usage is printed instead. */
  stdinIsTerminal?: boolean;
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
    if (words.length === 0 && io.stdinIsTerminal && command in HELP) {
      const why = command ? `msdk ${command}: no TEXT and standard input is a terminal` : 'msdk: missing command';
      io.stderr(`${why}\n${HELP[command]}\n`);
      return 2;
    }
    const settings = cliSettings(io.env);
    const lang = values.lang === undefined ? settings.lang : parseLang(values.lang);
    if (!lang) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not '${values.lang}'`);
    if (command === 'feedback') return (await import('./feedback.js')).feedbackCommand(io, values.json);
    const text = words.length > 0 ? words.map((w) => w.trim()).join(' ') : await io.stdin();

    if (command === 'notify') {
      if (!values.wecom) throw new UsageError('notify needs a destination: --wecom');
      const { notifyWecom } = await import('./notify.js');
      const { ok, message } = await notifyWecom(text, io.env);
      (ok ? io.stdout : io.stderr)(`${(ok ? '' : 'msdk: ') + message}\n`);
      return ok ? 0 : 1;
    }
    if (command !== 'explain' && command !== 'scan') {
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
    }
    const analysis = analyze(text, { mode: command as Mode, lang, maxBytes: settings.maxInputBytes });
    if (values.json) {
      io.stdout(`${JSON.stringify(analysis)}\n`);
      // The plain output carries this note itself; with --json stdout stays one object.
      const cut = analysis.truncated;
      if (cut)
        io.stderr(
          `msdk: read the first ${cut.readBytes} of ${cut.totalBytes} bytes (raise MAX_INPUT_BYTES to read more)\n`,
        );
    } else io.stdout(formatPlain(analysis, defaultCatalog(), lang));
    return 0;
  } catch (err) {
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
