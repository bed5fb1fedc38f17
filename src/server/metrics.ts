import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { Analysis, Catalog } from '../core/index.js';

/**
 * Why an incoming event got no answer on purpose: the `reason` label of msdk_events_dropped_total.
 * Label values are snake_case, as Prometheus' own are; Slack and WeCom share this one list.
 */
export const DROP_REASONS = [
  // both platforms
  'duplicate',
  'forged',
  'stale',
  'oversized',
  'malformed',
  // Slack
  'bot',
  'edit',
  'subtype',
  'channel_type',
  'repeat',
  'busy',
  'shed',
  'not_ready',
  'muted',
  'not_installed',
  'installations_unreachable',
  // WeCom
  'decrypt',
  'receive_id',
  'aborted',
  'shutting_down',
  'non_text',
  'webhook_origin',
  'no_webhook',
] as const;
export type DropReason = (typeof DROP_REASONS)[number];

/** One registry per bot instance, so tests can run several bots in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    messagesScanned: new Counter({
      name: 'msdk_messages_scanned_total',
      help: 'Messages run through the core, by platform',
      labelNames: ['platform'] as const,
      registers,
    }),
    findings: new Counter({
      name: 'msdk_findings_total',
      help: 'Errors found in messages, by table and action class',
      labelNames: ['table', 'action'] as const,
      registers,
    }),
    replies: new Counter({
      name: 'msdk_replies_total',
      help: 'Replies the bot tried to post, by platform and outcome (posted, failed)',
      labelNames: ['platform', 'outcome'] as const,
      registers,
    }),
    apiLatency: new Histogram({
      name: 'msdk_api_request_duration_seconds',
      help: 'Latency of Slack Web API and WeCom webhook calls',
      labelNames: ['platform', 'method'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    eventsDropped: new Counter({
      name: 'msdk_events_dropped_total',
      help: 'Incoming events not answered on purpose, by platform and reason (duplicate, bot, edit, forged, ...)',
      labelNames: ['platform', 'reason'] as const,
      registers,
    }),
    eventsDeferred: new Counter({
      name: 'msdk_events_deferred_total',
      help: 'Events acknowledged at once whose work waited for a free slot (the process was at capacity), by platform',
      labelNames: ['platform'] as const,
      registers,
    }),
    wecomWebhookErrors: new Counter({
      name: 'msdk_wecom_webhook_errors_total',
      help: 'WeCom webhook attempts that failed, by errcode (45009, 93000, ...) or transport failure',
      labelNames: ['errcode'] as const,
      registers,
    }),
    feedback: new Counter({
      name: 'msdk_feedback_total',
      help: 'Votes on answers (once per user and reply), by vote (up, down), table and code (catalog codes; other for the rest)',
      labelNames: ['vote', 'table', 'code'] as const,
      registers,
    }),
    storeEvictions: new Counter({
      name: 'msdk_store_evictions_total',
      help: 'In-memory store entries evicted before their TTL because the store was full (STORE_MAX_ENTRIES)',
      registers,
    }),
    storeFallbacks: new Counter({
      name: 'msdk_store_fallbacks_total',
      help: 'Store operations that fell back to memory because Redis was unavailable',
      registers,
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function countDrop(metrics: Metrics, platform: 'slack' | 'wecom', reason: DropReason): void {
  metrics.eventsDropped.inc({ platform, reason });
}

/** One message run through the core on `platform`, and one count per finding in it. */
export function countAnalysis(metrics: Metrics, platform: 'slack' | 'wecom', analysis: Analysis): void {
  metrics.messagesScanned.inc({ platform });
  for (const f of analysis.findings) metrics.findings.inc({ table: f.table, action: f.action });
}

/**
 * A vote's `code` label: the code when the catalog lists it in that table, else `other`. A vote's
 * button value comes back from the client, and any integer would otherwise become a new series.
 */
export function feedbackCodeLabel(catalog: Catalog, table: string, code: number): string {
  const listed = (rows: readonly { table: string }[]) => rows.some((r) => r.table === table);
  return listed(catalog.lookup(code)) || listed(catalog.supplementFor(code)) ? String(code) : 'other';
}
