/**
 * One conversation policy for every chat surface (Slack's message, mention, shortcut and `/msdk`,
 * WeCom's callback): inbound → Turn → `respond` → render → send → `delivered`. Platform-free, like
 * src/team/: it imports no adapter, server, store implementation or config.
 */
export { delivered } from './delivered.js';
export { respond, stillWanted } from './respond.js';
export { claimNewInThread } from './thread-memory.js';
export type { Answer, ConversationDeps, Outcome, Silence, Turn } from './turn.js';
