import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analyze.js';
import { type ClientRow, defaultCatalog } from '../../src/core/catalog.js';
import { formatPlain } from '../../src/core/present.js';
import { LANGS, type Lang, type Mode } from '../../src/core/types.js';

const catalog = defaultCatalog();
const run = (text: string, mode: Mode = 'explain', lang: Lang = 'en') =>
  analyze(text, { mode, lang, catalog }).findings;
const brief = (text: string, mode: Mode = 'explain') => run(text, mode).map((f) => `${f.table}:${f.code}`);
const msdk = catalog.client.filter((r) => r.table === 'msdk-client');

/** The shapes a game team pastes an eFlag in: the enum name, a flag field, the documentation's table row. */
function shapes(row: ClientRow): string[] {
  const out = [`loginRet.flag = ${row.code}`, `OnLoginNotify: {"flag":${row.code},"desc":"","platform":1}`];
  if (row.name) out.push(row.name, `|${row.code}|${row.name}|${row.zh.meaning}|${row.zh.advice}|`);
  return out;
}

describe('every MSDK client flag (data/client.json)', () => {
  it('lists every eFlag value of the public MSDK documentation, each with its name and an https page', () => {
    expect(msdk).toHaveLength(37);
    for (const row of msdk) {
      expect(row.name, String(row.code)).toMatch(/^eFlag_/);
      for (const lang of LANGS) expect(row.reference[lang]).toMatch(/^https:\/\/github\.com\/chentdxh\/MSDK-wiki\//);
    }
    // The Android table's values carry the documentation's own "recommended handling".
    const documented = msdk.filter((r) => !r.authored).map((r) => r.code);
    expect(documented).toEqual(expect.arrayContaining([1000, 1007, 2000, 2008, 3001, 3004, 0, -1, -5, 5001]));
  });

  it.each(msdk.map((row) => [row.name!, row] as const))('%s answers in every real shape', (_name, row) => {
    for (const text of shapes(row)) {
      for (const lang of LANGS) {
        const [f, ...rest] = run(text, 'explain', lang);
        expect(rest, text).toEqual([]);
        expect(f, text).toMatchObject({
          code: row.code,
          table: 'msdk-client',
          source: 'client',
          name: row.name,
          meaning: row[lang].meaning,
          advice: row[lang].advice,
          reference: row.reference[lang],
          action: row.action,
        });
      }
    }
  });
});

describe('client flags are read by evidence', () => {
  it('explains a pasted eFlag table as client flags, never as QZone share codes', () => {
    const table = [
      '|1000|eFlag_QQ_NoAcessToken|手Q登陆失败，未获取到accesstoken|返回登录界面，引导玩家重新登录授权|',
      '|1001|eFlag_QQ_UserCancel|玩家取消手Q授权登录|返回登录界面，并告知玩家已取消手Q授权登录|',
      '|1004|eFlag_QQ_NotInstall|玩家设备未安装手Q客户端|引导玩家安装手Q客户端|',
    ].join('\n');
    for (const mode of ['explain', 'scan'] as const) {
      expect(brief(table, mode)).toEqual(['msdk-client:1000', 'msdk-client:1001', 'msdk-client:1004']);
    }
  });

  it('gives the enum name, the handling and the page in the plain answer', () => {
    const out = formatPlain({ findings: run('loginRet.flag = 1004'), matches: [] }, catalog, 'en');
    expect(out).toContain('MSDK client callback flag');
    expect(out).toContain('eFlag_QQ_NotInstall: ');
    expect(out).toContain('Guide the player to install the mobile QQ client');
    expect(out).toContain('https://github.com/chentdxh/MSDK-wiki/blob/master/EN/android/const.md');
    expect(out).not.toContain('not in the MSDK document');
  });

  it('reads a number said to be a login callback result', () => {
    expect(brief('登录回调返回 2002')).toEqual(['msdk-client:2002']);
    expect(brief('OnLoginNotify returned 1003 on some phones')).toEqual(['msdk-client:1003']);
  });

  it('keeps a backend ret a backend code', () => {
    expect(brief('{"ret":1004,"msg":"xxx"}')).not.toContain('msdk-client:1004');
    expect(brief('{"ret":-10000,"msg":"100030,this api without user authorization"} loginRet.flag=0')).toEqual([
      'qq:100030',
      'msdk-client:0',
    ]);
  });

  it('listening, needs MSDK around a bare flag field (other code has flags too)', () => {
    expect(brief('LAYOUT_FLAG = 2002', 'scan')).toEqual([]);
    expect(brief('flag = 2002, value = 1, elseValue = 0', 'scan')).toEqual([]);
    expect(brief('OnLoginNotify flag = 2002', 'scan')).toEqual(['msdk-client:2002']);
    expect(brief('MSDK login failed, flag=1004', 'scan')).toEqual(['msdk-client:1004']);
    expect(brief('MSDK 1000')).not.toContain('msdk-client:1000');
    // A struct's default initialiser is no result (the MSDK Korean iOS page).
    expect(brief('loginRet_ ():flag(-1),platform(0){};')).toEqual([]);
  });
});

describe('the WeChat and QQ SDKs client codes', () => {
  it.each([
    ['WeChat login errCode=-6', -6],
    ['onResp errCode -2', -2],
    ['BaseResp errCode=-4 errStr=auth denied', -4],
    ['sendAuthRequest,android return errcode=-6', -6],
    ['android无法调起微信客户端 返回errorcode -6', -6],
  ])('%s is the WeChat SDK row, not QQ', (text, code) => {
    for (const mode of ['explain', 'scan'] as const) expect(brief(text, mode)).toEqual([`wechat-sdk:${code}`]);
    expect(run(text)[0]!.reference).toBe(
      'https://docs.itop.qq.com/v5/en/FAQS/ErrorCodes/DescriptionofWeChatChannelsReturnCodes.html',
    );
  });

  it('every WeChat and QQ SDK row answers near its SDK words', () => {
    for (const row of catalog.client.filter((r) => r.table !== 'msdk-client')) {
      const text =
        row.table === 'wechat-sdk' ? `onResp: errCode=${row.code}` : `QQApiSendResultCode result = ${row.code}`;
      const [f] = run(text);
      expect(f, text).toMatchObject({ code: row.code, table: row.table, source: 'client', meaning: row.en.meaning });
    }
  });

  it("answers the WeChat SDK's own result names, as its iOS header has them", () => {
    expect(brief('WXErrCodeUserCancel')).toEqual(['wechat-sdk:-2']);
    expect(brief('case WXErrCodeAuthDeny: // 授权失败')).toEqual(['wechat-sdk:-4']);
    expect(run('WXErrCodeUnsupport = -5,')[0]).toMatchObject({
      code: -5,
      name: 'WXErrCodeUnsupport',
      source: 'client',
    });
  });

  const wechatRows = catalog.client.filter((r) => r.table === 'wechat-sdk');

  it("lists the Android SDK's BaseResp.ErrCode constant of every WeChat SDK row, with its source", () => {
    expect(wechatRows.map((r) => [r.code, r.constant?.name])).toEqual([
      [0, 'ERR_OK'],
      [-1, 'ERR_COMM'],
      [-2, 'ERR_USER_CANCEL'],
      [-3, 'ERR_SENT_FAILED'],
      [-4, 'ERR_AUTH_DENIED'],
      [-5, 'ERR_UNSUPPORT'],
      [-6, 'ERR_BAN'],
    ]);
    for (const r of wechatRows)
      expect(r.constant!.reference).toMatch(/\/com\/tencent\/mm\/opensdk\/modelbase\/BaseResp\.java$/);
  });

  it('names an Android constant as the text wrote it, not by the iOS name', () => {
    const f = analyze(
      'ErrCode： ERR_OK = 0(用户同意) ERR_AUTH_DENIED = -4（用户拒绝授权） ERR_USER_CANCEL = -2（用户取消',
      {
        mode: 'explain',
        lang: 'en',
      },
    ).findings;
    expect(f.map((x) => [x.code, x.name])).toEqual([
      [0, 'ERR_OK'],
      [-4, 'ERR_AUTH_DENIED'],
      [-2, 'ERR_USER_CANCEL'],
    ]);
  });

  it.each(wechatRows.filter((r) => r.code !== 0).map((r) => [r.constant!.name, r] as const))(
    '%s answers listed with another failure of the table, or with WeChat named, never alone',
    (name, row) => {
      const other = wechatRows.find((r) => r.code !== 0 && r.code !== row.code)!;
      const listing = `public static final int ${name} = ${row.code};\npublic static final int ${other.constant!.name} = ${other.code};`;
      for (const mode of ['explain', 'scan'] as const) {
        expect(brief(listing, mode)).toEqual([`wechat-sdk:${row.code}`, `wechat-sdk:${other.code}`]);
        expect(brief(`微信登录返回 ${name} = ${row.code}`, mode)).toEqual([`wechat-sdk:${row.code}`]);
        expect(brief(`${name} = ${row.code}`, mode)).not.toContain(`wechat-sdk:${row.code}`);
      }
    },
  );

  it("keeps other vendors' ERR_ enums silent: the value must be the WeChat row's, the name exact", () => {
    const other = 'enum AuthResult { ERR_OK = 0, ERR_AUTH_DENIED = 2, ERR_USER_CANCEL = 3, ERR_BAN = 4 }';
    expect(run(other).filter((f) => f.source === 'client')).toEqual([]);
    expect(brief('Err_Auth_Denied = -4, Err_User_Cancel = -2')).not.toContain('wechat-sdk:-4');
    expect(brief('MY_ERR_AUTH_DENIED = -4, MY_ERR_USER_CANCEL = -2')).not.toContain('wechat-sdk:-4');
    // ERR_OK and one failure are not a listing: success is what every enum starts with.
    expect(brief('ERR_OK = 0, ERR_COMM = -1')).not.toContain('wechat-sdk:-1');
  });

  it("reads the SDK's classes as WeChat words, with their case", () => {
    for (const cls of [
      'SendMessageToWXResp',
      'SendMessageToWX.Resp',
      'SendAuth.Resp',
      'PayResp',
      'WXLaunchMiniProgramResp',
    ])
      expect(brief(`${cls} errCode=-2`, 'scan'), cls).toEqual(['wechat-sdk:-2']);
    expect(brief('payresp errCode=-2')).not.toContain('wechat-sdk:-2');
  });

  it('counts the words for an errCode compared in the block they name, up to 2000 characters below', () => {
    const body = '        Log.d(TAG, "finish");\n'.repeat(20);
    const java = `public void onResp(BaseResp resp)\n{\n${body}        if (resp.errCode == -4) {\n            relogin();\n        }\n}`;
    expect(brief(java, 'scan')).toEqual(['wechat-sdk:-4']);
    const cast = `void handle(Object o) {\n    PayResp r = (PayResp) o;\n${body}    if (r.errCode === -2) return;\n}`;
    expect(brief(cast, 'scan')).toEqual(['wechat-sdk:-2']);
    // The named block closed before the comparison: another function's errCode is not the SDK's.
    const next = `public void onResp(BaseResp resp) {\n${body}}\nvoid upload(Result r) {\n    if (r.errCode == -4) retry();\n}`;
    expect(brief(next)).not.toContain('wechat-sdk:-4');
    // Too far below, and not a comparison (a log line): the 300 characters hold.
    const far = `public void onResp(BaseResp resp) {\n${body.repeat(4)}    if (resp.errCode == -4) {}\n}`;
    expect(far.length).toBeGreaterThan(2000);
    expect(brief(far)).not.toContain('wechat-sdk:-4');
    expect(brief(`onResp: BaseResp\n${body}errCode=-4`)).not.toContain('wechat-sdk:-4');
  });

  it('a WeChat backend errcode stays a WeChat platform code', () => {
    expect(brief('{"errcode":40029,"errmsg":"invalid code"} after onResp')).toEqual(['wechat:40029']);
  });
});

describe('the platform message that contradicts its row', () => {
  it('leads with the platform message, doubts the row, gives no confident action', () => {
    const [f] = run('{"ret":-10000,"msg":"100030,is_friend is 0"}');
    expect(f).toMatchObject({ code: 100030, table: 'qq', action: 'unknown', message: 'is_friend is 0', doubted: true });
    const out = formatPlain({ findings: [f!], matches: [] }, catalog, 'en');
    expect(out).toMatch(/The platform's own message \(below\) is not what .*may not fit/);
    expect(out).toContain('Response msg: is_friend is 0');
    expect(out).toContain('Unknown');
  });

  it("keeps the row when the message is a server's dump, not a statement (MSDK wiki FAQ)", () => {
    const text =
      '{"msg":"30,null ServiceError: :workid=yaaf_mpqq_msgsendsvr cmdid=1 com.tencent.jungle.api.APIException: \t30,response errorCode error 30","ret":-10000} /share/qq';
    const [f] = run(text);
    expect(f).toMatchObject({ code: 30, table: 'qq-share' });
    expect(f!.action).not.toBe('unknown');
    expect(f!.doubted).toBeUndefined();
  });

  it('keeps the row when the message says what it means', () => {
    const [f] = run('{"ret":-10000,"msg":"100030,this api without user authorization"}');
    expect(f).toMatchObject({ code: 100030, action: 'reauthorize' });
    expect(f!.doubted).toBeUndefined();
  });
});

describe('share words', () => {
  it.each(['QQ share failed: ret=100021', 'QQ分享失败 ret=100021', 'QQ 공유 실패 ret=100021'])(
    '%s is the QQ share row',
    (text) => {
      expect(brief(text)).toEqual(['qq-share:100021']);
    },
  );

  it('without them QQ connect 100021 stays', () => {
    expect(brief('QQ login ret=100021')).toEqual(['qq:100021']);
  });
});
