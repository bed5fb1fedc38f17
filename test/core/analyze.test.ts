import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog } from '../../src/core/catalog.js';
import type { Finding } from '../../src/core/types.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/messages/${name}`, import.meta.url), 'utf8');
const scan = (text: string) => analyze(text, { mode: 'scan', lang: 'en' }).findings;
const explain = (text: string) => analyze(text, { mode: 'explain', lang: 'en' });
const brief = (f: Finding) => ({ code: f.code, table: f.table, action: f.action, ...(f.via && { via: f.via }) });
const catalog = defaultCatalog();

describe('explain mode', () => {
  it('explains a bare code with the meaning and advice of its table', () => {
    const [f, ...rest] = analyze('-303', { mode: 'explain', lang: 'ko' }).findings;
    expect(rest).toHaveLength(0);
    expect(f).toMatchObject({ code: -303, table: 'access', action: 'fix-request', source: 'row', count: 1 });
    expect(f!.meaning).toBe('해당 appid는 msdk에 대한 권한이 없음');
    expect(f!.advice).toContain('appid의 정확성 여부를 확인하십시오');
  });

  it('answers in the requested language', () => {
    const en = explain('-503').findings[0]!;
    const zh = analyze('-503', { mode: 'explain', lang: 'zh' }).findings[0]!;
    expect(en.meaning).toBe(catalog.lookup(-503)[0]!.en.meaning);
    expect(zh.meaning).toBe(catalog.lookup(-503)[0]!.zh.meaning);
    expect(en.meaning).not.toBe(zh.meaning);
  });

  it('but scan mode ignores a bare number nobody called an error', () => {
    expect(scan('-303')).toEqual([]);
    expect(scan('getting -303 again')).toEqual([]);
  });
});

describe('platform errors wrapped by MSDK', () => {
  it('reports the QQ error inside ret -10000, with the wrapper as via', () => {
    const findings = scan('{"ret":-10000,"msg":"-73,the user modify password wrong","err_type":2}');
    expect(findings.map(brief)).toEqual([
      { code: -73, table: 'qq', action: 'reauthorize', via: { code: -10000, table: 'logic' } },
    ]);
    expect(findings[0]!.message).toBe('the user modify password wrong');
    expect(findings[0]!.errType).toBe(2);
  });

  it('reports the WeChat error inside ret -20000', () => {
    expect(scan('{"ret":-20000,"msg":"40001,invalid credential"}').map(brief)).toEqual([
      { code: 40001, table: 'wechat', action: 'reauthorize', via: { code: -20000, table: 'logic' } },
    ]);
  });

  it('reports a wrapper whose msg carries no code as itself', () => {
    const [f] = scan('{"ret":-10000,"msg":"system busy"}');
    expect(brief(f!)).toEqual({ code: -10000, table: 'logic', action: 'unknown' });
    expect(f!.message).toBe('system busy');
  });
});

describe('err_type decides the action', () => {
  it.each([
    [1, 'retry'],
    [2, 'reauthorize'],
    [3, 'refresh-token'],
    [5, 'unknown'],
  ] as const)('err_type %i → %s', (errType, action) => {
    const [f] = scan(`{"ret":-303,"msg":"x","err_type":${errType}}`);
    expect(f).toMatchObject({ code: -303, action, errType });
  });

  it('err_type 0 on an error code means a normal condition, not success', () => {
    expect(scan('{"ret":-303,"err_type":0}')[0]).toMatchObject({ action: 'ignore', errType: 0 });
  });

  it('without err_type the row decides', () => {
    expect(scan('{"ret":-303}')[0]).toMatchObject({ action: 'fix-request' });
    expect(scan('{"ret":-303}')[0]!.errType).toBeUndefined();
  });
});

