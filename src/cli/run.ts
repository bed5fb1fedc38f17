import { parseArgs } from 'node:util';
import { cliSettings } from '../config.js';
import { analyze, defaultCatalog, formatPlain, LANGS, parseLang, type Mode } from '../core/index.js';
import { ConfigError, UsageError } from '../errors.js';

const USAGE =
  'usage: msdk explain|scan [--json] [--lang ko|en|zh] [TEXT...] | msdk notify --wecom [TEXT...] | msdk feedback [--json]';

export interface CliIo {
  argv: string[];
  stdin: () => Promise<string>;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
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
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    const [command, ...words] = positionals;
    if (values.help || command === 'help') {
      io.stdout(`${USAGE}\n`);
      return 0;
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
