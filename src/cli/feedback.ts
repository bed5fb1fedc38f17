/**
 * `msdk feedback [--json]`: the 👎 reports users left on answers, from the Redis the bot shares
 * (REDIS_URL, Sentinel or Cluster settings), so the catalog can be corrected. Without those settings
 * there is nothing to read (a bot without Redis keeps them in its own memory): exit 2 saying so, not
 * an empty list. Exit 1 when the configured Redis cannot be reached.
 */
import { loadRedisConfig } from '../config.js';
import { RedisStore } from '../store/redis.js';
import { listReports, type Report } from '../team/index.js';
import type { CliIo } from './io.js';

function line(r: Report): string {
  const codes = r.findings.map((f) => `${f.table} ${f.code}${f.rules ? ` [${f.rules.join(' ')}]` : ''}`).join(', ');
  const comment = r.comment.replace(/\s+/g, ' ').trim();
  return `${r.at}  ${codes}  (${r.platform}, ${r.lang})  ${comment ? JSON.stringify(comment) : '-'}${r.permalink ? `  ${r.permalink}` : ''}`;
}

export const NO_STORE =
  'msdk: no store configured, so no 👎 reports to read: set REDIS_URL (or REDIS_SENTINELS or REDIS_CLUSTER_NODES) ' +
  "to the Redis the bot uses; a bot without Redis keeps its reports in its own memory, out of this command's reach\n";

export async function feedbackCommand(io: CliIo, json: boolean): Promise<number> {
  const settings = loadRedisConfig(io.env);
  if (!settings) {
    io.stderr(NO_STORE);
    return 2;
  }
  const store = new RedisStore(settings);
  if (!(await store.waitReady())) {
    await store.close();
    io.stderr('msdk: cannot reach Redis to read the feedback\n');
    return 1;
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
