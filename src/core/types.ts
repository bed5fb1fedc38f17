/** Shared vocabulary of the core. Every adapter (Slack, WeCom, CLI) imports types from here. */

/** The MSDK document's tables (data/catalog.json, data/supplement.json). */
export const DOCUMENT_TABLE_IDS = [
  'access',
  'logic',
  'qq',
  'wechat',
  'gamecenter',
  'qzone-share',
  'qq-share',
  'bluediamond',
] as const;
export type DocumentTableId = (typeof DOCUMENT_TABLE_IDS)[number];

/**
 * The SDKs' own client-side result codes (data/client.json): MSDK's `eFlag` callback flags, the
 * WeChat Open SDK's `BaseResp.errCode`, the QQ SDK's send results. A game meets them in its client
 * callbacks, never in a backend response.
 */
export const CLIENT_TABLE_IDS = ['msdk-client', 'wechat-sdk', 'qq-sdk'] as const;
export type ClientTableId = (typeof CLIENT_TABLE_IDS)[number];

/** Table ids are a contract: other tools read them from `msdk --json`. */
export const TABLE_IDS = [...DOCUMENT_TABLE_IDS, ...CLIENT_TABLE_IDS] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** What the reader should do about an error. A fixed set: renderers give each one a visual cue. */
export const ACTIONS = [
  'none',
  'ignore',
  'retry',
  'back-off',
  'reauthorize',
  'refresh-token',
  'fix-request',
  'contact-support',
  'unknown',
] as const;
export type Action = (typeof ACTIONS)[number];

export const LANGS = ['ko', 'en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

/** `ko`, ` EN ` → the language; anything else → undefined. */
export function parseLang(value: string | undefined): Lang | undefined {
  const v = value?.trim().toLowerCase();
  return LANGS.find((l) => l === v);
}

/** explain: the user asked (a bare code is enough). scan: passive listening, confident detections only. */
export type Mode = 'explain' | 'scan';

export interface Alternative {
  table: TableId;
  meaning: string;
}

export const FINDING_SOURCES = ['row', 'range', 'supplement', 'client', 'unlisted'] as const;
export type FindingSource = (typeof FINDING_SOURCES)[number];

/** One distinct error found in a text, with all prose already in the requested language. */
export interface Finding {
  code: number;
  table: TableId;
  action: Action;
  meaning: string;
  advice: string;
  /**
   * `row`: the MSDK document lists the code; `range`: only one of the document's ranges covers it;
   * `supplement`: not in the document, but in the sourced supplement of platform codes (see `reference`);
   * `client`: an SDK's own client-side result code (an MSDK `eFlag`, a WeChat SDK `errCode`), see `reference`;
   * `unlisted`: an error field carries a code nobody lists: the platform and its own message are all we know.
   */
  source: FindingSource;
  /** https address of the code's public documentation (supplement and client findings). */
  reference?: string;
  /** The SDK's own name of a client code (`eFlag_WX_UserCancel`). */
  name?: string;
  /**
   * The platform's own message (in `message`) says something else than the row's meaning: the row may
   * not fit, so the action is `unknown` and every channel leads with that doubt.
   */
  doubted?: true;
  /** The advice is the catalog's own words, not the document's (the document gives none for this code). */
  authored?: boolean;
  /** Where the platform's current public documentation differs from the document (e.g. WeChat 40032). */
  note?: string;
  /** Other tables that list the same code, best first. */
  alternatives: Alternative[];
  /** The MSDK wrapper (-10000 / -20000) the platform error arrived in. */
  via?: { code: number; table: TableId };
  /** `err_type` from the response, when present: the server's own verdict on the action. */
  errType?: number;
  /** The `msg` / `errmsg` / `error_description` text of the response, when present. */
  message?: string;
  /** How many times this same error occurs in the text. */
  count: number;
  /**
   * Ids of the rules and evidence that produced the finding (docs/detection.md): the detection
   * rules first (`field-key`, `error-word`, `bare-code`, …), then what chose the table
   * (`platform-words`, `meaning-words`, `wrapper`, …). A wrong answer says what to change.
   */
  rules?: string[];
}

export interface SearchMatch {
  code: number;
  table: TableId;
  meaning: string;
  /** 0 (perfect) .. 1 (no match), as fuse.js reports it. */
  score: number;
}

export interface Analysis {
  findings: Finding[];
  matches: SearchMatch[];
  /** Set when the input was longer than the configured limit and only its start was read. */
  truncated?: { readBytes: number; totalBytes: number };
  /** The input looked like bytes, not text (control or replacement characters): nothing was read in it. */
  binary?: true;
}
