/** Slack wording of the team features (mute, feedback, Home tab, digest), in the three languages. */
import type { Lang } from '../core/index.js';
import { COMMAND } from './surface.js';

const C = COMMAND;

/** Slack renders the time in the reader's own time zone; the fallback is UTC. */
export const slackTime = (ms: number): string =>
  `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC>`;

export interface TeamText {
  muteUsage: string;
  muted: (code: number, duration: string, until: number) => string;
  unmuted: (code: number) => string;
  notMuted: (code: number) => string;
  mutedHere: (code: number, by: string, until: number) => string;
  mutedTitle: string;
  noneMuted: string;
  muteButton: string;
  up: string;
  down: string;
  thanks: string;
  already: string;
  modalTitle: string;
  modalLabel: string;
  modalHint: string;
  modalSubmit: string;
  reported: string;
  digestUsage: string;
  digestOn: (cadence: string, hour: number) => string;
  digestOff: string;
  digestTitle: (cadence: 'daily' | 'weekly', from: string, to: string) => string;
  digestTotal: (n: number, previous: number) => string;
  digestNew: string;
  digestMuted: string;
  digestEmpty: string;
  homeTitle: string;
  homeHow: string;
  homeLang: string;
  homeWeek: string;
  homeEmpty: string;
}

const TEXT: Record<Lang, TeamText> = {
  en: {
    muteUsage: `Use \`${C} mute <code> [30m|2h|7d]\` (default 24 h, at most 30 d), \`${C} unmute <code>\` or \`${C} muted\` in a channel.`,
    muted: (c, d, u) =>
      `🔕 *${c}* is muted in this channel for ${d} (until ${slackTime(u)}): no more passive replies about it here. \`${C} unmute ${c}\` undoes it.`,
    unmuted: (c) => `🔔 *${c}* is no longer muted in this channel.`,
    notMuted: (c) => `*${c}* is not muted in this channel.`,
    mutedHere: (c, by, u) => `🔕 *${c}* muted by <@${by}> until ${slackTime(u)}`,
    mutedTitle: '*Muted in this channel*',
    noneMuted: 'Nothing is muted in this channel.',
    muteButton: '🔕 Mute here 24 h',
    up: '👍',
    down: '👎',
    thanks: 'Thanks for the feedback!',
    already: 'Your vote on this answer is already counted.',
    modalTitle: 'What was wrong?',
    modalLabel: 'Tell us what was wrong or missing',
    modalHint: 'Kept with the code, its table, the language and a link to the answer (not the message itself).',
    modalSubmit: 'Send',
    reported: 'Thanks: your report will help correct the catalog.',
    digestUsage: `Use \`${C} digest daily\`, \`${C} digest weekly\` or \`${C} digest off\` in a channel.`,
    digestOn: (c, h) => `📊 This channel will get a ${c} digest at ${h}:00 (server time).`,
    digestOff: '📊 Digests for this channel are off.',
    digestTitle: (c, f, t) => `📊 MSDK ${c} digest · ${f === t ? f : `${f} – ${t}`}`,
    digestTotal: (n, p) => `${n} explanations (previous period: ${p})`,
    digestNew: '*New codes*',
    digestMuted: '*Muted here*',
    digestEmpty: 'No MSDK errors were explained in this period.',
    homeTitle: 'MSDK Error Helper',
    homeHow:
      'Passive replies: paste an error or a log in a channel I am in and I answer in its thread, with 👍 / 👎 and a *Mute here 24 h* button. A digest to a channel shows what the workspace hit.',
    homeLang: '*Your language*',
    homeWeek: 'This workspace, last 7 days',
    homeEmpty: 'Nothing explained in this workspace in the last 7 days.',
  },
  ko: {
    muteUsage: `채널에서 \`${C} mute <코드> [30m|2h|7d]\`(기본 24시간, 최대 30일), \`${C} unmute <코드>\`, \`${C} muted\`를 쓰세요.`,
    muted: (c, d, u) =>
      `🔕 이 채널에서 *${c}* 알림을 ${d} 동안 끕니다(${slackTime(u)}까지). 여기서는 자동 답변을 하지 않습니다. \`${C} unmute ${c}\`로 되돌립니다.`,
    unmuted: (c) => `🔔 이 채널에서 *${c}* 음소거를 해제했습니다.`,
    notMuted: (c) => `이 채널에서 *${c}*는 음소거되어 있지 않습니다.`,
    mutedHere: (c, by, u) => `🔕 *${c}* — <@${by}> 님이 ${slackTime(u)}까지 음소거함`,
    mutedTitle: '*이 채널에서 음소거된 코드*',
    noneMuted: '이 채널에서 음소거된 코드가 없습니다.',
    muteButton: '🔕 여기서 24시간 음소거',
    up: '👍',
    down: '👎',
    thanks: '피드백 감사합니다!',
    already: '이 답변에 대한 투표는 이미 반영되었습니다.',
    modalTitle: '무엇이 틀렸나요?',
    modalLabel: '틀렸거나 빠진 내용을 알려 주세요',
    modalHint: '코드, 표, 언어, 답변 링크와 함께 보관됩니다(메시지 원문은 보관하지 않음).',
    modalSubmit: '보내기',
    reported: '감사합니다. 카탈로그 수정에 반영하겠습니다.',
    digestUsage: `채널에서 \`${C} digest daily\`, \`${C} digest weekly\`, \`${C} digest off\`를 쓰세요.`,
    digestOn: (c, h) => `📊 이 채널에 ${c === 'daily' ? '매일' : '매주'} ${h}시(서버 시간)에 요약을 게시합니다.`,
    digestOff: '📊 이 채널의 요약 게시를 껐습니다.',
    digestTitle: (c, f, t) => `📊 MSDK ${c === 'daily' ? '일간' : '주간'} 요약 · ${f === t ? f : `${f} – ${t}`}`,
    digestTotal: (n, p) => `설명 ${n}회 (이전 기간: ${p}회)`,
    digestNew: '*새로 나온 코드*',
    digestMuted: '*이 채널에서 음소거됨*',
    digestEmpty: '이 기간에 설명한 MSDK 오류가 없습니다.',
    homeTitle: 'MSDK Error Helper',
    homeHow:
      '자동 답변: 제가 있는 채널에 오류나 로그를 붙여 넣으면 스레드에 👍 / 👎, *여기서 24시간 음소거* 버튼과 함께 답합니다. 채널 요약(digest)으로 워크스페이스의 오류를 모아 봅니다.',
    homeLang: '*내 언어*',
    homeWeek: '이 워크스페이스, 최근 7일',
    homeEmpty: '최근 7일 동안 이 워크스페이스에서 설명한 코드가 없습니다.',
  },
  zh: {
    muteUsage: `在频道中使用 \`${C} mute <错误码> [30m|2h|7d]\`（默认 24 小时，最长 30 天）、\`${C} unmute <错误码>\` 或 \`${C} muted\`。`,
    muted: (c, d, u) =>
      `🔕 本频道已将 *${c}* 静音 ${d}（至 ${slackTime(u)}）：这里不再自动回复它。\`${C} unmute ${c}\` 可撤销。`,
    unmuted: (c) => `🔔 本频道已取消 *${c}* 的静音。`,
    notMuted: (c) => `本频道没有静音 *${c}*。`,
    mutedHere: (c, by, u) => `🔕 *${c}* 由 <@${by}> 静音，至 ${slackTime(u)}`,
    mutedTitle: '*本频道已静音*',
    noneMuted: '本频道没有静音的错误码。',
    muteButton: '🔕 在此静音 24 小时',
    up: '👍',
    down: '👎',
    thanks: '感谢反馈！',
    already: '你对这条回答的投票已记录。',
    modalTitle: '哪里不对？',
    modalLabel: '请告诉我们哪里有误或缺失',
    modalHint: '与错误码、表、语言和回答链接一起保存（不保存消息原文）。',
    modalSubmit: '发送',
    reported: '谢谢，你的反馈将用于修正目录。',
    digestUsage: `在频道中使用 \`${C} digest daily\`、\`${C} digest weekly\` 或 \`${C} digest off\`。`,
    digestOn: (c, h) => `📊 本频道将在${c === 'daily' ? '每天' : '每周'} ${h}:00（服务器时间）收到摘要。`,
    digestOff: '📊 已关闭本频道的摘要。',
    digestTitle: (c, f, t) => `📊 MSDK ${c === 'daily' ? '每日' : '每周'}摘要 · ${f === t ? f : `${f} – ${t}`}`,
    digestTotal: (n, p) => `共解释 ${n} 次（上一周期：${p} 次）`,
    digestNew: '*新出现的错误码*',
    digestMuted: '*本频道已静音*',
    digestEmpty: '本周期没有解释过 MSDK 错误。',
    homeTitle: 'MSDK Error Helper',
    homeHow:
      '自动回复：在我所在的频道粘贴错误或日志，我会在线程中回答，并附 👍 / 👎 和 *在此静音 24 小时* 按钮。频道摘要（digest）汇总本工作区遇到的错误。',
    homeLang: '*你的语言*',
    homeWeek: '本工作区，最近 7 天',
    homeEmpty: '最近 7 天本工作区没有解释过错误码。',
  },
};

export function teamText(lang: Lang): TeamText {
  return TEXT[lang];
}
