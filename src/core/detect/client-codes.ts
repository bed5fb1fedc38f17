import type { Catalog, ClientRow } from '../catalog.js';
import type { ClientTableId, Mode } from '../types.js';

/**
 * The SDKs' client-side result codes, read by evidence (issue 22). They never come from a backend: an
 * MSDK `eFlag` arrives in `LoginRet.flag` / `WakeupRet.flag` / `ShareRet.flag`, the WeChat Open SDK's
 * result in `BaseResp.errCode`, the QQ SDK's in its send result. The same numbers are backend codes
 * elsewhere (`1000` is also QZone share's), so a number is read as a client code only with its
 * evidence: the SDK's enum name beside it, a `flag` field, a callback named around it, the SDK's
 * words around an `errCode`. The numbers read so are claimed: the backend reading skips them.
 */

export interface ClientOccurrence {
  row: ClientRow;
  /** Offset of the evidence (the name or the number) in the text. */
  index: number;
}

export interface ClientCodes {
  occurrences: ClientOccurrence[];
  /** Whether a backend candidate at `index` is a number read here as a client code. */
  claims(index: number): boolean;
}

/** MSDK's callback results, where `flag` is an `eFlag`. */
const CALLBACK = 'LoginRet|WakeupRet|ShareRet|On(?:Login|Wakeup|Share)Notify|WGGetLoginRecord|eFlag_';
/** Words that say a number is a login callback's result. */
const CALLBACK_PROSE = '登[录陆]回调|login callback|로그인 콜백';
/** The WeChat Open SDK named around an `errCode`: its classes, callbacks, or a WeChat client action. */
const WECHAT_SDK =
  'BaseResp|onResp|SendAuth|sendReq|sendAuthRequest|WXApi|WXEntryActivity|(?:wechat|weixin|微信|위챗)\\s?(?:open\\s?)?(?:sdk|login|登录|登陆|授权|客户端|로그인|client)|[调唤]起微信';
/** The QQ SDK named around a result code. */
const QQ_SDK =
  'UiError|IUiListener|QQApiSendResultCode|QQApiInterface|TencentOpenAPI|(?:\\bQQ|手Q)\\s?(?:open\\s?)?SDK';
/** The WeChat SDK's own names of its results (`enum WXErrCode` of its iOS header). */
const WECHAT_NAMES = 'WXErrCode[A-Za-z]+|WXSuccess';
/**
 * Every kind of evidence in one pass over the text (a log of megabytes is read once, not once per
 * rule): group 1 MSDK's callbacks, 2 callback prose, 3 the WeChat SDK, 4 the QQ SDK, 5 a `flag` word,
 * 6 a WeChat SDK result's name.
 */
const EVIDENCE_RE = new RegExp(
  `(${CALLBACK})|(${CALLBACK_PROSE})|(${WECHAT_SDK})|(${QQ_SDK})|(flag)|(${WECHAT_NAMES})`,
  'gi',
);
/**
 * MSDK named: evidence for a `flag` field only (`MSDK 1000` is no flag), so looked for only once a
 * `flag` is there. An MSDK log names MSDK on most lines: read with the rest, it cost a 10 MB scan
 * ~10 ms of matches nobody used.
 */
const MSDK_NAMED_RE = /MSDK|WGLogin|WGPlatform/gi;

