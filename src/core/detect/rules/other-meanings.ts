import type { Rule } from '../rule.js';

/** analyze.ts's withoutOtherMeanings(). */
export const rule: Rule = {
  meta: {
    id: 'other-meanings',
    kind: 'mark',
    description:
      "A list of codes, each opening its line (after blanks) with its meaning after it (`-1:指定されたユーザIDが存在しない`), where not one meaning is what the catalog says of its code (`40003 missing scope`, `40013 missing code`, `40014 missing state`: a service reusing WeChat's numbers): the list is another's, and its codes standing bare are not answered. One row read as its code's meaning, or any stronger evidence in the list, keeps them.",
  },
  found: [
    {
      text: '40003 missing scope 缺失scope参数\n40004 AppID or AppSecret error, please confirm the correctness of AppSecret AppID或者AppSecret错误\n40005 invalid access_token 不合法的access_token\n40006 invalid refresh_token 不合法的refresh_token\n40007 invalid url size 不合法的url长度\n40013 missing code 缺失code参数\n40014 missing state 缺失state参数',
      code: 40013,
      mode: 'explain',
      source: 'http://connect.docs.iyune.cn/?cid=db6977011d1ea8fda366f0c05a3bd46a',
    },
    {
      text: '失敗時のコードは以下の通りです。\n -1:指定されたユーザIDが存在しない\n -2:ID有効期限が切れている\n -3:パスワードが一致しない\n -4:パスワードの有効期限が切れている\n -5:主所属情報が存在しない\n -6:アカウントがロックされている',
      code: -6,
      mode: 'explain',
      source: 'https://poweregg.d-circle.com/faq/001245',
    },
  ],
  silent: [
    {
      text: '40001 invalid credential 不合法的调用凭证\n40013 请检查AppID\n40014 请检查token',
      code: 40013,
      mode: 'explain',
    },
    { text: '-303\n-502\n-4009', code: -502, mode: 'explain' },
  ],
};
