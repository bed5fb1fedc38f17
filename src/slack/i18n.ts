import type { Lang } from '../core/index.js';
import { COMMAND } from './surface.js';

/** Slack-only wording (the core's `uiText` covers the shared words). */
export interface SlackText {
  usage: string;
  postToChannel: string;
  sharedBy: (user: string) => string;
  expired: string;
  more: (n: number) => string;
  summary: (n: number) => string;
  nothing: string;
  langSet: string;
  langInvalid: string;
  failed: string;
}

const C = COMMAND;

const TEXT: Record<Lang, SlackText> = {
  en: {
    usage: [
      '*How to use MSDK Error Helper*',
      `• \`${C} -303\` — explain an error code`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — explain a JSON response or a log line`,
      `• \`${C} access token expired\` — search the catalog by words`,
      `• \`${C} lang en|ko|zh\` — choose your language`,
      `• \`${C} mute <code> [2h]\`, \`unmute <code>\`, \`muted\`, \`digest daily|weekly|off\` — for this channel`,
      'Also: mention me with a code, use the message shortcut *Explain MSDK error*, or paste a log or share a .log/.txt/.json file in a channel I am in.',
    ].join('\n'),
    postToChannel: 'Post to channel',
    sharedBy: (u) => `Shared by <@${u}>`,
    expired: `This answer has expired. Run \`${C}\` again.`,
    more: (n) => `+${n} more`,
    summary: (n) => `${n} MSDK errors found`,
    nothing: `No MSDK error code found. Try \`${C} help\` for examples.`,
    langSet: 'Language set to English.',
    langInvalid: `Unknown language. Use \`${C} lang en\`, \`ko\` or \`zh\`.`,
    failed: 'Sorry, something went wrong while answering. Please try again.',
  },
  ko: {
    usage: [
      '*MSDK Error Helper 사용법*',
      `• \`${C} -303\` — 오류 코드 설명`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — JSON 응답이나 로그 줄 설명`,
      `• \`${C} access token expired\` — 단어로 카탈로그 검색`,
      `• \`${C} lang en|ko|zh\` — 언어 선택`,
      `• \`${C} mute <코드> [2h]\`, \`unmute <코드>\`, \`muted\`, \`digest daily|weekly|off\` — 이 채널 설정`,
      '그 밖에: 코드와 함께 저를 멘션하거나, 메시지 바로가기 *Explain MSDK error*를 쓰거나, 제가 있는 채널에 로그를 붙여 넣거나 .log/.txt/.json 파일을 공유하세요.',
    ].join('\n'),
    postToChannel: '채널에 게시',
    sharedBy: (u) => `<@${u}> 님이 공유함`,
    expired: `이 답변은 만료되었습니다. \`${C}\`를 다시 실행하세요.`,
    more: (n) => `외 ${n}개`,
    summary: (n) => `MSDK 오류 ${n}개 발견`,
    nothing: `MSDK 오류 코드를 찾지 못했습니다. 예시는 \`${C} help\`를 참고하세요.`,
    langSet: '언어를 한국어로 설정했습니다.',
    langInvalid: `알 수 없는 언어입니다. \`${C} lang en\`, \`ko\`, \`zh\` 중 하나를 쓰세요.`,
    failed: '죄송합니다. 답변 중 문제가 생겼습니다. 다시 시도해 주세요.',
  },
  zh: {
    usage: [
      '*MSDK Error Helper 使用方法*',
      `• \`${C} -303\` — 解释错误码`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — 解释 JSON 返回或日志行`,
      `• \`${C} access token expired\` — 按关键词搜索`,
      `• \`${C} lang en|ko|zh\` — 选择语言`,
      `• \`${C} mute <错误码> [2h]\`、\`unmute <错误码>\`、\`muted\`、\`digest daily|weekly|off\` — 本频道设置`,
      '也可以：带错误码 @我、使用消息快捷方式 *Explain MSDK error*，或在我所在的频道粘贴日志、分享 .log/.txt/.json 文件。',
    ].join('\n'),
    postToChannel: '发送到频道',
    sharedBy: (u) => `由 <@${u}> 分享`,
    expired: `该回答已过期，请重新运行 \`${C}\`。`,
    more: (n) => `另有 ${n} 个`,
    summary: (n) => `发现 ${n} 个 MSDK 错误`,
    nothing: `未找到 MSDK 错误码。示例见 \`${C} help\`。`,
    langSet: '语言已设置为中文。',
    langInvalid: `未知语言。请使用 \`${C} lang en\`、\`ko\` 或 \`zh\`。`,
    failed: '抱歉，回答时出错了，请重试。',
  },
};

export function slackText(lang: Lang): SlackText {
  return TEXT[lang];
}
