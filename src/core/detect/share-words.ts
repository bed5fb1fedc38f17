import type { TableId } from '../types.js';

/**
 * Share words are evidence for the share tables: `QQ share failed: ret=100021` is /share/qq's 100021
 * (CSRF check), not QQ connect's 100021 (access token). They outweigh a bare platform name (weight 3
 * in classify.ts) and yield to the share paths (`/share/qq`, weight 6) and to QZone named (3 more).
 */
const SHARE_RE = /share|分享|공유|シェア/i;
/** Share words where QZone is not named (`/share/qzone` is no evidence for /share/qq). */
const QQ_SHARE_RE = /^(?![\s\S]*(?:qzone|QQ\s?空间|큐존))[\s\S]*(?:share|分享|공유|シェア)/i;

/** Table hints, each with the id a finding's evidence will name (`share-words`). */
export const SHARE_HINTS: ReadonlyArray<{ id: string; re: RegExp; table: TableId; weight: number }> = [
  { id: 'share-words', re: QQ_SHARE_RE, table: 'qq-share', weight: 4 },
  { id: 'share-words', re: SHARE_RE, table: 'qzone-share', weight: 4 },
];
