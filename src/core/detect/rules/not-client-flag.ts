import type { Rule } from '../rule.js';

export const rule: Rule = {
  meta: {
    id: 'not-client-flag',
    kind: 'mark',
    description:
      "A number beside an `eFlag_` name (`|1000|eFlag_QQ_NoAcessToken|`) or in a `flag` field (`flag=1000`) is an MSDK client return code, not a backend code: never answered as one of the backend's tables.",
  },
  found: [
    { text: '|1000|eFlag_QQ_NoAcessToken|手Q没有token|', code: 1000 },
    { text: 'onLoginNotify flag=1002 desc=token expired', code: 1002 },
    { text: 'eFlag_WX_UserCancel = 2002 // error: user cancelled', code: 2002 },
  ],
  silent: [{ text: 'QZone share error 1000 on /share/qzone', code: 1000 }],
};
