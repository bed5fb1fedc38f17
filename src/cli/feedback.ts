/**
 * `msdk feedback [--json]`: the 👎 reports users left on answers, from the store the bot shares
 * (REDIS_URL, Sentinel or Cluster settings; without them a fresh memory store, so none), so the
 * catalog can be corrected. Exit 1 when the configured Redis cannot be reached.
 */
import { loadRedisConfig } from '../config.js';
import { MemoryStore } from '../store/memory.js';
import { RedisStore } from '../store/redis.js';
import type { Store } from '../store/store.js';
import { listReports, type Report } from '../team/index.js';
import type { CliIo } from './io.js';

function line(r: Report): string {
  const codes = r.findings.map((f) => `${f.table} ${f.code}${f.rules ? ` [${f.rules.join(' ')}]` : ''}`).join(', ');
  const comment = r.comment.replace(/\s+/g, ' ').trim();
  return `${r.at}  ${codes}  (${r.platform}, ${r.lang})  ${comment ? JSON.stringify(comment) : '-'}${r.permalink ? `  ${r.permalink}` : ''}`;
}

export async function feedbackCommand(io: CliIo, json: boolean): Promise<number> {
  const settings = loadRedisConfig(io.env);
  let store: Store = new MemoryStore();
  if (settings) {
    const redis = new RedisStore(settings);
    store = redis;
    if (!(await redis.waitReady())) {
      await redis.close();
      io.stderr('msdk: cannot reach Redis to read the feedback\n');
      return 1;
    }
  }
  try {
    const reports = await listReports(store);
    if (json) io.stdout(`${JSON.stringify({ reports })}\n`);
    else io.stdout(reports.length > 0 ? `${reports.map(line).join('\n')}\n` : 'No 👎 reports.\n');
    return 0;
  } finally {
    await store.close();
  }
}
