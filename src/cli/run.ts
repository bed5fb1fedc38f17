import { parseArgs } from 'node:util';
import { analyze } from '../core/analyze.js';
import { defaultCatalog } from '../core/catalog.js';
import { formatPlain } from '../core/present.js';
import { LANGS, parseLang, type Mode } from '../core/types.js';
import { ConfigError, UsageError } from '../errors.js';
import { type Chunks, fileInput, readBounded, type ScanInput, scanInputs } from './scan-stream.js';
import { cliSettings } from './settings.js';
import { formatSummary, summaryJson, topFindings } from './summary.js';

const USAGE =
  'usage: msdk explain|scan [--json] [--lang ko|en|zh] [--file PATH]... [TEXT...] | msdk scan --summary|--top N ... | msdk notify --wecom [--file PATH]... [TEXT...]';

export interface CliIo {
  argv: string[];
  /** Standard input: the byte stream (bin.ts), or its whole text at once. */
  stdin: () => Chunks | Promise<string>;
  /** Size of standard input when it is a regular file (`msdk scan < big.log`): progress needs it. */
  stdinSize?: number;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Whether stderr is a terminal: the progress line is drawn only there. */
  stderrIsTTY?: boolean;
  env: NodeJS.ProcessEnv;
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
      },
    });
    const [command, ...words] = positionals;
    if (values.help || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (command !== 'explain' && command !== 'scan' && command !== 'notify') {
      throw new UsageError(command ? `unknown command '${command}'` : 'missing command');
    }
    const settings = cliSettings(io.env);
    const lang = values.lang === undefined ? settings.lang : parseLang(values.lang);
    if (!lang) throw new UsageError(`--lang must be one of ${LANGS.join(', ')}, not '${values.lang}'`);
    const top = values.top === undefined ? undefined : Number(values.top);
    if (top !== undefined && !(Number.isSafeInteger(top) && top > 0))
      throw new UsageError(`--top must be a positive whole number, not '${values.top}'`);
    const summary = values.summary || top !== undefined;
    if (summary && command !== 'scan') throw new UsageError('--summary and --top are options of scan');
    if (values.file.length > 0 && words.length > 0) throw new UsageError('give TEXT or --file, not both');
    const inputs = inputsOf(io, values.file, words);

    if (command === 'notify') {
      if (!values.wecom) throw new UsageError('notify needs a destination: --wecom');
      const { notifyWecom } = await import('./notify.js');
      const scan = (wecomLang: typeof lang) => scanInputs(inputs, { lang: wecomLang, lines: false, ...progressOf(io) });
      const { ok, message } = await notifyWecom(scan, io.env);
      (ok ? io.stdout : io.stderr)(`${(ok ? '' : 'msdk: ') + message}\n`);
      return ok ? 0 : 1;
    }
    if (command === 'scan') {
      const result = await scanInputs(inputs, { lang, lines: summary, ...progressOf(io) });
      const names = inputs.map((i) => i.name);
      const findings = summary ? topFindings(result.findings, top) : result.findings;
      if (values.json)
        io.stdout(`${JSON.stringify({ findings: summary ? summaryJson(findings, names) : findings, matches: [] })}\n`);
      else if (summary) io.stdout(formatSummary(findings, names, defaultCatalog(), lang));
      else io.stdout(formatPlain(result, defaultCatalog(), lang));
      return 0;
    }
    // explain: one message someone asks about, read up to MAX_INPUT_BYTES (TEXT is analysed as given).
    const read =
      words.length > 0
        ? { text: words.map((w) => w.trim()).join(' ') }
        : await readBounded(joined(inputs), settings.maxInputBytes);
    const analysis = analyze(read.text, { mode: command as Mode, lang, maxBytes: settings.maxInputBytes });
    if (read.truncated) analysis.truncated = read.truncated;
    if (values.json) io.stdout(`${JSON.stringify(analysis)}\n`);
    else io.stdout(formatPlain(analysis, defaultCatalog(), lang));
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

/** TEXT arguments, else the `--file`s, else standard input. */
function inputsOf(io: CliIo, files: string[], words: string[]): ScanInput[] {
  if (words.length > 0) return [{ name: 'TEXT', chunks: () => [words.map((w) => w.trim()).join(' ')] }];
  const stdin: ScanInput = {
    name: '-',
    ...(io.stdinSize !== undefined && { size: io.stdinSize }),
    chunks: () => {
      const s = io.stdin();
      return s instanceof Promise
        ? (async function* () {
            yield await s;
          })()
        : s;
    },
  };
  return files.length > 0 ? files.map((f) => fileInput(f, stdin)) : [stdin];
}

async function* joined(inputs: ScanInput[]): AsyncIterable<Uint8Array | string> {
  for (const input of inputs) yield* input.chunks();
}

function progressOf(io: CliIo): { progress?: (s: string) => void } {
  return io.stderrIsTTY ? { progress: io.stderr } : {};
}