describe('responses as people paste them', () => {
  it('pretty-printed JSON inside a fence after an HTTP status line', () => {
    expect(scan(fixture('pretty-fenced.txt')).map(brief)).toEqual([
      { code: -73, table: 'qq', action: 'reauthorize', via: { code: -10000, table: 'logic' } },
    ]);
  });

  it('several objects, JS-object style and a callback wrapper in one message', () => {
    const findings = scan(fixture('several-objects.txt'));
    expect(findings.map((f) => [f.code, f.table])).toEqual([
      [-303, 'access'],
      [40029, 'wechat'],
      [-507, 'access'],
    ]);
    expect(findings[1]!.message).toContain('invalid code');
  });

  it("Slack's escaping and smart quotes, with a /share/qq path choosing the table", () => {
    const [f] = scan(fixture('slack-escaped.txt'));
    expect(f).toMatchObject({ code: 100000, table: 'qq-share', action: 'reauthorize' });
    expect(f!.alternatives.map((a) => a.table)).toEqual(['qq']);
  });

  it("keeps the response's msg only when it says more than the meaning", () => {
    expect(scan('{"errcode":-1,"errmsg":"system error"}')[0]!.message).toBeUndefined();
    expect(scan('{"errcode":42001,"errmsg":"access_token expired"}')[0]!.message).toBeUndefined();
    expect(scan('{"ret":-502,"msg":"sig error"}')[0]!.message).toBe('sig error');
  });

  it('ignores invisible characters and no-break spaces pasted from chat clients', () => {
    expect(scan('{"ret":\u200b-303,\u00a0"msg":"x\ufeff"}').map((f) => [f.code, f.message])).toEqual([[-303, 'x']]);
    expect(scan('ret=\u00a0-502 msg=\u00a0sig error').map((f) => [f.code, f.message])).toEqual([[-502, 'sig error']]);
  });

  it('decodes &lt; &gt; &amp; in messages', () => {
    expect(scan('{"ret":-502,"msg":"sig &lt;bad&gt; &amp; old"}')[0]!.message).toBe('sig <bad> & old');
  });

  it.each([
    ['ret=-502 msg=sig error', -502, 'access'],
    ['ret: -4009, msg: freq', -4009, 'gamecenter'],
    ['errcode=45009 errmsg=api freq out of limit', 45009, 'wechat'],
    ['{"error":100014,"error_description":"access token expired"}', 100014, 'qq'],
    ["{ret: -1, msg: 'bad param'}", -1, 'qq'],
  ])('field names in %s', (text, code, table) => {
    expect(scan(text).map((f) => [f.code, f.table])).toEqual([[code, table]]);
  });
});

describe('edges of values', () => {
  it('a full stop after a code ends the sentence, it does not hide the code', () => {
    expect(scan('login fails with ret=-303.').map((f) => f.code)).toEqual([-303]);
    expect(scan('ret: -4009. retrying').map((f) => f.code)).toEqual([-4009]);
  });

  it('a backslash at the end of a line does not carry a string onto the next line', () => {
    const text = '{"ret":-10000,"msg":"-73,x\\\n{"ret":-303}';
    expect(scan(text).map((f) => f.code)).toEqual([-73, -303]);
  });

  it('-0 is code 0', () => {
    expect(Object.is(explain('-0').findings[0]!.code, 0)).toBe(true);
  });
});

describe('codes in prose', () => {
  it.each([
    ['-303 에러', -303],
    ['40029 오류가 떴어요', 40029],
    ['MSDK error -4008', -4008],
    ['返回错误码 -73', -73],
    ['login failed with code -2', -2],
  ])('%s', (text, code) => {
    expect(scan(text).map((f) => f.code)).toEqual([code]);
  });
});

