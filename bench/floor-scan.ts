/**
 * The whole-process floor for `msdk scan`: one Node process streaming a file and running one
 * precompiled RegExp over it (`ret=` / `"errcode":` tokens, nothing else). Prints the match count.
 *
 *   node dist/bench/floor-scan.js FILE
 */
import { createReadStream } from 'node:fs';
import { FLOOR_RE } from './floor.js';

let matches = 0;
let carry = '';
const decoder = new TextDecoder();
for await (const chunk of createReadStream(process.argv[2]!, { highWaterMark: 1 << 20 })) {
  // Whole lines only, so no token is split between two chunks.
  const text = carry + decoder.decode(chunk as Buffer, { stream: true });
  const end = text.lastIndexOf('\n') + 1;
  FLOOR_RE.lastIndex = 0;
  const lines = text.slice(0, end);
  while (FLOOR_RE.exec(lines)) matches++;
  carry = text.slice(end);
}
FLOOR_RE.lastIndex = 0;
while (FLOOR_RE.exec(carry)) matches++;
console.log(matches);
