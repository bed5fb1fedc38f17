/**
 * Deterministic generator of a realistic MSDK game-server log (see test/fixtures/messages/game-server.log):
 * ordinary lines full of numbers, times, versions and ids, `{"ret":0}` successes, and ~3% error lines
 * in the shapes MSDK backends really print. It also returns what a correct scanner must report, so the
 * bench checks the findings as well as the speed. Independent of src/core on purpose: it is the oracle.
 */
import type { TableId } from '../src/core/types.js';

/** mulberry32: tiny, fast, good enough for test data, and the same sequence on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** One distinct error the scanner must report: `${table}:${code}:${via ?? ''}` as analyze() keys it. */
export interface ExpectedError {
  code: number;
  table: TableId;
  via?: number;
}
export const errorKey = (e: ExpectedError): string => `${e.table}:${e.code}:${e.via ?? ''}`;

interface ErrorTemplate extends ExpectedError {
  render: (r: Rng, ts: string) => string;
}

const APPID = '100703379';

const ERRORS: readonly ErrorTemplate[] = [
  {
    code: -502,
    table: 'access',
    render: (r, ts) =>
      `${ts} INFO  [msdk] POST /auth/verify_login?appid=${APPID}&timestamp=${1_700_000_000 + int(r, 0, 9e6)}&sig=**** resp={"ret":-502,"msg":"sig error","err_type":5}`,
  },
  {
    code: -502,
    table: 'access',
    render: (r, ts) => `${ts} ERROR [login] verify failed for openid ${int(r, 1e6, 9e6)} ret=-502 msg=sig error`,
  },
  {
    code: -303,
    table: 'access',
    render: (_r, ts) =>
      `${ts} WARN  [msdk] POST /auth/verify_login?appid=100703380 resp={"ret":-303,"msg":"appid has no permission"}`,
  },
  {
    code: -503,
    table: 'access',
    render: (r, ts) =>
      `${ts} WARN  [msdk] POST /auth/refresh_token resp={"ret":-503,"msg":"frequency limit","err_type":1} retry in ${int(r, 100, 900)} ms`,
  },
  {
    code: -4009,
    table: 'gamecenter',
    render: (_r, ts) => `${ts} ERROR [pay] gamecenter report failed ret=-4009 msg=freq limit`,
  },
  {
    code: -2001,
    table: 'logic',
    render: (r, ts) =>
      `${ts} ERROR [msdk] GET /relation/wxfriends_profile cost=${int(r, 5, 900)}ms ret=-2001 msg=internal error`,
  },
  {
    code: -1234,
    table: 'logic', // no row: explained by the -1000..-1999 range
    render: (_r, ts) => `${ts} WARN  [msdk] POST /profile/query_vip resp={"ret":-1234,"msg":"param check failed"}`,
  },
  {
    code: -73,
    table: 'qq',
    via: -10000,
    render: (_r, ts) =>
      `${ts} WARN  [msdk] POST /relation/qqfriends_detail resp={"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}`,
  },
  {
    code: -73,
    table: 'qq',
    via: -10000,
    render: (r, ts) =>
      `${ts} ERROR [msdk] unexpected response from /relation/qqfriends_detail (attempt ${int(r, 1, 3)}/3):\n` +
      '{\n  "ret": -10000,\n  "msg": "-73,the user modify password wrong",\n  "err_type": 2\n}',
  },
  {
    code: 100014,
    table: 'qq',
    via: -10000,
    render: (_r, ts) =>
      `${ts} WARN  [msdk] POST /profile/qqprofile resp={"ret":-10000,"msg":"100014,access token expired","err_type":3}`,
  },
  {
    code: 42001,
    table: 'wechat',
    via: -20000,
    render: (_r, ts) =>
      `${ts} WARN  [msdk] POST /relation/wxfriends_profile resp={"ret":-20000,"msg":"42001,access_token expired","err_type":3}`,
  },
  {
    code: 40029,
    table: 'wechat',
    via: -20000,
    render: (_r, ts) => `${ts} WARN  [msdk] POST /auth/wx_check_token resp={"ret":-20000,"msg":"40029,invalid code"}`,
  },
  {
    code: 45009,
    table: 'wechat',
    render: (_r, ts) => `${ts} WARN  [wx] sns/oauth2/refresh_token errcode=45009 errmsg=api freq out of limit`,
  },
  {
    code: -1,
    table: 'wechat', // also a QQ and a blue-diamond code: the errcode field decides
    render: (_r, ts) => `${ts} ERROR [wx] sns/userinfo errcode=-1 errmsg=system error`,
  },
];