describe('codes listed in several tables', () => {
  const shared = [0, -1, -2, -3, -4, -5, -6, -7, -101, -10002, -20001, -20002, 100000, 100001, 100003, 100004, 100012];

  it('every shared code lists the other tables as alternatives', () => {
    for (const code of shared) {
      const [f] = explain(String(code)).findings;
      const tables = catalog.lookup(code).map((r) => r.table);
      expect([f!.table, ...f!.alternatives.map((a) => a.table)].sort()).toEqual([...tables].sort());
    }
  });

  it.each([
    ['{"errcode":-1,"errmsg":"system error"}', 'wechat'],
    ['{"ret":-1,"msg":"client 요청 파라미터가 무효입니다"}', 'qq'],
    ['블루 다이아몬드 선물 수령 실패 {"ret":-2,"msg":"서명 오류"}', 'bluediamond'],
    ['{"ret":-101,"msg":"msdk 논리층 내부 오류"}', 'logic'],
    ['{"ret":-101,"msg":"http parse failed"}', 'access'],
    ['蓝钻礼包 {"ret":-10002}', 'bluediamond'],
    ['POST /share/qzone {"ret":100000}', 'qq'],
    ['POST /share/qq {"ret":100012,"msg":"service timeout"}', 'qq-share'],
    ['{"errcode":0,"errmsg":"ok"}', 'wechat'],
    ['위챗 로그인 {"ret":-1}', 'wechat'],
  ])('%s → %s', (text, table) => {
    const [f] = explain(text).findings;
    expect(f!.table).toBe(table);
  });

  it('the same response in a log still reads by its own line: a repeat is never classified from the first one', () => {
    const log = [
      '10:00:01 [wx] 위챗 로그인 {"ret":-2}',
      '10:00:02 [bd] 블루 다이아몬드 선물 수령 실패 {"ret":-2}',
      '10:00:03 [wx] 위챗 로그인 {"ret":-2}',
    ].join('\n');
    expect(scan(log).map((f) => [f.table, f.count])).toEqual([
      ['qq', 2],
      ['bluediamond', 1],
    ]);
  });

  it('puts the best alternative first (msg text decides)', () => {
    const [f] = explain('{"ret":-2,"msg":"signature error"}').findings;
    expect(f!.table).toBe('bluediamond');
    expect(f!.alternatives.map((a) => a.table)).toEqual(['qq']);
  });
});

describe('ranges are rules', () => {
  it.each([
    [-150, 'system'],
    [-1500, 'client'],
    [-2500, 'server'],
    [-12345, "game's own"],
    [-25000, 'WeChat business'],
    [-31000, 'LBS'],
  ])('%i is explained from its range', (code, words) => {
    const [f] = scan(`{"ret":${code}}`);
    expect(f).toMatchObject({ code, table: 'logic', source: 'range' });
    expect(f!.meaning).toContain(words);
  });

  it('a listed code is a row, not a range', () => {
    expect(scan('{"ret":-2001}')[0]!.source).toBe('row');
  });

  it('a code that neither a row nor a range covers is not reported', () => {
    expect(explain('{"ret":777777}').findings).toEqual([]);
  });
});

describe('whole logs', () => {
  it('one finding per distinct error, counted, in order of first appearance', () => {
    const log = fixture('game-server.log');
    const findings = scan(log);
    const count = (re: RegExp) => log.match(re)?.length ?? 0;
    expect(findings.map((f) => f.code)).toEqual([-502, -4009, -73, 42001]);
    expect(findings.map((f) => f.count)).toEqual([
      count(/"ret":-502/g),
      count(/ret=-4009/g),
      count(/"ret":-10000/g),
      count(/"ret":-20000/g),
    ]);
    expect(findings.find((f) => f.code === -502)!.action).toBe('unknown'); // err_type 5 decides
    expect(findings.find((f) => f.code === 42001)!.action).toBe('refresh-token');
  });

  it('a stray `{` in one log line does not swallow the errors of the lines after it', () => {
    const log = [
      '10:00:01 ERROR [cfg] bad config line: {"limits": {"max":',
      '10:00:02 ERROR [login] verify failed ret=-502 msg=sig error',
      '10:00:03 ERROR [login] verify failed ret=-502 msg=sig error',
      '10:00:04 WARN  [pay] report failed ret=-4009 msg=freq limit',
    ].join('\n');
    expect(scan(log).map((f) => [f.code, f.count])).toEqual([
      [-502, 2],
      [-4009, 1],
    ]);
  });

  it('a pretty-printed response in the middle of a log is read as one record', () => {
    const log = [
      '10:00:01 INFO  player 1234567 entered lobby',
      '10:00:02 ERROR unexpected response from /relation/qqfriends_detail (attempt 1/3):',
      '{',
      '  "data": {"uid": 1},',
      '  "ret": -10000,',
      '  "msg": "-73,the user modify password wrong",',
      '  "err_type": 2',
      '}',
      '10:00:03 INFO  heartbeat ok latency=12ms',
    ].join('\n');
    expect(scan(log).map(brief)).toEqual([
      { code: -73, table: 'qq', action: 'reauthorize', via: { code: -10000, table: 'logic' } },
    ]);
  });

  it('JSON indented with something other than blanks is still one record (fast-check found this one)', () => {
    const log = `10:00:01 WARN resp:\n${JSON.stringify({ ret: -20000, msg: '48001,oops', err_type: 2 }, null, '--')}\n{ret: -303, msg: 'oops'}`;
    expect(scan(log).map((f) => [f.code, f.via?.code])).toEqual([
      [48001, -20000],
      [-303, undefined],
    ]);
  });

  it('an unindented JS object and CRLF line ends still read as one record', () => {
    const log =
      '10:00:01 WARN resp:\r\n{\r\nret: -20000,\r\nmsg: "42001,access_token expired"\r\n}\r\n10:00:02 INFO ok\r\n';
    expect(scan(log).map(brief)).toEqual([
      { code: 42001, table: 'wechat', action: 'refresh-token', via: { code: -20000, table: 'logic' } },
    ]);
  });

  it('a record that never closes is read up to where its lines stop looking like a record', () => {
    const log = [
      '{',
      '  "ret": -10000,',
      '  "msg": "-73,the user modify password wrong",',
      '10:00:02 ERROR verify failed ret=-502 msg=sig error',
    ].join('\n');
    expect(scan(log).map((f) => f.code)).toEqual([-73, -502]);
  });

  it('0 is the only success code, the one value the scanner skips without reading the line', () => {
    const success = new Set(
      catalog.rows.filter((r) => catalog.lookup(r.code).every((x) => x.action === 'none')).map((r) => r.code),
    );
    expect([...success]).toEqual([0]);
  });

  it('a success line is never read for prose, even when it holds a number that is also a code', () => {
    // 100014 is a QQ code, but here it is a user id on a `ret=0` line.
    expect(scan('10:00:01 INFO login ok ret=0 uid=100014')).toEqual([]);
    expect(scan('10:00:01 INFO {"errcode":0,"uid":100014}')).toEqual([]);
  });

  it('reads Slack-escaped entities in messages without decoding the whole log', () => {
    const [f] = scan('10:00:01 resp={"ret":-1234,"msg":"a &lt; b &amp;&amp; c"}');
    expect(f).toMatchObject({ code: -1234, message: 'a < b && c' });
  });
});

