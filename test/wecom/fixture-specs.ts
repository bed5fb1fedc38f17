/**
 * The callback fixtures in test/fixtures/wecom/callbacks.json: what each one contains, and how it
 * was encrypted (fixed random prefix, so regenerating gives byte-identical ciphertext).
 * Regenerate with: WECOM_WRITE_FIXTURES=1 npx vitest run test/wecom/fixtures.test.ts
 */
import { WecomCrypto } from '../../src/wecom/crypto.js';
import { robotTextXml, type SignedCallback, signCallback } from './helpers.js';

/** Test-only secrets (not anybody's real robot). */
export const FIXTURE_CONFIG = {
  token: 'msdkFixtureToken42',
  encodingAesKey: '2FVmq8oCYhlpMaO4q5wLDpMgkpLteJcliTcWxWEsMqw',
  receiveId: 'ww5f3e1fixturecorp',
} as const;
export const FIXTURE_WEBHOOK_KEY = '6f1c2a9e-4b7d-4e21-9a3c-f1x7ur3k3y00';
export const FIXTURE_TIMESTAMP = '1764086400';

export const ASK_40001 = '@msdk {"ret":-20000,"msg":"40001,invalid credential"}';

interface Spec {
  nonce: string;
  random: string;
  plaintext: string;
}

export const SPECS: Record<string, Spec> = {
  robotText: {
    nonce: '1320562132',
    random: '00112233445566778899aabbccddeeff',
    plaintext: robotTextXml({
      webhookUrl: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${FIXTURE_WEBHOOK_KEY}`,
      content: ASK_40001,
      msgId: 'CAIQg/u4xQYYy+2G8ZSAgAMgHA==',
    }),
  },
  appText: {
    nonce: '1590452273',
    random: 'ffeeddccbbaa99887766554433221100',
    plaintext: [
      '<xml><ToUserName><![CDATA[ww5f3e1fixturecorp]]></ToUserName>',
      '<FromUserName><![CDATA[lisi]]></FromUserName>',
      `<CreateTime>${FIXTURE_TIMESTAMP}</CreateTime>`,
      '<MsgType><![CDATA[text]]></MsgType>',
      '<Content><![CDATA[{"ret":-20000,"msg":"40001,invalid credential"}]]></Content>',
      '<MsgId>7449015393468127342</MsgId>',
      '<AgentID>1000002</AgentID>',
      '</xml>',
    ].join('\n'),
  },
  robotImage: {
    nonce: '2051713384',
    random: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
    plaintext:
      '<xml><WebhookUrl><![CDATA[https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=' +
      FIXTURE_WEBHOOK_KEY +
      ']]></WebhookUrl><ChatId><![CDATA[wrkSFfCgAAtMQKg4xqDatM5C9IeU9Ng]]></ChatId>' +
      '<From><UserId>zhangsan</UserId><Name><![CDATA[张三]]></Name></From><ChatType>group</ChatType>' +
      '<MsgType>image</MsgType><Image><ImageUrl><![CDATA[https://wework.qpic.cn/wwpic/x.png]]></ImageUrl></Image>' +
      '<MsgId>CAIQ0Zq4xQYYy+2G8ZSAgAMgHQ==</MsgId></xml>',
  },
};

export type FixtureName = keyof typeof SPECS;
export type FixtureFile = Record<string, SignedCallback & { plaintext: string }>;

export function generateFixtures(): FixtureFile {
  const crypto = new WecomCrypto(FIXTURE_CONFIG);
  const out: FixtureFile = {};
  for (const [name, spec] of Object.entries(SPECS)) {
    const signed = signCallback(crypto, spec.plaintext, {
      timestamp: FIXTURE_TIMESTAMP,
      nonce: spec.nonce,
      random: Buffer.from(spec.random, 'hex'),
    });
    out[name] = { ...signed, plaintext: spec.plaintext };
  }
  return out;
}
