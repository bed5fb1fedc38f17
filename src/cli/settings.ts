import { DEFAULT_MAX_BYTES, LANGS, type Lang } from '../core/index.js';
import { ConfigError } from '../errors.js';

/**
 * The settings the `msdk` command reads, refused when malformed exactly as the server's schema
 * (src/config.ts) refuses them, but without loading zod on every start. An empty variable counts as
 * unset (`MSDK_LANG= msdk scan` uses the default). test/cli/settings.test.ts holds
 * the two to the same answers.
 */
export interface CliSettings {
  lang: Lang;
  maxInputBytes: number;
  /** MSDK_SCAN_THREADS: worker threads for a big scan (0: none); undefined: one per core beside the main thread. */
  scanThreads?: number;
}

export function cliSettings(env: NodeJS.ProcessEnv): CliSettings {
  const problems: string[] = [];
  const langValue = env.MSDK_LANG || undefined;
  const lang = langValue === undefined ? 'ko' : LANGS.find((l) => l === langValue);
  if (!lang) problems.push(`MSDK_LANG must be one of ${LANGS.join(', ')}; got ${JSON.stringify(langValue)}`);
  const maxValue = env.MAX_INPUT_BYTES || undefined;
  const maxInputBytes = maxValue === undefined ? DEFAULT_MAX_BYTES : Number(maxValue);
  if (!Number.isSafeInteger(maxInputBytes) || maxInputBytes <= 0)
    problems.push(`MAX_INPUT_BYTES must be a whole number of bytes above 0; got ${JSON.stringify(maxValue)}`);
  const threadsValue = env.MSDK_SCAN_THREADS || undefined;
  const scanThreads = threadsValue === undefined ? undefined : Number(threadsValue);
  if (threadsValue !== undefined && !(/^\d+$/.test(threadsValue) && scanThreads! <= 64))
    problems.push(`MSDK_SCAN_THREADS must be a whole number from 0 to 64; got ${JSON.stringify(threadsValue)}`);
  if (!lang || problems.length > 0) throw new ConfigError(`invalid configuration: ${problems.join('; ')}`);
  return { lang, maxInputBytes, ...(scanThreads !== undefined && { scanThreads }) };
}