const ORDINARY: ReadonlyArray<(r: Rng, ts: string) => string> = [
  (r, ts) =>
    `${ts} INFO  player ${int(r, 1e6, 9_999_999)} entered lobby (room ${int(r, 1000, 1040)}, ${int(r, 1, 999)} users online)`,
  (r, ts) => `${ts} INFO  asset bundle v2026.11.${int(r, 0, 9)} loaded in ${int(r, 20, 900)} ms`,
  (r, ts) => `${ts} INFO  heartbeat ok latency=${int(r, 1, 300)}ms build=1.4.${int(r, 0, 20)}`,
  (r, ts) =>
    `${ts} INFO  match found: ${int(r, 2, 16)} players, region ${pick(r, ['ap-seoul', 'ap-shanghai', 'ap-tokyo'])}, queue 00:00:${String(int(r, 0, 59)).padStart(2, '0')}`,
  (_r, ts) => `${ts} INFO  inventory sync count=-1 (unchanged)`,
  (r, ts) =>
    `${ts} DEBUG [net] GET /api/v2/shop/items?page=${int(r, 1, 40)}&size=20 200 ${int(r, 200, 9000)}B ${int(r, 1, 90)}ms`,
  (r, ts) => `${ts} INFO  gc pause ${int(r, 1, 40)}ms heap=${int(r, 100, 900)}MB/${int(r, 1000, 2000)}MB`,
  (r, ts) => `${ts} WARN  slow query ${int(r, 100, 3000)}ms on shard-${int(r, 1, 64)} (retry ${int(r, 1, 5)}/5)`,
  (r, ts) =>
    `${ts} INFO  order ${int(r, 1e9, 9e9)} paid: ${int(r, 1, 99)}.${int(r, 10, 99)} USD, balance ${int(r, 0, 99_999)}`,
  (r, ts) =>
    `${ts} INFO  [msdk] POST /auth/verify_login?appid=${APPID}&timestamp=${1_700_000_000 + int(r, 0, 9e6)}&sig=**** resp={"ret":0,"msg":"ok"}`,
  (r, ts) => `${ts} INFO  [wx] sns/oauth2 ok errcode=0 expires_in=${pick(r, [7200, 3600])}`,
];

export interface GeneratedLog {
  text: string;
  bytes: number;
  lines: number;
  errorLines: number;
  /** Distinct errors with the number of times each was written. */
  expected: Array<ExpectedError & { count: number }>;
}

function timestamp(ms: number): string {
  // A fixed day; the clock only moves forward, like a real log.
  const d = new Date(Date.UTC(2026, 10, 20, 10, 0, 0) + ms);
  return d.toISOString().replace('T', ' ').slice(0, 23);
}

/** About `bytes` bytes of log (it stops at the first line that reaches the size), the same for the same seed. */
export function makeLog(bytes: number, seed = 42, errorRate = 0.03): GeneratedLog {
  const r = prng(seed);
  const out: string[] = [];
  const counts = new Map<string, ExpectedError & { count: number }>();
  let size = 0;
  let clock = 0;
  let errorLines = 0;
  while (size < bytes) {
    clock += int(r, 0, 700);
    const ts = timestamp(clock);
    let line: string;
    if (r() < errorRate) {
      const e = pick(r, ERRORS);
      line = e.render(r, ts);
      errorLines++;
      const key = errorKey(e);
      const seen = counts.get(key);
      if (seen) seen.count++;
      else counts.set(key, { code: e.code, table: e.table, ...(e.via !== undefined && { via: e.via }), count: 1 });
    } else {
      line = pick(r, ORDINARY)(r, ts);
    }
    out.push(line);
    size += Buffer.byteLength(line) + 1;
  }
  const text = `${out.join('\n')}\n`;
  return { text, bytes: Buffer.byteLength(text), lines: out.length, errorLines, expected: [...counts.values()] };
}
