import { parseArgs } from 'node:util';
import { analyze } from '../core/analyze.js';
import { defaultCatalog } from '../core/catalog.js';
import { formatPlain } from '../core/present.js';
import { LANGS, parseLang } from '../core/types.js';
import { ConfigError, UsageError } from '../errors.js';
import type { Chunks } from './scan-stream.js';
import { cliSettings } from './settings.js';

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
    if (command === 'notify' && !values.wecom) throw new UsageError('notify needs a destination: --wecom');

    if (command === 'explain' && words.length > 0) {
      const analysis = analyze(words.map((w) => w.trim()).join(' '), {
        mode: 'explain',
        lang,
        maxBytes: settings.maxInputBytes,
      });
      io.stdout(values.json ? `${JSON.stringify(analysis)}\n` : formatPlain(analysis, defaultCatalog(), lang));
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
      ...(summary && { summary: { ...(top !== undefined && { top }) } }),
    });
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
