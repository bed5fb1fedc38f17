import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'meaning-beside',
    kind: 'detect',
    description:
      'The words beside a number say what one of its rows means (`40013，invalid appid`, `access token is invalid(100013)`), compared with the catalog\'s meanings in every language and the platforms\' errmsg strings: strong evidence without any error word. Words that only say "an error" (`invalid`, `不合法`: lexicon GENERIC_MEANING_WORDS) never describe a row on their own (`40007 invalid url size` is not WeChat\'s "invalid media_id").',
  },
  found: [
    { text: '40013，invalid appid', code: 40013, table: 'wechat' },
    { text: '只有 `40001`（凭证无效）/ `40014`（token 非法）才重试', code: 40001, table: 'wechat' },
    { text: '系统错误，错误码：-1', code: -1, table: 'wechat' },
    { text: 'access token is invalid(100013)', code: 100013, table: 'qq' },
    { text: '40029-invalid code', code: 40029, table: 'wechat' },
    {
      text: '61004access clientip is not registered\n把ip加入白名单ip列表再重试',
      code: 61004,
      table: 'wechat',
      mode: 'scan',
      source: 'https://developers.weixin.qq.com/doc/oplatform/developers/errCode/errCode.html',
    },
    {
      text: '会不断递归直至接口每日调用限制耗尽（45009 reach max api daily quota limit ）。',
      code: 45009,
      table: 'wechat',
      mode: 'scan',
      source: 'https://github.com/chanjarster/weixin-java-tools/issues/128',
    },
  ],
  silent: [
    { text: '40013 people joined, invalid votes were 12', code: 40013, mode: 'scan' },
    { text: '100013 tokens minted today', code: 100013, mode: 'scan' },
    { text: '100013tokens minted today', code: 100013, mode: 'scan' },
    {
      text: '40007 invalid url size 不合法的url长度\n40008 invalid url 不合法的url',
      code: 40007,
      mode: 'scan',
      source: 'http://connect.docs.iyune.cn/?cid=db6977011d1ea8fda366f0c05a3bd46a',
    },
  ],
};
