/**
 * Every word the detector knows, kept as data: the field keys with their slot and platform, the
 * error / message / unit / status words per language (ko, en, zh, ja), the platform words and API
 * hosts, and the marks that make a number something else than an error code. The regular
 * expressions the reader, the prose rules, the classifier and the scan pre-filter use are all built
 * from these lists, so one new word reaches scan, explain, the CLI, Slack and WeCom at once.
 */
import type { TableId } from '../types.js';

/** Where the value of a field key goes in a record. */
export type Slot = 'ret' | 'errcode' | 'error' | 'key' | 'errType' | 'msg' | 'errmsg' | 'errorDescription';
/** Slots that hold a code. */
export type CodeSlot = 'ret' | 'errcode' | 'error' | 'key';

export interface FieldKey {
  slot: Slot;
  /** The platform the key alone says (WeChat's `errcode`, QQ connect's `error`); else the evidence decides. */
  platform?: TableId;
}

/** Field keys, matched as whole words in any case. */
export const FIELD_KEYS: Readonly<Record<string, FieldKey>> = {
  ret: { slot: 'ret' },
  errcode: { slot: 'errcode', platform: 'wechat' },
  err_code: { slot: 'errcode', platform: 'wechat' },
  error: { slot: 'error', platform: 'qq' },
  // Generic error keys: an error field, but the platform is left to the other evidence.
  error_code: { slot: 'key' },
  errorcode: { slot: 'key' },
  retcode: { slot: 'key' },
  err_type: { slot: 'errType' },
  // Keys whose value is a message: read as text even when it starts with the platform's code (`msg=-24,openid...`).
  msg: { slot: 'msg' },
  errmsg: { slot: 'errmsg' },
  err_msg: { slot: 'errmsg' },
  error_msg: { slot: 'errmsg' },
  error_message: { slot: 'errmsg' },
  errormessage: { slot: 'errmsg' },
  errstr: { slot: 'errmsg' },
  retmsg: { slot: 'errmsg' },
  ret_msg: { slot: 'errmsg' },
  error_description: { slot: 'errorDescription' },
};

export const isCodeSlot = (s: Slot): s is CodeSlot => s === 'ret' || s === 'errcode' || s === 'error' || s === 'key';
export const isMessageSlot = (s: Slot): boolean => s === 'msg' || s === 'errmsg' || s === 'errorDescription';

/** A word as matched in text: plain (anywhere, also inside a longer word), or bounded on one or both sides. */
export interface Word {
  w: string;
  /** `whole`: `\bw\b`; `start`: `\bw`; `end`: `w\b`. */
  bound?: 'whole' | 'start' | 'end';
}
const words = (...ws: Array<string | Word>): Word[] => ws.map((w) => (typeof w === 'string' ? { w } : w));
const whole = (w: string): Word => ({ w, bound: 'whole' });
const start = (w: string): Word => ({ w, bound: 'start' });

export type WordLang = 'en' | 'ko' | 'zh' | 'ja';
const LANG_ORDER: WordLang[] = ['en', 'ko', 'zh', 'ja'];

/** Words that make a nearby number an error code. */
export const ERROR_WORDS: Readonly<Record<WordLang, Word[]>> = {
  en: words('error', whole('err'), 'errno', 'code', 'fail', whole('ret'), start('fault'), 'exception'),
  ko: words('에러', '오류', '실패', '코드', '예외'),
  zh: words('错误', '报错', '失败', '返回', '代码', '错误码', '异常'),
  ja: words('エラー', '失敗', '異常', '例外', '戻り値', '返り値'),
};

/**
 * Words of the platforms' own messages (`40013,invalid appid`, `access token is invalid(100013)`): not
 * error words, but a line holding one beside a number is worth reading for a code the words describe.
 */
export const MESSAGE_WORDS: Readonly<Record<WordLang, Word[]>> = {
  en: words(
    'invalid',
    { w: 'expired?', bound: 'end' },
    'illegal',
    'denied',
    'permission',
    'not exist',
    'fail',
    // WeChat's own errmsg words (`reach max api daily quota limit`, `api unauthorized`).
    'quota',
    'unauthori[sz]ed',
  ),
  ko: words('만료', '권한', '유효하지', '존재하지'),
  zh: words('不合法', '非法', '无效', '过期', '超时', '失效', '权限', '不存在'),
  ja: words('無効', '不正', '期限切れ', '権限'),
};