/** The result beside a callback word: `OnLoginNotify returned 1003`, `登录回调返回 2002` (not `flag(-1)`). */
const RESULT_AFTER_RE = /[^\n\d(){}<>;_-]{0,40}?(-?\d{1,4})(?!\d)/y;
/** An `eFlag` field: `loginRet.flag = 1004`, `"flag":1004`, `ret.flag: 2002`. */
const FLAG_FIELD_RE = /(?<![A-Za-z0-9_])flag["']?\s*(?:==?|:|是|为|is)\s*["']?(-?\d{1,4})(?!\d)/gi;
const ENUM_NAME_RE = /(?<![A-Za-z0-9_])(?:eFlag_[A-Za-z_]+|WXErrCode[A-Za-z]+|WXSuccess)(?![A-Za-z0-9_])/g;
/** `|1000|eFlag_QQ_NoAcessToken|`, `eFlag_WX_NotInstall = 2000`, `eFlag_Checking_Token（5001）`. */
const NUMBER_BEFORE_RE = /(-?\d{1,5})\s*\|\s*$/;
const NUMBER_AFTER_RE = /^\s*(?:=|\||（|\()\s*(-?\d{1,5})/;
/** `errCode=-6`, `resp.errCode: -2`, `error_code 是-6`; the QQ SDK's send result also as `code` / `result`. */
const SDK_CODE_RE =
  /(?<![A-Za-z0-9_])(?:resp\.)?(err_?code|error_?code|(?:send)?result|code)["']?\s*(?:==?|:|是|为)?\s*["']?(-?\d{1,5})(?!\d)/gi;
const ERRCODE_KEY_RE = /^(?:err_?code|error_?code)$/i;

/** How far from an enum name its value may be printed. */
const BESIDE = 24;
/** How far around a number the SDK's words (or, listening, MSDK's callbacks) count as its evidence. */
const NEAR = 300;

interface Evidence {
  callback: number[];
  prose: number[];
  wechat: number[];
  qq: number[];
  flag: boolean;
  names: boolean;
}

function evidenceIn(text: string): Evidence {
  const e: Evidence = { callback: [], prose: [], wechat: [], qq: [], flag: false, names: false };
  for (const m of text.matchAll(EVIDENCE_RE)) {
    if (m[1] !== undefined) {
      e.callback.push(m.index);
      if (m[1].toLowerCase() === 'eflag_') e.flag = e.names = true;
    } else if (m[2] !== undefined) e.prose.push(m.index + m[2].length);
    else if (m[3] !== undefined) e.wechat.push(m.index);
    else if (m[4] !== undefined) e.qq.push(m.index);
    else if (m[5] !== undefined) e.flag = true;
    else e.names = true;
  }
  return e;
}

export function detectClientCodes(text: string, catalog: Catalog, mode: Mode): ClientCodes {
  const occurrences: ClientOccurrence[] = [];
  // Every offset inside a claimed number (a few characters each): a look-up per backend candidate.
  const claimed = new Set<number>();
  const none = { occurrences, claims: () => false };
  if (catalog.client.length === 0) return none;
  const e = evidenceIn(text);
  if (!e.flag && !e.names && e.callback.length + e.prose.length + e.wechat.length + e.qq.length === 0) return none;
  const seen = new Set<number>();
  const take = (row: ClientRow, index: number, span: [number, number]) => {
    if (seen.has(span[0])) return;
    seen.add(span[0]);
    for (let i = span[0]; i < span[1]; i++) claimed.add(i);
    occurrences.push({ row, index });
  };

  if (e.names) readNames(text, catalog, take);
  // A `flag` field alone is MSDK's when the user asks; listening, it needs MSDK or its callback named near.
  const msdkNear =
    mode === 'explain' || !e.flag
      ? []
      : [...e.callback, ...Array.from(text.matchAll(MSDK_NAMED_RE), (m) => m.index)].sort((a, b) => a - b);
  if (e.flag && (mode === 'explain' || msdkNear.length > 0)) {
    for (const [from, to] of mode === 'explain' ? [[0, text.length] as const] : windows(msdkNear, text.length)) {
      for (const m of matchesIn(FLAG_FIELD_RE, text, from, to)) {
        const { at, code } = number(m);
        const row = catalog.clientRow('msdk-client', code);
        if (row) take(row, at, spanAt(text, at));
      }
    }
  }
  // The result printed right after a callback's name or a callback word.
  for (const after of [...e.callback.filter((i) => text[i] !== 'e' && text[i] !== 'E'), ...e.prose]) {
    RESULT_AFTER_RE.lastIndex = wordEnd(text, after);
    const m = RESULT_AFTER_RE.exec(text);
    if (!m) continue;
    const { at, code } = number(m);
    const row = catalog.clientRow('msdk-client', code);
    if (row) take(row, at, spanAt(text, at));
  }
  // An SDK's errCode near the SDK's own words.
  if (e.wechat.length + e.qq.length > 0) {
    for (const [from, to] of windows(
      [...e.wechat, ...e.qq].sort((a, b) => a - b),
      text.length,
    )) {
      for (const m of matchesIn(SDK_CODE_RE, text, from, to)) {
        const { at, code } = number(m, 2);
        // WeChat's result is always `errCode`; a bare `code` / `result` is only the QQ SDK's send result.
        const errCodeKey = ERRCODE_KEY_RE.test(m[1]!);
        let table: ClientTableId | undefined;
        if (errCodeKey && hasWithin(e.wechat, at - NEAR, at + NEAR) && catalog.clientRow('wechat-sdk', code))
          table = 'wechat-sdk';
        else if (hasWithin(e.qq, at - NEAR, at + NEAR) && catalog.clientRow('qq-sdk', code)) table = 'qq-sdk';
        const row = table && catalog.clientRow(table, code);
        if (row) take(row, at, spanAt(text, at));
      }
    }
  }
  occurrences.sort((a, b) => a.index - b.index);
  return { occurrences, claims: (index) => claimed.has(index) };
}

/** The matches of a global RegExp inside [from, to), with offsets in the whole text. */
function matchesIn(re: RegExp, text: string, from: number, to: number): RegExpMatchArray[] {
  const part = from === 0 && to === text.length ? text : text.slice(from, to);
  return [...part.matchAll(re)].map((m) => Object.assign(m, { index: m.index + from }));
}

/** The end of the word at `at` (a callback's name), where its result may follow. */
function wordEnd(text: string, at: number): number {
  let i = at;
  while (i < text.length && /[A-Za-z_]/.test(text[i]!)) i++;
  return i;
}

/** The stretches within NEAR of any of the sorted offsets, merged: each part of the text is read once. */
function windows(sorted: readonly number[], length: number): Array<readonly [number, number]> {
  const out: Array<[number, number]> = [];
  for (const at of sorted) {
    const from = Math.max(0, at - NEAR);
    const to = Math.min(length, at + NEAR);
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/** Enum names, each with the number printed beside it (claimed when it is the name's own value). */
function readNames(
  text: string,
  catalog: Catalog,
  take: (row: ClientRow, index: number, span: [number, number]) => void,
): void {
  for (const m of text.matchAll(ENUM_NAME_RE)) {
    const row = catalog.clientNamed(m[0]);
    if (!row) continue;
    const at = m.index;
    // The number sits right beside the name: a bounded look on its line, whatever the line's length.
    const from = Math.max(0, at - BESIDE);
    const head = text.slice(from, at);
    const lineStart = from + head.lastIndexOf('\n') + 1;
    const tail = text.slice(at + m[0].length, at + m[0].length + BESIDE);
    const before = NUMBER_BEFORE_RE.exec(text.slice(lineStart, at));
    const after = NUMBER_AFTER_RE.exec(tail.split('\n', 1)[0]!);
    const beside = [
      before && Number(before[1]) === row.code ? before : undefined,
      after && Number(after[1]) === row.code ? after : undefined,
    ];
    let span: [number, number] | undefined;
    if (beside[0]) {
      const from = lineStart + beside[0].index;
      span = [from, from + beside[0][1]!.length];
    } else if (beside[1]) {
      const from = at + m[0].length + beside[1].index + beside[1][0].length - beside[1][1]!.length;
      span = [from, from + beside[1][1]!.length];
    }
    take(row, at, span ?? [at, at + m[0].length]);
  }
}

function number(m: RegExpMatchArray, group = 1): { at: number; code: number } {
  const digits = m[group]!;
  return { at: m.index! + m[0].lastIndexOf(digits), code: Number(digits) };
}

/** Whether a sorted list of offsets has one in [from, to]. */
function hasWithin(sorted: readonly number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! <= to;
}

/** The number at `at`, sign included. */
function spanAt(text: string, at: number): [number, number] {
  let end = at;
  if (text[end] === '-') end++;
  while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
  return [at, end];
}
