import type { Rule } from '../rule.js';

/** client-codes.ts: the SDKs' own client results, read before the backend codes and claimed from them. */
const ONRESP_THEN_ANOTHER_FUNCTION = `public void onResp(BaseResp resp) {\n${'    Log.d(TAG, "finish");\n'.repeat(12)}}\n\nprivate void upload(Result r) {\n    if (r.errCode == -2) retry();\n}`;
const OBJC_ONRESP = `-(void) onResp:(BaseResp*)resp{\n    NSLog(@"wx resp data code:%d  str:%@",resp.errCode,resp.errStr);\n    if ([resp isKindOfClass:[SendMessageToWXResp class]]) {\n        SendMessageToWXResp *messageResp = (SendMessageToWXResp *)resp;\n        int result = 0;\n        NSString* userId = NULL;\n        if(__wxTransactionUserId && [__wxTransactionUserId isKindOfClass:[NSString class]] && [__wxTransactionUserId hasPrefix:@"userId="]){\n            userId = [__wxTransactionUserId substringFromIndex:7];\n        }\n        if (messageResp.errCode== 0) {\n            result = 1;\n        }else if (messageResp.errCode== -2) {\n\n            //取消不会走这里?`;

export const rule: Rule = {
  meta: {
    id: 'client-code',
    kind: 'table',
    description:
      "An SDK's client-side result (data/client.json) read from its evidence: an `eFlag_` or `WXErrCode` name, the Android WeChat SDK's `ERR_*` constant printed with its own value and with the SDK named near or a second failure of the table listed with its value, a `flag` field by MSDK's callbacks, a WeChat SDK `errCode` within 300 characters of the SDK's words (classes such as `SendMessageToWXResp` too) or compared in code inside the block they name.",
  },
  found: [
    {
      text: 'ErrCode： ERR_OK = 0(用户同意) ERR_AUTH_DENIED = -4（用户拒绝授权） ERR_USER_CANCEL = -2（用户取消',
      code: -4,
      table: 'wechat-sdk',
      source: 'https://github.com/little-snow-fox/react-native-wechat-lib/issues/112',
    },
    {
      text: 'public interface ErrCode {\n    public static final int ERR_AUTH_DENIED = -4;\n    public static final int ERR_BAN = -6;\n    public static final int ERR_COMM = -1;',
      code: -6,
      table: 'wechat-sdk',
      source:
        'https://github.com/AmySama/OpenVirtualApp/blob/f52796b366f117987a28e06b2dd58b190537c8c0/com/tencent/mm/opensdk/modelbase/BaseResp.java',
    },
    { text: '微信登录返回 ERR_USER_CANCEL = -2', code: -2, table: 'wechat-sdk' },
    { text: OBJC_ONRESP, code: -2, table: 'wechat-sdk', source: 'https://github.com/Tencent/WeDemo/issues/15' },
    { text: 'SendMessageToWXResp errCode=-2', code: -2, table: 'wechat-sdk' },
    { text: 'WeChat login errCode=-6', code: -6, table: 'wechat-sdk' },
    { text: 'eFlag_WX_UserCancel = 2002', code: 2002, table: 'msdk-client' },
  ],
  silent: [
    // Another vendor's constant of the same name, with its own value.
    { text: 'ERR_AUTH_DENIED = 2', code: 2 },
    // A generic name with nothing that says WeChat and no second WeChat value beside it.
    { text: 'ERR_USER_CANCEL = -2', code: -2 },
    { text: 'if (resp.errCode == -2) { cancel(); }', code: -2 },
    // The WeChat SDK's words name onResp's body; the errCode is compared in the next function.
    { text: ONRESP_THEN_ANOTHER_FUNCTION, code: -2 },
    // A variable named like a class (`payResp`) is no WeChat word: classes count with their case.
    { text: 'payResp errCode=-2', code: -2 },
    // A log line is no source code: beyond 300 characters, the words do not reach it.
    { text: `BaseResp received\n${'.'.repeat(320)}\nerrCode=-2`, code: -2 },
  ],
};
