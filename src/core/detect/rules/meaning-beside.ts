import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'meaning-beside',
    kind: 'detect',
    description:
      "The words beside a number say what one of its rows means (`40013，invalid appid`, `access token is invalid(100013)`), compared with the catalog's meanings in every language and the platforms' errmsg strings: strong evidence without any error word.",
  },
  found: [
    { text: '40013，invalid appid', code: 40013, table: 'wechat' },
    { text: '只有 `40001`（凭证无效）/ `40014`（token 非法）才重试', code: 40001, table: 'wechat' },
    { text: '系统错误，错误码：-1', code: -1, table: 'wechat' },
    { text: 'access token is invalid(100013)', code: 100013, table: 'qq' },
    { text: '40029-invalid code', code: 40029, table: 'wechat' },
  ],
  silent: [
    { text: '40013 people joined, invalid votes were 12', code: 40013, mode: 'scan' },
    { text: '100013 tokens minted today', code: 100013, mode: 'scan' },
  ],
};
