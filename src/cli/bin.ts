#!/usr/bin/env node
import { config as loadDotenv } from 'dotenv';
import { exitQuietlyOnClosedPipe } from '../process.js';
import { runCli } from './run.js';

exitQuietlyOnClosedPipe();
// The same `.env` as `npm start`, read quietly: stdout is the command's answer (`--json` is parsed).
loadDotenv({ quiet: true });

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

runCli({
  argv: process.argv.slice(2),
  stdin: readStdin,
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
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
