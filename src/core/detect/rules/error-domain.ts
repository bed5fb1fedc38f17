import type { Rule } from '../rule.js';

/** marks.ts's domainCodes(), applied in analyze.ts. */
export const rule: Rule = {
  meta: {
    id: 'error-domain',
    kind: 'mark',
    description:
      "An error as iOS prints it, `Error Domain=<domain> Code=<n>`: n is the domain's code (NSURLErrorDomain's -1001 is a timeout, not MSDK's -1000…-1999 range), and so is the same number elsewhere in the paste (`HTTP load failed (error code: -1001)`; in a log, only on the lines read with it), unless the domain is MSDK's, WeChat's or QQ's (`com.tencent.msdk`, `WXErrorDomain`).",
  },
  found: [
    {
      text: 'release 模式下调起微信后直接返回APP，没有任何响应，直到超时报错\n\n` finished with error [-1001] Error Domain=NSURLErrorDomain Code=-1001 "The request timed out." ',
      code: -1001,
      source: 'https://github.com/little-snow-fox/react-native-wechat-lib/issues/48',
    },
    {
      text: 'HTTP load failed (error code: -1001 [1:60])\nfinished with error - code: -1001\nload failed with error Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',
      code: -1001,
      source: 'https://github.com/MobClub/ShareSDK-for-iOS/issues/27',
    },
    {
      text: '取消分享时，返回的 error 是这样的：Error Domain=weibo_share_response Code=-100 "(null)" UserInfo={statusCode=-100}',
      code: -100,
      source: 'https://github.com/100apps/openshare/issues/100',
    },
    {
      text: 'Apple Sign In Failed, Code: 1000, Domain: com.apple.AuthenticationServices.AuthorizationError, LocalizedDescription: The operation couldn’t be completed. (com.apple.AuthenticationServices.AuthorizationError error 1000.)',
      code: 1000,
      source: 'https://github.com/lupidan/apple-signin-unity/issues/164',
    },
  ],
  silent: [
    { text: 'login failed: Error Domain=com.tencent.msdk Code=-303 "appid has no permission"', code: -303 },
    {
      text: 'resp={"ret":-502,"msg":"sig error"}\nload failed with error Error Domain=NSURLErrorDomain Code=-1001 "The request timed out."',
      code: -502,
    },
  ],
};
