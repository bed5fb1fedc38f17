#!/usr/bin/env node
import { existsSync, fstatSync } from 'node:fs';
import { exitQuietlyOnClosedPipe } from '../process.js';
import { runCli } from './run.js';

exitQuietlyOnClosedPipe();
// The same `.env` as `npm start` (dotenv there), read quietly: stdout is the command's answer (`--json`
// is parsed), and an unreadable .env is skipped as dotenv skips it. Node's own reader parses it alike
// and costs nothing to load (dotenv: ~15 ms of every start).
try {
  if (existsSync('.env')) process.loadEnvFile('.env');
} catch {
  // not a readable file: no settings from it
}

/** Size of standard input when it is a regular file (`msdk scan < big.log`), for the progress line. */
function stdinSize(): number | undefined {
  try {
    const st = fstatSync(0);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined;
  }
}
const size = stdinSize();

runCli({
  argv: process.argv.slice(2),
  stdin: () => process.stdin,
  ...(size !== undefined && { stdinSize: size }),
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  stdinIsTerminal: process.stdin.isTTY === true,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`msdk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
