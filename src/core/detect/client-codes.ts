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
const CALLBACK_RE = /LoginRet|WakeupRet|ShareRet|On(?:Login|Wakeup|Share)Notify|WGGetLoginRecord|eFlag_/i;
/** Prose that says a number is a login callback's result. */
const CALLBACK_PROSE_RE =
  /(?:LoginRet|WakeupRet|ShareRet|On(?:Login|Wakeup|Share)Notify|登[录陆]回调|login callback|로그인 콜백)[^\n\d(){}<>;_-]{0,40}?(-?\d{1,4})(?!\d)/gi;
/** An `eFlag` field: `loginRet.flag = 1004`, `"flag":1004`, `ret.flag: 2002`. */
const FLAG_FIELD_RE = /(?<![A-Za-z0-9_])flag["']?\s*(?:==?|:|是|为|is)\s*["']?(-?\d{1,4})(?!\d)/gi;
const ENUM_NAME_RE = /(?<![A-Za-z0-9_])eFlag_[A-Za-z_]+(?![A-Za-z0-9_])/g;
/** `|1000|eFlag_QQ_NoAcessToken|`, `eFlag_WX_NotInstall = 2000`, `eFlag_Checking_Token（5001）`. */
const NUMBER_BEFORE_RE = /(-?\d{1,5})\s*\|\s*$/;
const NUMBER_AFTER_RE = /^\s*(?:=|\||（|\()\s*(-?\d{1,5})/;

/** The WeChat Open SDK named around an `errCode`: its classes, callbacks, or a WeChat client action. */
const WECHAT_SDK_RE =
  /BaseResp|onResp|SendAuth|sendReq|sendAuthRequest|WXApi|WXEntryActivity|(?:wechat|weixin|微信|위챗)\s?(?:open\s?)?(?:sdk|login|登录|登陆|授权|客户端|로그인|client)|[调唤]起微信/i;
/** The QQ SDK named around a result code. */
const QQ_SDK_RE =
  /UiError|IUiListener|QQApiSendResultCode|QQApiInterface|TencentOpenAPI|(?:\bQQ|手Q)\s?(?:open\s?)?SDK/i;
/** `errCode=-6`, `resp.errCode: -2`, `error_code 是-6`; the QQ SDK's send result also as `code` / `result`. */
const SDK_CODE_RE =
  /(?<![A-Za-z0-9_])(?:resp\.)?(err_?code|error_?code|(?:send)?result|code)["']?\s*(?:==?|:|是|为)?\s*["']?(-?\d{1,5})(?!\d)/gi;
const ERRCODE_KEY_RE = /^(?:err_?code|error_?code)$/i;
/(?<![A-Za-z0-9_])(?:resp\.)?(?:err_?code|error_?code|errCode)["']?\s*(?:==?|:|是|为)?\s*["']?(-?\d{1,5})(?!\d)/gi;
/** How far from an enum name its value may be printed. */
const BESIDE = 24;
/** How far around a number the SDK's words count as its evidence. */
const NEAR = 300;

export function detectClientCodes(text: string, catalog: Catalog, mode: Mode): ClientCodes {
  const occurrences: ClientOccurrence[] = [];
  // Every offset inside a claimed number (a few characters each): a look-up per backend candidate.
  const claimed = new Set<number>();
  if (catalog.client.length === 0) return { occurrences, claims: () => false };
  const seen = new Set<number>();
  const take = (row: ClientRow, index: number, span?: [number, number]) => {
    if (span) {
      if (seen.has(span[0])) return;
      seen.add(span[0]);
      for (let i = span[0]; i < span[1]; i++) claimed.add(i);
    }
    occurrences.push({ row, index });
  };
  const near = (at: number, re: RegExp) => re.test(text.slice(Math.max(0, at - NEAR), at + NEAR));

  if (text.includes('eFlag_') || text.includes('eflag_')) readNames(text, catalog, take);
  if (/flag/i.test(text)) {
    for (const m of text.matchAll(FLAG_FIELD_RE)) {
      const { at, code } = number(m);
      const row = catalog.clientRow('msdk-client', code);
      // A `flag` field alone is MSDK's when the user asks; listening, it needs MSDK's callback named near.
      if (row && (mode === 'explain' || near(at, CALLBACK_RE))) take(row, at, spanAt(text, at));
    }
  }
  if (CALLBACK_RE.test(text) || /[录陆]回调|callback|콜백/i.test(text)) {
    for (const m of text.matchAll(CALLBACK_PROSE_RE)) {
      const { at, code } = number(m);
      const row = catalog.clientRow('msdk-client', code);
      if (row) take(row, at, spanAt(text, at));
    }
  }
  const wechat = WECHAT_SDK_RE.test(text);
  const qq = QQ_SDK_RE.test(text);
  if (wechat || qq) {
    for (const m of text.matchAll(SDK_CODE_RE)) {
      const { at, code } = number(m, 2);
      // WeChat's result is always `errCode`; a bare `code` / `result` is only the QQ SDK's send result.
      const table = sdkTable(at, catalog, code, near, ERRCODE_KEY_RE.test(m[1]!));
      const row = table && catalog.clientRow(table, code);
      if (row) take(row, at, spanAt(text, at));
    }
  }
  occurrences.sort((a, b) => a.index - b.index);
  return { occurrences, claims: (index) => claimed.has(index) };
}

/** Which SDK's table an `errCode` near the SDK's words belongs to (WeChat's when both are named). */
function sdkTable(
  at: number,
  catalog: Catalog,
  code: number,
  near: (at: number, re: RegExp) => boolean,
  errCodeKey: boolean,
): ClientTableId | undefined {
  if (errCodeKey && near(at, WECHAT_SDK_RE) && catalog.clientRow('wechat-sdk', code)) return 'wechat-sdk';
  if (near(at, QQ_SDK_RE) && catalog.clientRow('qq-sdk', code)) return 'qq-sdk';
  return undefined;
}

/** Enum names, each with the number printed beside it (claimed when it is the name's own value). */
function readNames(
  text: string,
  catalog: Catalog,
  take: (row: ClientRow, index: number, span?: [number, number]) => void,
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

/** The number at `at`, sign included. */
function spanAt(text: string, at: number): [number, number] {
  let end = at;
  if (text[end] === '-') end++;
  while (end < text.length && text[end]! >= '0' && text[end]! <= '9') end++;
  return [at, end];
}
