/**
 * The shapes real pastes take that synthetic fixtures missed (issue 10): each class with several
 * members, in scan mode (passive) and explain mode (asked), and what must stay silent.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { defaultCatalog } from '../../src/core/catalog.js';
import { formatPlain } from '../../src/core/present.js';
import type { Finding, Mode } from '../../src/core/types.js';

const catalog = defaultCatalog();
const run = (text: string, mode: Mode) => analyze(text, { mode, lang: 'en' }).findings;
const brief = (f: Finding) => `${f.code}/${f.table}${f.via ? `<${f.via.code}` : ''}`;
const both = (text: string) => ({ scan: run(text, 'scan').map(brief), explain: run(text, 'explain').map(brief) });

describe('a number right after a colon, behind an error label', () => {
  it.each([
    ['错误码：-2', '-2/qq'],
    ['错误码:-2', '-2/qq'],
    ['错误代码：45011，说明：API调用太频繁', '45011/wechat'],
    ['error_code:45009', '45009/wechat'],
    ['SomeApiError: 40029: invalid code', '40029/wechat'],
    ['WxLoginException:40029:invalid code', '40029/wechat'],
    ['오류 코드:-303', '-303/access'],
    ['返回码：-73，请重新登录QQ', '-73/qq'],
  ])('%s', (text, expected) => {
    expect(both(text)).toEqual({ scan: [expected], explain: [expected] });
  });

  it('a colon after anything else is no label: times, ports, `a:1`', () => {
    for (const text of ['build at 12:40:29 took 3s', 'listening on localhost:40001', 'retry:303 times', 'a:-303']) {
      expect(run(text, 'scan'), text).toEqual([]);
    }
  });
});

describe("a code followed (or preceded) by the platform's own message, with no error word", () => {
  it.each([
    ['"100016，access token check failed"', '100016/qq'],
    ['40013，invalid appid', '40013/wechat'],
    ['40013,不合法的AppID', '40013/wechat'],
    ['access token is invalid(100013)', '100013/qq'],
    ['“-303，appid no permission”', '-303/access'],
    ['报：42001 access_token expired', '42001/wechat'],
    ['40029-invalid code', '40029/wechat'],
    ['授权时候一直报40029，invalid code', '40029/wechat'],
  ])('%s', (text, expected) => {
    expect(both(text)).toEqual({ scan: [expected], explain: [expected] });
  });

  it('words that do not describe the code are not evidence in scan mode', () => {
    for (const text of ['40013 people joined, invalid votes were 12', '100013 tokens minted today']) {
      expect(run(text, 'scan'), text).toEqual([]);
    }
  });
});

describe('several ret= (or errcode=) on one line', () => {
  it('ret=-502 或 ret=-503 或 ret=-504 is three findings', () => {
    expect(both('ret=-502 或 ret=-503 或 ret=-504').scan).toEqual(['-502/access', '-503/access', '-504/access']);
  });

  it('each msg stays with the code before it', () => {
    const found = run('ret=-10000 msg=-24,openid openkey check failed ret=-20000 msg=40001,invalid credential', 'scan');
    expect(found.map(brief)).toEqual(['-24/qq<-10000', '40001/wechat<-20000']);
    expect(found[0]!.message).toBe('openid openkey check failed');
  });

  it('errcode=40001 errcode=42001 on one line', () => {
    expect(both('errcode=40001 errcode=42001').scan).toEqual(['40001/wechat', '42001/wechat']);
  });
});

describe('wrapper codes in unquoted log fields unwrap as JSON does', () => {
  it.each([
    ['ret=-10000 msg=-24,openid openkey check failed', '-24/qq<-10000', 'openid openkey check failed'],
    ['ret: -20000, msg: 40001,invalid credential', '40001/wechat<-20000', undefined],
    ['ret=-10000&msg=-73%2Cthe%20user%20modify%20password%20wrong', '-73/qq<-10000', 'the user modify password wrong'],
    [
      'ret=-10000&msg=-73%2Cthe+user+modify+password+wrong&err_type=2',
      '-73/qq<-10000',
      'the user modify password wrong',
    ],
    ['[ERROR] ret=-20000 msg=42001,access_token expired uid=7', '42001/wechat<-20000', undefined],
  ])('%s', (text, expected, message) => {
    for (const mode of ['scan', 'explain'] as const) {
      const [f, ...rest] = run(text, mode);
      expect(rest).toEqual([]);
      expect(brief(f!)).toBe(expected);
      expect(f!.message).toBe(message);
    }
  });
});

describe('other key spellings of error responses', () => {
  it.each([
    ['{"err_code":40013,"err_msg":"invalid appid"}', '40013/wechat'],
    ['{"errCode":40029,"errMsg":"invalid code"}', '40029/wechat'],
    ['{"error_code":45009,"error_msg":"api freq out of limit"}', '45009/wechat'],
    ['retcode=-303', '-303/access'],
    ['retcode=-10000&retmsg=-73%2Cthe+user+modify+password+wrong', '-73/qq<-10000'],
    ['onError: UiError errorCode=-6, errorMessage=QQ app call too frequent', '-6/qq'],
    ['{"errorCode":-2,"message":"QQ appid does not exist"}', '-2/qq'],
    ['{"code":-73,"message":"QQ token invalid, password changed"}', '-73/qq'],
  ])('%s', (text, expected) => {
    expect(both(text)).toEqual({ scan: [expected], explain: [expected] });
  });

  it("a bare code key alone is another vendor's field: not MSDK", () => {
    for (const text of ['{"code":20000}', '{"code": -1, "message": "Network Error"}', '{"code":-2,"data":null}']) {
      expect(run(text, 'scan'), text).toEqual([]);
      expect(run(text, 'explain'), text).toEqual([]);
    }
  });
});

describe('ranges have bounds, and a range in prose is no finding', () => {
  it('-501007 is not an LBS error', () => {
    expect(both('-501007')).toEqual({ scan: [], explain: [] });
    expect(both('error -39999').explain).toEqual(['-39999/logic']);
  });

  it.each(['-15000~19999', '-15000 ~ -19999', 'error codes -2000～-9999 are server errors', '-100~-999'])(
    '%s',
    (text) => {
      expect(both(text)).toEqual({ scan: [], explain: [] });
    },
  );
});

describe('codes the document does not list, in unmistakable error fields', () => {
  it.each([
    ['{"errcode":40163,"errmsg":"code been used"}', 'wechat', 'code been used'],
    ['errcode=40125 errmsg=invalid appsecret', 'wechat', 'invalid appsecret'],
    ['使用的时候部分客户端会出现code been used, "errcode":40163 ，请问何解？', 'wechat', undefined],
    ['获取用户信息出现{msg: get qq info err, ret: 13002}是什么鬼', 'qq', 'get qq info err'],
    [
      'wechatpy.exceptions.WeChatClientException: Error code: 40125, message: invalid appsecret',
      'wechat',
      'invalid appsecret',
    ],
    ['微信 GET 请求发生错误！错误代码：40163，说明：code been used', 'wechat', 'code been used'],
    ['9. When "100030, this api without user authorization" occurs', 'qq', 'this api without user authorization'],
    // No platform named, but the code lies among WeChat's own (lexicon PLATFORM_CODE_RANGES).
    ['授权失败：45047, out of response count limit', 'wechat', 'out of response count limit'],
    ['callback( {"error":100030,"error_description":"this api without user authorization"} );', 'qq', undefined],
    ['{"ret":100030,"msg":"this api without user authorization"}', 'qq', undefined],
    ['{"ret":-20000,"msg":"40163,code been used"}', 'wechat', 'code been used'],
    ['{"ret":-10000,"msg":"-9999,some new qq error"}', 'qq', 'some new qq error'],
    ['POST /auth/verify_login {"ret":-51,"msg":"new msdk check"}', 'logic', 'new msdk check'],
  ])('%s', (text, table, message) => {
    for (const mode of ['scan', 'explain'] as const) {
      const [f, ...rest] = run(text, mode);
      expect(rest).toEqual([]);
      expect(f!.table).toBe(table);
      // Frequent platform codes (40163, 40125, 100030) may come from the sourced supplement instead.
      expect(['supplement', 'unlisted']).toContain(f!.source);
      if (f!.source === 'unlisted') {
        expect(f).toMatchObject({ action: 'unknown', alternatives: [] });
        expect(f!.meaning).toContain('does not list');
        if (message) expect(f!.message).toBe(message);
      }
    }
  });

  it('the sentence is in the requested language, and the plain rendering says so', () => {
    const text = '{"errcode":45047,"errmsg":"out of response count limit"}';
    const ko = analyze(text, { mode: 'explain', lang: 'ko' });
    const zh = analyze(text, { mode: 'explain', lang: 'zh' });
    expect(ko.findings[0]!.meaning).toContain('MSDK 오류 문서에 없는');
    expect(zh.findings[0]!.meaning).toContain('未收录');
    const plain = formatPlain(analyze(text, { mode: 'explain', lang: 'en' }), catalog, 'en');
    expect(plain).toContain('45047 — WeChat platform (not in the MSDK document)');
    expect(plain).toContain('out of response count limit');
  });

  it('stays silent where the field is not unmistakable', () => {
    for (const text of [
      '{"ret":5,"msg":"bad param"}', // some other API's ret
      '{"errcode":0,"errmsg":"ok"}', // success
      '{"ret":777777}',
      '{"errcode":39}', // a small errcode alone: any Chinese API's, not WeChat's
      '2020/11/05 14:28:57 登陆失败 -29004 This action could not be completed', // another SDK's code, no MSDK ret
      '授权失败：12345, out of response count limit', // a labelled code outside every platform's codes
      '“-69,internal error”表示应用不在权限系统里', // the same
      'error code 12345 happened twice', // no message of its own
    ]) {
      expect(run(text, 'scan'), text).toEqual([]);
    }
  });
});

describe('explain mode does not invent answers', () => {
  it.each([
    'Wed Mar 27 2025 09:41:02 GMT+0900',
    'Lines 27 27',
    'Statements   : 38.5% ( 27/70 ) Lines 27 27',
    '审核需要一段时间(2小时)，请耐心等待',
    '超时时间设置为 30秒',
    'it took 27 minutes',
    '[0] npm run dev\n[1] tsc --watch\n[2] vite',
    'TypeError at index.js line 2',
    'We tested it on 2 phones and 3 tablets, and the login screen showed up fine on all of them.',
    'uid=100014 nickname=dev',
    'loginRet_ ():flag(-1),platform(0){};',
    'We shipped v2.3 with 38 fixes',
    'the table has 27 rows',
    '今天新增用户 1031 人',
    '빌드 번호 1002 배포',
  ])('%s', (text) => {
    expect(run(text, 'explain')).toEqual([]);
  });

  it('counts, exit statuses and HTTP statuses are no codes, in either mode', () => {
    for (const text of [
      'Tests: 27 failed, 1002 passed, 1029 total',
      'error: 38 problems (38 errors, 0 warnings)',
      'exit code -1',
      'Process finished with exit code 2',
      'took 1001ms, 38 tests failed',
    ]) {
      expect(run(text, 'scan'), text).toEqual([]);
      expect(run(text, 'explain'), text).toEqual([]);
    }
  });

  it('a bare known code still stands when it is the question', () => {
    for (const [text, code] of [
      ['-303', -303],
      ['27', 27],
      ['what is 100014?', 100014],
      ['-502 -503', -502],
    ] as const) {
      expect(run(text, 'explain')[0]?.code, text).toBe(code);
    }
  });

  it('binary input gets one line saying so, not made-up findings', () => {
    const bytes = Buffer.alloc(600);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 37 + 11) % 256;
    const text = bytes.toString('utf8');
    for (const mode of ['scan', 'explain'] as const) {
      const a = analyze(text, { mode, lang: 'en' });
      expect(a.findings).toEqual([]);
      expect(a.matches).toEqual([]);
      expect(a.binary).toBe(true);
    }
    expect(formatPlain(analyze(text, { mode: 'explain', lang: 'en' }), catalog, 'en')).toBe(
      'The input looks like binary data, not text: nothing to explain.\n',
    );
    // A log with a few control characters (colour codes) is still text.
    expect(analyze('\u001b[31mERROR\u001b[0m ret=-303', { mode: 'scan' }).binary).toBeUndefined();
  });

  it('a success response is answered as success, never listed among errors', () => {
    expect(run('{"ret":0,"msg":"ok"}', 'scan')).toEqual([]);
    const [f] = run('{"ret":0,"msg":"ok"}', 'explain');
    expect(f?.action).toBe('none');
  });
});
