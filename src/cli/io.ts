/**
 * What every `msdk` command is given (arguments, standard streams, environment) and how it prints an
 * analysis. Its own module so that run.ts, scan-stream.ts and feedback.ts all import it and none of
 * them imports another back.
 */
import { type Analysis, defaultCatalog, formatPlain, type Lang } from '../core/index.js';

/** Standard input or a file as it arrives: bytes from a stream, or strings (tests, TEXT arguments). */
export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

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
  /** Standard input is a terminal: with no TEXT, nothing would arrive, so the usage is printed instead. */
  stdinIsTerminal?: boolean;
}

/** The answer on stdout. The plain answer says itself when the input was cut; with --json stderr says it. */
export function printAnalysis(io: CliIo, analysis: Analysis, json: boolean, lang: Lang): void {
  if (!json) return void io.stdout(formatPlain(analysis, defaultCatalog(), lang));
  io.stdout(`${JSON.stringify(analysis)}\n`);
  const cut = analysis.truncated;
  if (cut)
    io.stderr(
      `msdk: read the first ${cut.readBytes} of ${cut.totalBytes} bytes (raise MAX_INPUT_BYTES to read more)\n`,
    );
}