describe('silence on chatter', () => {
  const lines = fixture('chatter.txt').trim().split('\n');
  it.each(lines)('%s', (line) => {
    expect(scan(line)).toEqual([]);
  });

  it('the whole chatter fixture at once', () => {
    expect(scan(fixture('chatter.txt'))).toEqual([]);
  });
});

describe('search', () => {
  it.each([
    ['access token expired', 42001],
    ['빈도 제한', 99999],
    ['签名错误', -2],
  ])('%s', (query, code) => {
    const { findings, matches } = explain(query);
    expect(findings).toEqual([]);
    expect(matches.map((m) => m.code)).toContain(code);
    expect(matches[0]!.score).toBeLessThanOrEqual(matches.at(-1)!.score);
  });

  it('is not run when the text has codes, nor in scan mode', () => {
    expect(explain('-303 invalid appid').matches).toEqual([]);
    expect(analyze('access token expired', { mode: 'scan' }).matches).toEqual([]);
  });
});

describe('size and hostile input', () => {
  it('truncates past maxBytes on a character boundary and says so', () => {
    const text = `${'오류 '.repeat(100)}{"ret":-303}`;
    const a = analyze(text, { mode: 'scan', maxBytes: 100 });
    // '오류 ' is 7 bytes: 14 whole repetitions fit in 100 bytes, the 15th is cut before its first character.
    expect(a.truncated).toEqual({ readBytes: 98, totalBytes: Buffer.byteLength(text) });
    expect(a.findings).toEqual([]);
    expect(analyze(text, { mode: 'scan' }).findings.map((f) => f.code)).toEqual([-303]);
  });

  it.each([
    ['braces', '{'.repeat(1 << 20)],
    ['quotes', '"'.repeat(1 << 20)],
    ['digits and dashes', '-1'.repeat(1 << 19)],
    ['keys without values', '"ret":'.repeat(174_762)],
    ['open strings', '{"msg":"'.repeat(131_072)],
  ])(
    '1 MB of %s finishes without a throw',
    (_name, text) => {
      expect(() => analyze(text, { mode: 'explain' })).not.toThrow();
    },
    5_000,
  );

  it('survives non-string input from JavaScript callers', () => {
    expect(analyze(undefined as unknown as string, { mode: 'scan' }).findings).toEqual([]);
  });
});
