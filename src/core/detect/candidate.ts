import type { TableId } from '../types.js';
/** What a rule found: a number that may be an error code, with the evidence gathered around it. */

/**
 * `key`: a generic error key (`error_code`, `retcode`): an error field, but the platform is left to
 * the other evidence. `prose`: a number next to an error word or the platform's own message.
 */
export type Field = 'ret' | 'errcode' | 'error' | 'key' | 'prose' | 'bare';

export interface Candidate {
  code: number;
  field: Field;
  /** msg / errmsg / error_description of the same response or log line. */
  message?: string;
  errType?: number;
  /** Prose: the one platform named around the number, when only one is. */
  named?: 'wechat' | 'qq';
  /** The table the codes around it belong to, when they agree (`-1` listed among WeChat codes). */
  neighbour?: TableId;
  /** Offset of the code in the text: findings are reported in order of first appearance. */
  index: number;
  /** The lines the record or number stands on, for table hints. */
  context: string;
  /** Ids of the rules and evidence that made this number a candidate (`field-key`, `error-word`, …). */
  rules: string[];
}
