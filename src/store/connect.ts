import { readFileSync } from 'node:fs';
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { ConfigError } from '../errors.js';

/** A Redis deployment as operations teams run it: one server (TLS and password in the URL), Sentinel, or Cluster. */
export interface RedisSettings {
  /** `redis://[:password@]host:port[/db]`, or `rediss://` for TLS. */
  url?: string;
  /** Sentinel: where the sentinels are, and the name of the master set they watch. */
  sentinels?: HostPort[];
  sentinelName?: string;
  /** Cluster: some of the nodes (the rest are discovered). */
  clusterNodes?: HostPort[];
  /** Password of the data nodes in Sentinel or Cluster mode (a URL carries its own). */
  password?: string;
  /** TLS towards Sentinel or Cluster nodes (a `rediss://` URL turns it on by itself). */
  tls?: boolean;
  /** PEM file of the CA that signed the servers' certificates, when it is not a public one. */
  tlsCaFile?: string;
}

export interface HostPort {
  host: string;
  port: number;
}

export type RedisClient = Redis | Cluster;

/** `a:26379, b:26379` → host/port pairs; throws on an entry without a valid port. */
export function parseHostPorts(list: string): HostPort[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const at = entry.lastIndexOf(':');
      const port = Number(entry.slice(at + 1));
      if (at <= 0 || !Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new ConfigError(`"${entry}" is not host:port`);
      }
      return { host: entry.slice(0, at).replace(/^\[|\]$/g, ''), port };
    });
}

/** The one ioredis client for these settings; `base` holds the fail-fast options every mode shares. */
export function connectRedis(settings: RedisSettings, base: RedisOptions): RedisClient {
  const ca = settings.tlsCaFile ? readFileSync(settings.tlsCaFile) : undefined;
  const tls = settings.tls || ca ? { ...(ca && { ca }) } : undefined;
  const auth = settings.password ? { password: settings.password } : {};
  if (settings.clusterNodes?.length) {
    return new Cluster(settings.clusterNodes, {
      enableOfflineQueue: false,
      clusterRetryStrategy: base.retryStrategy,
      redisOptions: { ...base, ...auth, ...(tls && { tls }) },
      // Nodes announce their own addresses; TLS needs the name the certificate was issued for.
      ...(tls && { dnsLookup: (address, callback) => callback(null, address) }),
    });
  }
  if (settings.sentinels?.length) {
    return new Redis({
      ...base,
      ...auth,
      sentinels: settings.sentinels,
      name: settings.sentinelName ?? 'mymaster',
      ...(tls && { tls, enableTLSForSentinelMode: true, sentinelTLS: tls }),
    });
  }
  if (!settings.url) throw new ConfigError('connectRedis needs a URL, sentinels or cluster nodes');
  // ioredis turns TLS on for rediss:// by itself; a private CA is added to it.
  return new Redis(settings.url, { ...base, ...(ca && settings.url.startsWith('rediss:') && { tls: { ca } }) });
}
