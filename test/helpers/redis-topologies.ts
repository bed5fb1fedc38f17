/**
 * Redis the way operations teams run it, started for real on 127.0.0.1: a TLS server with a
 * password, a Sentinel set (master, replica, sentinel) and a three-node Cluster.
 */
import { type ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, spawnRedisServer } from './redis.js';
import { waitFor } from './wait.js';

const run = promisify(execFile);

export class Proc {
  constructor(
    readonly port: number,
    private readonly child: ChildProcess,
  ) {}

  stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill(signal);
    return gone;
  }
}

/** redis-cli against one server; extra args go before the command (TLS, password). */
export async function cli(port: number, args: string[], conn: string[] = []): Promise<string> {
  const { stdout } = await run('redis-cli', [
    '-h',
    '127.0.0.1',
    '-p',
    String(port),
    '--no-auth-warning',
    ...conn,
    ...args,
  ]);
  return stdout.trim();
}

async function startProcess(args: string[], port: number, conn: string[] = []): Promise<Proc> {
  // In a temp dir: a sentinel or cluster node must not leave dump.rdb or nodes.conf in the repository.
  const child = spawnRedisServer(args, { cwd: tempDir() });
  const proc = new Proc(port, child);
  await waitFor(async () => /PONG|NOAUTH/.test(await cli(port, ['ping'], conn)), `redis on ${port}`, 10_000, 50);
  return proc;
}

const plain = (port: number) => ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'msdk-redis-'));
}

/** A CA and a server certificate for 127.0.0.1, made with openssl for this run only. */
export async function certificates(dir: string): Promise<{ ca: string; cert: string; key: string }> {
  const p = (f: string) => join(dir, f);
  const ssl = (...args: string[]) => run('openssl', args);
  await ssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.crt'),
    '-days',
    '1',
    '-subj',
    '/CN=msdk-test-ca',
  );
  await ssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    p('srv.key'),
    '-out',
    p('srv.csr'),
    '-subj',
    '/CN=127.0.0.1',
  );
  writeFileSync(p('ext'), 'subjectAltName=IP:127.0.0.1,DNS:localhost\n');
  await ssl(
    'x509',
    '-req',
    '-in',
    p('srv.csr'),
    '-CA',
    p('ca.crt'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('srv.crt'),
    '-days',
    '1',
    '-extfile',
    p('ext'),
  );
  return { ca: p('ca.crt'), cert: p('srv.crt'), key: p('srv.key') };
}

export async function startTlsServer(
  certs: { ca: string; cert: string; key: string },
  password: string,
): Promise<Proc> {
  const port = await freePort();
  const args = [
    ...plain(0),
    '--tls-port',
    String(port),
    '--tls-cert-file',
    certs.cert,
    '--tls-key-file',
    certs.key,
    '--tls-ca-cert-file',
    certs.ca,
    '--tls-auth-clients',
    'no',
    '--requirepass',
    password,
  ];
  return startProcess(args, port, ['--tls', '--cacert', certs.ca, '-a', password]);
}

/** A master, one replica in sync with it, and one sentinel (quorum 1) that fails over within seconds. */
export async function startSentinelSet(name: string): Promise<{ master: Proc; replica: Proc; sentinel: Proc }> {
  const [mp, rp, sp] = [await freePort(), await freePort(), await freePort()];
  const master = await startProcess(plain(mp), mp);
  const replica = await startProcess([...plain(rp), '--replicaof', '127.0.0.1', String(mp)], rp);
  await waitFor(
    async () => (await cli(rp, ['info', 'replication'])).includes('master_link_status:up'),
    'replica sync',
    10_000,
    50,
  );
  const conf = join(tempDir(), 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${sp}`,
      'bind 127.0.0.1',
      `sentinel monitor ${name} 127.0.0.1 ${mp} 1`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 3000`,
      '',
    ].join('\n'),
  );
  const sentinel = await startProcess([conf, '--sentinel'], sp);
  return { master, replica, sentinel };
}

/** Three masters owning all 16384 slots between them, no replicas. */
export async function startCluster(): Promise<Proc[]> {
  const dir = tempDir();
  const nodes: Proc[] = [];
  for (let i = 0; i < 3; i++) {
    const port = await freePort();
    const args = [
      ...plain(port),
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      '2000',
    ];
    nodes.push(await startProcess(args, port));
  }
  await run('redis-cli', ['--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`), '--cluster-yes']);
  for (const n of nodes) {
    await waitFor(
      async () => (await cli(n.port, ['cluster', 'info'])).includes('cluster_state:ok'),
      'cluster ok',
      15_000,
      100,
    );
  }
  return nodes;
}