/** Platform words: which platform a text names. */
export const PLATFORM_WORDS = {
  wechat: words('wechat', 'weixin', '微信', '위챗', 'ウィーチャット', 'ウィチャット'),
  qq: words(start('qq'), '手q', '휴대폰\\s?q', 'qzone', 'モバイルqq'),
  msdk: words('msdk', '游戏中心', '게임\\s?센터', 'ゲームセンター'),
} as const;

/** Table hints: words and API paths that point at one table, with their weight. */
export const TABLE_HINTS: ReadonlyArray<{ id: string; re: RegExp; table: TableId; weight: number }> = [
  { id: 'api-path', re: /\/share\/qq\b/i, table: 'qq-share', weight: 6 },
  { id: 'api-path', re: /\/share\/qzone/i, table: 'qzone-share', weight: 6 },
  { id: 'platform-words', re: /qzone|QQ\s?空间|큐존/i, table: 'qzone-share', weight: 3 },
  { id: 'platform-words', re: /blue\s?diamond|블루\s?다이아|蓝钻|青ダイヤ/i, table: 'bluediamond', weight: 5 },
  {
    id: 'platform-words',
    re: /game\s?cent(?:er|re)|게임\s?센터|游戏中心|gamecenter|ゲームセンター/i,
    table: 'gamecenter',
    weight: 5,
  },
  {
    id: 'platform-words',
    re: /wechat|weixin|위챗|微信|ウィーチャット|\bwx[a-z0-9]{0,2}\b|api\.weixin\.qq\.com|qyapi\.weixin/i,
    table: 'wechat',
    weight: 3,
  },
  {
    id: 'platform-words',
    re: /\bQQ\b|手Q|휴대폰\s?Q|mobile\s?QQ|モバイルQQ|\bmqq\b|graph\.qq\.com/i,
    table: 'qq',
    weight: 3,
  },
  { id: 'api-path', re: /\/auth\//i, table: 'access', weight: 1 },
  { id: 'api-path', re: /\/relation\//i, table: 'logic', weight: 1 },
  { id: 'platform-words', re: /msdk/i, table: 'access', weight: 0.5 },
];

/** Units and counted nouns after a number: a duration, a size or a count (`1002 passed`, `38 errors`). */
export const UNITS_AFTER = {
  cjk: [
    ...['秒', '小时', '時', '时', '分钟', '分', '天', '日', '月', '年', '次', '个', '個', '行', '条', '位', '岁', '号'],
    ...['人', '名', '页', '台', '项', '件', '字节', '字符', '字', '초', '시간', '시', '분', '일', '월', '년', '개'],
    ...['번', '회', '줄', '명', '건', '원', '대', '바이트', '件目', '行目', '文字', '回', 'バイト'],
  ],
  latin: [
    ...['ms', 's', 'secs?', 'seconds?', 'mins?', 'minutes?', 'h', 'hrs?', 'hours?', 'days?', 'weeks?', 'months?'],
    ...['years?', 'times', 'lines?', 'users?', 'bytes?', 'items?', 'files?', 'kb', 'mb', 'gb', 'px', 'x', '%'],
    ...['passed', 'failed', 'failures?', 'errors?', 'warnings?', 'problems?', 'tests?', 'specs?', 'total'],
    ...['skipped', 'issues?', 'packages?', 'vulnerabilit(?:y|ies)', 'commits?', 'per', 'requests?', 'calls?', 'qps'],
    ...['chars?', 'characters?'],
  ],
};

/** Before a number: a date, a line, a version, a count's label. */
export const NOT_CODE_BEFORE = {
  latin: [
    ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sept?', 'oct', 'nov', 'dec'],
    ...['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'lines?', 'rows?', 'col(?:umn)?', 'port', 'pid', 'page'],
    ...['step', 'pr', 'issue', 'no', 'v', 'version', 'ver', 'build', 'room', 'node', 'level', 'top', 'total', 'count'],
  ],
  other: ['第', '#', '번호', '编号', '号码'],
};

/** Before a number: a process exit status or an HTTP status, never an MSDK code. */
export const STATUS_BEFORE_SOURCE =
  '(?:exit(?:ed)?(?:[ \\t]+with)?[ \\t]+(?:code|status)|status(?:[ \\t]+code)?(?:[ \\t]+(?:is|was))?|HTTP(?:\\/[\\d.]+)?|状态码?[是为]?|상태\\s?코드|ステータス(?:コード)?)[ \\t]*[:=]?[ \\t]*$';

/**
 * Id keys: the value of one of these is an id, a port or a counter, never an error code
 * (`zoneid=1001`, `serverid=1000`, `uid=100014`, `[pid 40001]`, `req=40035`).
 */
export const ID_KEYS: readonly string[] = [
  ...['zoneid', 'zone_id', 'zone', 'serverid', 'server_id', 'server', 'areaid', 'area_id', 'area', 'worldid'],
  ...['uid', 'userid', 'user_id', 'openid', 'roleid', 'role_id', 'pid', 'tid', 'ppid', 'req', 'reqid', 'req_id'],
  ...['requestid', 'request_id', 'seq', 'seqid', 'id', 'appid', 'app_id', 'gameid', 'game_id', 'partition'],
  ...['platid', 'plat_id', 'port', 'line', 'lineno', 'row', 'col', 'column', 'count', 'size', 'len', 'length'],
  ...['timeout', 'ttl', 'pos', 'offset', 'index', 'idx', 'level', 'lv', 'version', 'ver', 'build', 'qq', 'uin'],
  ...['flag', 'eflag', 'zoneid', 'worldid'],
];

/** Id words that name the number after them without `=` (`[pid 40001]`, `user 7`, `zone 1001`). */
export const ID_WORDS: readonly string[] = [
  'pid',
  'tid',
  'uid',
  'user',
  'userid',
  'zone',
  'zoneid',
  'server',
  'serverid',
  'port',
  'uin',
  'req',
];

/** Another vendor's words: a code beside them is that vendor's, not MSDK's nor WeChat's nor QQ's. */
export const OTHER_VENDORS: readonly string[] = [
  ...['alipay', 'aliyun', 'alibaba', 'dingtalk', 'baidu', 'bytedance', 'douyin', 'tiktok', 'toutiao', 'feishu'],
  ...['huawei', 'xiaomi', 'firebase', 'stripe', 'paypal', 'unionpay', 'jpush', 'getui', 'umeng', 'cloudbase'],
  ...['tencentcloud', 'tencent cloud', 'mysql', 'postgres', 'iabhelper', 'in-app billing'],
  ...['支付宝', '阿里云', '钉钉', '百度', '抖音', '头条', '字节跳动', '飞书', '华为', '小米', '云开发', '腾讯云'],
];

/**
 * Words that only say a text is an error, not which one (`invalid url` beside WeChat's 40007,
 * "invalid media_id", is another vendor's meaning): shared with a row, they never show on their own
 * that the words describe it.
 */
export const GENERIC_MEANING_WORDS: readonly string[] = [
  ...['invalid', 'illegal', 'error', 'errors', 'fail', 'failed', 'failure'],
  ...['无效', '不合法', '非法', '错误', '失败', '오류', '에러', '실패', '유효', '無効', '失敗'],
];

/** Before a number: a size, a limit or a quantity (`超过1024部分`, `at most 1000`, `최대 1000`). */
export const QUANTITY_BEFORE: readonly string[] = [
  ...['超过', '超出', '大于', '小于', '不超过', '不能超过', '最多', '最大', '最长', '最少', '至少', '长度', '大小'],
  ...[
    '上限',
    '前',
    '共',
    '约',
    '仅',
    '只能',
    'more than',
    'less than',
    'at most',
    'at least',
    'up to',
    'max',
    'maximum',
  ],
  ...[
    'minimum',
    'length',
    'size',
    'limit',
    'limited to',
    'exceeds?',
    'over',
    '최대',
    '최소',
    '이상',
    '이하',
    '最大',
    '最小',
  ],
  ...['以上', '以下', '未満', '上限'],
  // A bound in prose or code (`Code > 1000は…`, `if (n >= 1000)`).
  '[<>≤≥]=?',
];

/** After a number: what makes it a quantity (`1000以内`, `1024以上`, `1000자`). */
export const QUANTITY_AFTER: readonly string[] = [
  '以内',
  '以上',
  '以下',
  '之内',
  '左右',
  '多',
  '余',
  '이내',
  '이상',
  '이하',
  '未満',
  '까지',
];

/** Header words of a table whose first column holds codes (`| 错误码 | 含义 |`, `| code | description |`). */
export const TABLE_HEADER_WORDS: readonly string[] = [
  ...['含义', '说明', '描述', '原因', '解决', 'meaning', 'description', 'reason', 'message', 'errmsg', '설명', '의미'],
  ...['원인', '意味', '説明', '内容', '原因', 'エラー', '返回值', '返回值说明', '状态码', '错误信息'],
];

/**
 * Where each platform's own codes lie: a code nobody lists, in a platform's shape (a labelled code and
 * its message, `base_resp`), is that platform's when it falls here; elsewhere it is another vendor's.
 * WeChat: the client SDK's -6..-1, the API's 40001–48999, 50001–50099, 6xxxx and 8xxxx–9xxxx.
 */
export const PLATFORM_CODE_RANGES: ReadonlyArray<{ table: TableId; from: number; to: number }> = [
  { table: 'wechat', from: -6, to: -1 },
  { table: 'wechat', from: 40001, to: 48999 },
  { table: 'wechat', from: 50001, to: 50099 },
  { table: 'wechat', from: 60000, to: 69999 },
  { table: 'wechat', from: 80000, to: 99999 },
  { table: 'qq', from: 100000, to: 110999 },
];
export function platformOfCode(code: number): TableId | undefined {
  return PLATFORM_CODE_RANGES.find((r) => code >= r.from && code <= r.to)?.table;
}

/** Response shapes only one platform uses (WeChat's `base_resp`, its API host, QQ's OpenAPI host). */
export const PLATFORM_SHAPES: ReadonlyArray<{ re: RegExp; table: TableId }> = [
  { re: /base_resp|api\.weixin\.qq\.com|qyapi\.weixin\.qq\.com|wx\.qq\.com/i, table: 'wechat' },
  { re: /graph\.qq\.com|openapi\.tencentyun|openmobile\.qq\.com/i, table: 'qq' },
];

/**
 * Other vendors' response shapes: Tencent Cloud API 3.0 and Aliyun answer `{"Code": …, "Message": …}`
 * with capitals (MSDK, WeChat and QQ write `ret`/`errcode` and `msg`/`errmsg`).
 */
export const OTHER_VENDOR_SHAPE_RE = /"Code"[ \t]*:[ \t]*"?-?\w+"?[ \t]*,\s*"Message"[ \t]*:/;

/**
 * An error as Apple's platforms print it, the code its domain's: NSError's description in every iOS
 * log (`Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."`), its localized
 * description (`(com.apple.AuthenticationServices.AuthorizationError error 1000.)`), and the
 * `Code: 1000, Domain: …` plugins write. Groups: domain 1, 3 or 6; code 2, 4 or 5.
 */
export const ERROR_DOMAIN_RE =
  /Error Domain=([\w.-]+) Code=(-?\d+)|\(([\w.-]+) error (-?\d+)\.\)|Code: (-?\d+), Domain: ([\w.-]+)/g;
/** An error domain of MSDK, WeChat or QQ (`com.tencent.msdk`, `WXErrorDomain`): its codes stay theirs. */
export const OWN_DOMAIN_RE = /msdk|tencent|wechat|weixin|qq|^WX|^WG/i;

/** MSDK's client return codes are named `eFlag_*`: a number beside one is the client's, not a backend code. */
export const CLIENT_FLAG_PREFIX = 'eFlag_';

function wordSource(w: Word): string {
  if (w.bound === 'whole') return `\\b${w.w}\\b`;
  if (w.bound === 'start') return `\\b${w.w}`;
  return w.bound === 'end' ? `${w.w}\\b` : w.w;
}
/** One alternation of the words of the given languages, in language order. */
export function alternation(byLang: Readonly<Partial<Record<WordLang, Word[]>>>): string {
  return LANG_ORDER.flatMap((l) => byLang[l] ?? [])
    .map(wordSource)
    .join('|');
}
const platformSource = (ws: readonly Word[]) => ws.map(wordSource).join('|');

export const ERROR_WORD_RE = new RegExp(alternation(ERROR_WORDS), 'i');
/** The error words without their word bounds, for a look-ahead inside a key. */
const ERROR_WORD_SOURCE_PLAIN = LANG_ORDER.flatMap((l) => ERROR_WORDS[l])
  .map((w) => w.w)
  .join('|');
export const MESSAGE_WORD_RE = new RegExp(alternation(MESSAGE_WORDS), 'i');
export const WECHAT_WORD_RE = new RegExp(platformSource(PLATFORM_WORDS.wechat), 'i');
export const QQ_WORD_RE = new RegExp(platformSource(PLATFORM_WORDS.qq), 'i');
/** Platform words that make a weak `code` field an MSDK / WeChat / QQ one. */
export const PLATFORM_RE = new RegExp(
  `${platformSource(PLATFORM_WORDS.msdk.slice(0, 1))}|${WECHAT_WORD_RE.source}|${QQ_WORD_RE.source}|${platformSource(PLATFORM_WORDS.msdk.slice(1))}`,
  'i',
);
export const UNIT_AFTER_RE = new RegExp(
  `^[ \\t]?(?:${UNITS_AFTER.cjk.join('|')}|(?:${UNITS_AFTER.latin.join('|')})(?![A-Za-z]))`,
  'i',
);
export const NOT_CODE_BEFORE_RE = new RegExp(
  `(?:\\b(?:${NOT_CODE_BEFORE.latin.join('|')})\\.?|${NOT_CODE_BEFORE.other.join('|')})[ \\t]*$`,
  'i',
);
export const STATUS_BEFORE_RE = new RegExp(STATUS_BEFORE_SOURCE, 'i');
/** `zoneid=1001`, `[pid 40001]`, `uid: 100014`: the number right after an id key. */
export const ID_BEFORE_RE = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:(?:${ID_KEYS.join('|')})["'\`]?[ \\t]*[:=][ \\t]*["'\`]?|(?:${ID_WORDS.join('|')})[ \\t#]+)$|` +
    // Any quoted key but an error's (`"memberNum":"1000"`): a value of its own.
    `["'](?![^"']*(?:${ERROR_WORD_SOURCE_PLAIN}|msg|message|desc))[A-Za-z_][\\w]{0,40}["'][ \\t]*:[ \\t]*["']?$`,
  'iu',
);
export const QUANTITY_BEFORE_RE = new RegExp(`(?:${QUANTITY_BEFORE.join('|')})[ \\t]*$`, 'i');
export const QUANTITY_AFTER_RE = new RegExp(`^[ \\t]?(?:${QUANTITY_AFTER.join('|')})`);
export const TABLE_HEADER_RE = new RegExp(`${ERROR_WORD_RE.source}|${TABLE_HEADER_WORDS.join('|')}`, 'i');
export const OTHER_VENDOR_RE = new RegExp(
  // A letter boundary before, none after: `IABHELPER_ERROR_BASE`, `ByteDanceMiniProgram` name their vendor.
  OTHER_VENDORS.map((v) => (/^[a-z -]+$/.test(v) ? `(?<![a-z])${v}` : v)).join('|'),
  'i',
);

/** The keys that hold a code. */
export const CODE_KEYS: readonly string[] = Object.entries(FIELD_KEYS)
  .filter(([, k]) => isCodeSlot(k.slot))
  .map(([key]) => key);

/** English words too common to say anything about a row's meaning or a search (3+ letters). */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'the',
  'and',
  'for',
  'with',
  'this',
  'that',
  'not',
  'has',
  'are',
  'was',
  'you',
  'your',
  'please',
  'how',
  'what',
  'why',
]);
