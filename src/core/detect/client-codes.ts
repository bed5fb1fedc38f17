import type { Catalog, ClientRow } from '../catalog.js';
import { isWordChar } from '../chars.js';
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
/**
 * The WeChat SDK's request and response classes, as its iOS header `WXApiObject.h` (`SendMessageToWXResp`,
 * `PayResp`, `WXLaunchMiniProgramResp`) and its Android packages (`SendMessageToWX.Resp`) name them;
 * `SendAuth…` is one of WECHAT_SDK's words. Checked with their case (CLASS_CASE_RE): `payResp` is any variable.
 */
const WECHAT_CLASSES =
  'SendMessageToWX\\.?(?:Req|Resp)|WXMediaMessage|Pay(?:Req|Resp)|WXLaunchMiniProgram(?:\\.?(?:Req|Resp))?|(?:GetMessageFrom|ShowMessageFrom|LaunchFrom)WXReq';
const CLASS_CASE_RE = new RegExp(`^(?:${WECHAT_CLASSES})$`);
const WORD_BEFORE = '(?<![A-Za-z0-9_])';
const WORD_AFTER = '(?![A-Za-z0-9_])';

/** The catalog's own names of client codes, read into the RegExps that find them (built once per catalog). */
interface NameReaders {
  /**
   * Every kind of evidence in one pass over the text (a log of megabytes is read once, not once per
   * rule): group 1 MSDK's callbacks, 2 callback prose, 3 the WeChat SDK, 4 the QQ SDK, 5 a `flag` word,
   * 6 a client code's name or constant as data/client.json lists it, 7 a WeChat SDK class.
   */
  evidence: RegExp;
  /** The names beside which readNames looks for a value: `eFlag_` names and the listed names, with their case. */
  names: RegExp;
}
const readers = new WeakMap<Catalog, NameReaders>();

