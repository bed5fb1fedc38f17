import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'platform-words',
    kind: 'table',
    description:
      "Platform words and API hosts around the code (`WeChat`, `微信`, `위챗`, `ウィーチャット`, `手Q`, `モバイルQQ`, `QZone`, `蓝钻`, `青ダイヤ`, `游戏中心`, `ゲームセンター`, `api.weixin.qq.com`, `graph.qq.com`) weigh for that platform's table when several list the code.",
  },
  found: [
    { text: '微信登录返回错误 -1', code: -1, table: 'wechat' },
    { text: '手Q登录返回错误 -1', code: -1, table: 'qq' },
    { text: '蓝钻礼包接口返回 -1 错误', code: -1, table: 'bluediamond' },
  ],
  silent: [],
};
