import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/server/metrics.js';
import { createStore, type Store, storeBackend } from '../../src/store/index.js';
import { noRedis } from '../helpers/redis.js';
import {
  certificates,
  cli,
  type Proc,
  startCluster,
  startSentinelSet,
  startTlsServer,
  tempDir,
} from '../helpers/redis-topologies.js';
import { waitFor } from '../helpers/wait.js';

const lines: string[] = [];
const logger = createLogger({ level: 'info', destination: { write: (l: string) => lines.push(l) } });
/** Redis settings are read in server mode: a WeCom robot makes it one. */
const serverEnv = (env: NodeJS.ProcessEnv) => ({ WECOM_WEBHOOK_KEY: 'robot-key', ...env });
const open = (env: NodeJS.ProcessEnv) =>
  createStore({ redis: loadConfig(serverEnv(env)).redis, logger, metrics: createMetrics() });

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.reverse()) await c().catch(() => {});
});
const started = <T extends Proc | Proc[]>(p: T): T => {
  for (const x of Array.isArray(p) ? p : [p]) cleanup.push(() => x.stop('SIGKILL'));
  return p;
};
const closing = (s: Store): Store => {
  cleanup.push(() => s.close());
  return s;
};

describe.skipIf(noRedis)('Redis as operations run it', () => {
  it('TLS with a password (rediss:// and a private CA); the password never reaches a log line', async () => {
    const password = 'tls-pass-9f2c';
    const certs = await certificates(tempDir());
    const server = started(await startTlsServer(certs, password));
    const url = `rediss://:${password}@127.0.0.1:${server.port}`;

    const store = closing(await open({ REDIS_URL: url, REDIS_TLS_CA_FILE: certs.ca }));
    expect(storeBackend(store)).toBe('redis');
    expect(await store.claim('tls-claim', 60)).toBe(true);
    expect(await store.claim('tls-claim', 60)).toBe(false);
    const conn = ['--tls', '--cacert', certs.ca, '-a', password];
    expect(await cli(server.port, ['exists', 'msdk:tls-claim'], conn)).toBe('1');

    // Without the CA the certificate is not trusted: the bot still answers, from memory.
    const untrusted = closing(await open({ REDIS_URL: url }));
    expect(storeBackend(untrusted)).toBe('memory');
    expect(lines.join('\n')).not.toContain(password);
  });

  it('Sentinel: follows the master set, and keeps its state when the master dies and a replica takes over', async () => {
    const { master, replica, sentinel } = await startSentinelSet('msdk-main');
    started([master, replica, sentinel]);
    const store = closing(
      await open({ REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`, REDIS_SENTINEL_NAME: 'msdk-main' }),
    );
    expect(storeBackend(store)).toBe('redis');
    expect(await store.claim('answered-before-failover', 3600)).toBe(true);
    await cli(master.port, ['wait', '1', '2000']);

    await master.stop('SIGKILL');
    await waitFor(
      async () =>
        (await cli(sentinel.port, ['sentinel', 'get-master-addr-by-name', 'msdk-main'])).endsWith(String(replica.port)),
      'the sentinel to promote the replica',
      20_000,
      200,
    );
    await waitFor(
      async () => {
        await store.set('after-failover', 'yes');
        return (await cli(replica.port, ['get', 'msdk:after-failover'])) === 'yes';
      },
      'writes to reach the new master',
      20_000,
      200,
    );
    expect(storeBackend(store)).toBe('redis');
    // A Slack retry of an event answered before the failover still gets no second reply.
    expect(await store.claim('answered-before-failover', 3600)).toBe(false);
  }, 60_000);

  it('Cluster: keys spread over the nodes, and every store operation works on any slot', async () => {
    const nodes = started(await startCluster());
    const store = closing(await open({ REDIS_CLUSTER_NODES: `127.0.0.1:${nodes[0]!.port}` }));
    await waitFor(() => storeBackend(store) === 'redis', 'the cluster client to be ready', 10_000, 50);
    for (let i = 0; i < 30; i++) {
      expect(await store.claim(`event:E${i}`, 60)).toBe(true);
      expect(await store.claim(`event:E${i}`, 60)).toBe(false);
      await store.set(`lang:U${i}`, 'zh', 60);
      expect(await store.get(`lang:U${i}`)).toBe('zh');
      expect(await store.incr(`budget:${i}`, 60)).toBe(1);
    }
    const sizes = await Promise.all(nodes.map(async (n) => Number(await cli(n.port, ['dbsize']))));
    expect(sizes.filter((n) => n > 0).length).toBe(3);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(90);
  }, 60_000);

  it('refuses two Redis forms at once, and a node list that is not host:port, naming the variable', () => {
    expect(() => loadConfig(serverEnv({ REDIS_URL: 'redis://a:1', REDIS_SENTINELS: 'b:2' }))).toThrow(
      /REDIS_URL, REDIS_SENTINELS/,
    );
    expect(() => loadConfig(serverEnv({ REDIS_CLUSTER_NODES: 'node-a:6379,node-b' }))).toThrow(
      /REDIS_CLUSTER_NODES must be/,
    );
  });
});