function readersFor(catalog: Catalog): NameReaders {
  let r = readers.get(catalog);
  if (r) return r;
  // MSDK's flags are found by their `eFlag_` prefix (one of CALLBACK's words); every other name as the data lists it.
  const listed = catalog.client
    .flatMap((row) => [row.name, row.constant?.name])
    .filter((n): n is string => n !== undefined && !/^eFlag_/i.test(n))
    .sort((a, b) => b.length - a.length);
  const names = listed.length > 0 ? listed.join('|') : '(?!)';
  r = {
    evidence: new RegExp(
      // The word boundary before a name is checked on a match (evidenceIn), not at every position of a log.
      `(${CALLBACK})|(${CALLBACK_PROSE})|(${WECHAT_SDK})|(${QQ_SDK})|(flag)|(${names})${WORD_AFTER}|(${WECHAT_CLASSES})${WORD_AFTER}`,
      'gi',
    ),
    names: new RegExp(`${WORD_BEFORE}(?:eFlag_[A-Za-z_]+|${names})${WORD_AFTER}`, 'g'),
  };
  readers.set(catalog, r);
  return r;
}
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
/** `|1000|eFlag_QQ_NoAcessToken|`, `eFlag_WX_NotInstall = 2000`, `eFlag_Checking_Token（5001）`. */
const NUMBER_BEFORE_RE = /(-?\d{1,5})\s*\|\s*$/;
const NUMBER_AFTER_RE = /^\s*(?:=|\||（|\()\s*(-?\d{1,5})/;
/**
 * `errCode=-6`, `resp.errCode: -2`, `error_code 是-6`, `errCode === -2`; the QQ SDK's send result also as
 * `code` / `result`.
 */
const SDK_CODE_RE =
  /(?<![A-Za-z0-9_])(?:resp\.)?(err_?code|error_?code|(?:send)?result|code)["']?\s*(={1,3}|:|是|为)?\s*["']?(-?\d{1,5})(?!\d)/gi;
const ERRCODE_KEY_RE = /^(?:err_?code|error_?code)$/i;

/** How far from an enum name its value may be printed. */
const BESIDE = 24;
/** How far around a number the SDK's words (or, listening, MSDK's callbacks) count as its evidence. */
const NEAR = 300;
/**
 * How far after them the WeChat SDK's words count for an `errCode` compared in source code. Code names
 * the SDK once, in the callback's signature (`-(void)onResp:(BaseResp*)resp {`, `public void
 * onResp(BaseResp resp) {`) or a cast, and compares `errCode` many lines below: a callback of some 50
 * lines. Only a comparison (`==`, `===`), which prose and logs do not write, reaches so far, and only
 * inside the block the words stand in or open (inSdkBlock): a log's `errCode=-2` still needs them within NEAR.
 */
const SOURCE_REACH = 2000;

interface Evidence {
  callback: number[];
  prose: number[];
  wechat: number[];
  qq: number[];
  flag: boolean;
  names: boolean;
}

function evidenceIn(text: string, re: RegExp): Evidence {
  const e: Evidence = { callback: [], prose: [], wechat: [], qq: [], flag: false, names: false };
  for (const m of text.matchAll(re)) {
    if (m[1] !== undefined) {
      e.callback.push(m.index);
      if (m[1].toLowerCase() === 'eflag_') e.flag = e.names = true;
    } else if (m[2] !== undefined) e.prose.push(m.index + m[2].length);
    else if (m[3] !== undefined) e.wechat.push(m.index);
    else if (m[4] !== undefined) e.qq.push(m.index);
    else if (m[5] !== undefined) e.flag = true;
    else if (m.index > 0 && isWordChar(text.charCodeAt(m.index - 1)))
      continue; // inside a longer name
    else if (m[6] !== undefined) e.names = true;
    else if (CLASS_CASE_RE.test(m[7]!)) e.wechat.push(m.index);
  }
  return e;
}

export function detectClientCodes(text: string, catalog: Catalog, mode: Mode): ClientCodes {
  const occurrences: ClientOccurrence[] = [];
  // Every offset inside a claimed number (a few characters each): a look-up per backend candidate.
  const claimed = new Set<number>();
  const none = { occurrences, claims: () => false };
  if (catalog.client.length === 0) return none;
  const read = readersFor(catalog);
  const e = evidenceIn(text, read.evidence);
  if (!e.flag && !e.names && e.callback.length + e.prose.length + e.wechat.length + e.qq.length === 0) return none;
  const seen = new Set<number>();
  const take = (row: ClientRow, index: number, span: [number, number]) => {
    if (seen.has(span[0])) return;
    seen.add(span[0]);
    for (let i = span[0]; i < span[1]; i++) claimed.add(i);
    occurrences.push({ row, index });
  };

  if (e.names) readNames(text, catalog, read.names, e.wechat, take);
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
  // An SDK's errCode near the SDK's own words (the WeChat SDK's: also compared in code below them).
  if (e.wechat.length + e.qq.length > 0) {
    e.wechat.sort((a, b) => a - b);
    const found: Array<{ at: number; code: number; errCodeKey: boolean; compared: boolean }> = [];
    for (const [from, to] of windows(
      [...e.wechat, ...e.qq].sort((a, b) => a - b),
      text.length,
      e.wechat.length > 0 ? SOURCE_REACH : NEAR,
    )) {
      for (const m of matchesIn(SDK_CODE_RE, text, from, to)) {
        const { at, code } = number(m, 3);
        // WeChat's result is always `errCode`; a bare `code` / `result` is only the QQ SDK's send result.
        found.push({ at, code, errCodeKey: ERRCODE_KEY_RE.test(m[1]!), compared: m[2]?.startsWith('==') ?? false });
      }
    }
    const compared = found.filter((f) => f.errCodeKey && f.compared).map((f) => f.at);
    const inBlock = compared.length > 0 ? inSdkBlock(text, e.wechat, compared) : new Set<number>();
    for (const { at, code, errCodeKey } of found) {
      let table: ClientTableId | undefined;
      if (
        errCodeKey &&
        (hasWithin(e.wechat, at - NEAR, at + NEAR) || inBlock.has(at)) &&
        catalog.clientRow('wechat-sdk', code)
      )
        table = 'wechat-sdk';
      else if (hasWithin(e.qq, at - NEAR, at + NEAR) && catalog.clientRow('qq-sdk', code)) table = 'qq-sdk';
      const row = table && catalog.clientRow(table, code);
      if (row) take(row, at, spanAt(text, at));
    }
  }
  occurrences.sort((a, b) => a.index - b.index);
  return { occurrences, claims: (index) => claimed.has(index) };
}

/**
 * Which of the sorted offsets of compared errCodes stand in a block the WeChat SDK's words (sorted)
 * name, within SOURCE_REACH after them. Words in a block's header name the block they open
 * (`-(void)onResp:(BaseResp*)resp {`, `if ([resp isKindOfClass:[SendAuthResp class]]) {`); words in a
 * statement (`SendAuthResp *r = (SendAuthResp *)resp;`) name the block they stand in. So
 * `if (r.errCode == -2)` below them counts, one in the next function (the named block closed in
 * between) does not. One pass over the stretches after the words, counting braces: linear in the text.
 */
function inSdkBlock(text: string, words: readonly number[], ats: readonly number[]): Set<number> {
  const out = new Set<number>();
  let w = 0;
  let a = 0;
  for (const [from, to] of windows(words, text.length, SOURCE_REACH, 0)) {
    // Per open block, whether the SDK is named in it or its header (index 0: the level the stretch starts at).
    const named: boolean[] = [false];
    let namedCount = 0;
    // The statement or header under way names the SDK (a `{`, `;` or `}` decides which).
    let pending = false;
    const nameTop = () => {
      if (named[named.length - 1]) return;
      named[named.length - 1] = true;
      namedCount++;
    };
    while (a < ats.length && ats[a]! < from) a++;
    for (let i = from; i < to && a < ats.length; i++) {
      while (w < words.length && words[w]! <= i) {
        pending = true;
        w++;
      }
      if (ats[a] === i) {
        // Words of the errCode's own statement are within NEAR, read there.
        if (namedCount > 0) out.add(i);
        a++;
      }
      const c = text.charCodeAt(i);
      if (c === 0x7b /* { */) {
        named.push(pending);
        if (pending) namedCount++;
        pending = false;
      } else if (c === 0x3b /* ; */) {
        if (pending) nameTop();
        pending = false;
      } else if (c === 0x7d /* } */) {
        pending = false;
        // The block closes: what named it no longer counts (at the stretch's own level, it ends too).
        if (named.length > 1) {
          if (named.pop()) namedCount--;
        } else if (named[0]) {
          named[0] = false;
          namedCount--;
        }
      }
    }
    while (w < words.length && words[w]! < to) w++;
  }
  return out;
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

/** The stretches from `before` ahead of to `after` past any of the sorted offsets, merged: each part of the text is read once. */
function windows(
  sorted: readonly number[],
  length: number,
  after = NEAR,
  before = NEAR,
): Array<readonly [number, number]> {
  const out: Array<[number, number]> = [];
  for (const at of sorted) {
    const from = Math.max(0, at - before);
    const to = Math.min(length, at + after);
    const last = out[out.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else out.push([from, to]);
  }
  return out;
}

/**
 * Enum names, each with the number printed beside it (claimed when it is the name's own value). A
 * name of the SDK's own (`eFlag_WX_UserCancel`, `WXErrCodeAuthDeny`) answers alone. A constant
 * (`ERR_AUTH_DENIED`, see ClientRow.constant) is a generic name other SDKs use too, so it answers only
 * printed with its own value (`ERR_AUTH_DENIED = -4`, never another vendor's `ERR_AUTH_DENIED = 2`), and
 * with the SDK named within NEAR or listed with another of the table's failures beside its own value
 * (`ERR_AUTH_DENIED = -4（…） ERR_USER_CANCEL = -2（…）`: two of the SDK's values agreeing is no accident).
 */
function readNames(
  text: string,
  catalog: Catalog,
  namesRe: RegExp,
  wechat: readonly number[],
  take: (row: ClientRow, index: number, span: [number, number]) => void,
): void {
  const constants: Array<{ row: ClientRow; name: string; at: number; span: [number, number] }> = [];
  for (const m of text.matchAll(namesRe)) {
    const named = catalog.clientNamed(m[0]);
    const row = named ?? catalog.clientConstant(m[0]);
    if (!row) continue;
    const value = valueBeside(text, m.index, m[0].length, row.code);
    if (named) take(row, m.index, value ?? [m.index, m.index + m[0].length]);
    else if (value) constants.push({ row, name: m[0], at: m.index, span: value });
  }
  if (constants.length === 0) return;
  // For each constant, the failures of its table listed within NEAR (distinct names): a sliding window.
  const inWindow = new Map<string, number>();
  const add = (i: number, by: number) => {
    const c = constants[i]!;
    if (c.row.code === 0) return;
    const key = `${c.row.table}\u0000${c.name}`;
    const n = (inWindow.get(key) ?? 0) + by;
    if (n === 0) inWindow.delete(key);
    else inWindow.set(key, n);
  };
  let lo = 0;
  let hi = 0;
  for (const c of constants) {
    while (hi < constants.length && constants[hi]!.at <= c.at + NEAR) add(hi++, 1);
    while (constants[lo]!.at < c.at - NEAR) add(lo++, -1);
    let listed = 0;
    for (const key of inWindow.keys()) if (key.startsWith(`${c.row.table}\u0000`)) listed++;
    if (listed >= 2 || hasWithin(wechat, c.at - NEAR, c.at + NEAR)) take(c.row, c.at, c.span);
  }
}

/** The span of `code` printed right beside the name at `at` (a bounded look on its line, whatever the line's length). */
function valueBeside(text: string, at: number, length: number, code: number): [number, number] | undefined {
  const from = Math.max(0, at - BESIDE);
  const head = text.slice(from, at);
  const lineStart = from + head.lastIndexOf('\n') + 1;
  const tail = text.slice(at + length, at + length + BESIDE);
  const before = NUMBER_BEFORE_RE.exec(text.slice(lineStart, at));
  if (before && Number(before[1]) === code) {
    const start = lineStart + before.index;
    return [start, start + before[1]!.length];
  }
  const after = NUMBER_AFTER_RE.exec(tail.split('\n', 1)[0]!);
  if (after && Number(after[1]) === code) {
    const start = at + length + after.index + after[0].length - after[1]!.length;
    return [start, start + after[1]!.length];
  }
  return undefined;
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
