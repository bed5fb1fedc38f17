/**
 * Every word the bot shows a person, per language, for every surface: the answer itself (terminal,
 * console, Slack, WeCom), Slack's usage, buttons and team features, WeCom's. Each language is one
 * table with the same keys (`UiText` makes sure). Platform syntax comes in as arguments: the slash
 * command (`cmd`), a mention, a formatted time. The Slack keys carry Slack mrkdwn and the `wecom*`
 * keys WeCom markdown; the answer and digest keys, which every surface shows, are plain text.
 */
import type { ClientTableId, Lang } from './types.js';

type Cadence = 'daily' | 'weekly';

export interface UiText {
  // The answer, in every channel (src/core/present.ts and the renderers).
  via: string;
  range: string;
  supplement: string;
  supplementNote: string;
  authored: string;
  /** A supplement row's advice where the platform's page gives none. */
  authoredPlatform: string;
  /** The names of the SDKs' client-code tables (data/client.json). */
  clientTables: Readonly<Record<ClientTableId, string>>;
  /** Label of a client code's table (`MSDK client callback flag (client code)`). */
  client: string;
  /** Before a client code's reference. */
  clientNote: string;
  /**
   * A wrapped platform message that does not say what the row means: the answer leads with the message
   * (shown, as always, in its own safe quote) and doubts the row.
   */
  mayNotFit: (meaning: string) => string;
  note: string;
  unlisted: string;
  /** The meaning of a code in an error field that nobody lists. */
  unlistedMeaning: string;
  binary: string;
  alsoIn: string;
  action: string;
  errType: string;
  times: string;
  nothing: string;
  /** `msdk scan --summary`: where a code occurs, `(lines 12–4051)`. */
  lines: string;
  matches: string;
  message: string;
  truncated: (read: number, total: number) => string;
  /** `/msdk lang`, the console's `/lang`. */
  langSet: string;

  // Digests, in Slack and WeCom.
  digestTitle: (cadence: Cadence, from: string, to: string) => string;
  digestTotal: (n: number, previous: number) => string;
  digestNew: string;
  digestEmpty: string;

  // Slack.
  usage: (cmd: string) => string;
  nothingTryHelp: (cmd: string) => string;
  /** `@msdk` alone in a thread whose first message the bot could not read (Slack's rate limit). */
  threadUnreadable: (cmd: string) => string;
  langInvalid: (cmd: string) => string;
  postToChannel: string;
  sharedBy: (who: string) => string;
  expired: (cmd: string) => string;
  moreFindings: (n: number) => string;
  foundCount: (n: number) => string;
  muteUsage: (cmd: string) => string;
  muted: (cmd: string, code: number, duration: string, until: string) => string;
  unmuted: (code: number) => string;
  notMuted: (code: number) => string;
  mutedHere: (code: number, by: string, until: string) => string;
  mutedTitle: string;
  noneMuted: string;
  /** Under a list of mutes cut at its length: how many more there are. */
  moreMuted: (n: number) => string;
  /** A mute refused: the place already has `cap` live mutes. */
  muteFull: (cap: number) => string;
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
  digestUsage: (cmd: string) => string;
  /** `zone`: the IANA time zone the hour is in (the subscriber's, from their Slack profile). */
  digestOn: (cadence: Cadence, hour: number, zone: string) => string;
  /** `/msdk digest` where the bot cannot post (not a member, a DM without it): refused. */
  digestNoAccess: (cmd: string) => string;
  /** `/msdk digest` refused: the workspace already has `cap` digests. */
  digestFull: (cap: number) => string;
  digestOff: string;
  digestMuted: string;
  homeTitle: string;
  homeHow: string;
  homeLang: string;
  homeWeek: string;
  homeEmpty: string;
  /** A request from a workspace without installation (OAuth mode), answered where Slack shows it. */
  notInstalled: string;
  /** The installations cannot be read right now (Redis down, nothing known locally). */
  installUnavailable: string;

  // Slack OAuth pages (plain text: the page escapes it).
  installTitle: string;
  installIntro: string;
  installButton: string;
  installedTitle: string;
  installedTry: (cmd: string) => string;
  installedOpen: string;
  installedOrg: string;
  installedOrgLink: string;
  installFailedTitle: string;
  installCancelled: string;
  installExpired: string;
  installFailed: string;
  installAgain: string;

  // WeCom.
  wecomSummary: (n: number) => string;
  wecomMore: (n: number) => string;
  /** A group's backlog in one message: `counts` is `-303 ×8, 40001 ×4`. */
  wecomBacklog: (n: number, counts: string) => string;
  /** The same, sent after a restart for what the previous process could not send. */
  wecomBacklogRestart: (n: number, counts: string) => string;
  wecomMuteUsage: string;
  wecomMuted: (code: number, duration: string, until: string) => string;
  wecomUnmuted: (code: number) => string;
  wecomNotMuted: (code: number) => string;
  wecomMutedTitle: string;
  wecomNoneMuted: string;
}

const span = (from: string, to: string) => (from === to ? from : `${from} – ${to}`);

const ko: UiText = {
  via: '경유',
  range: '범위 규칙으로 설명',
  supplement: 'MSDK 문서에 없음',
  supplementNote: 'MSDK 문서에 없는 코드로, 플랫폼 공식 문서에 따라 설명했습니다',
  authored: '(문서에 없음)',
  authoredPlatform: '(플랫폼 문서에 조치가 없어 작성한 조언)',
  clientTables: {
    'msdk-client': 'MSDK 클라이언트 콜백 플래그',
    'wechat-sdk': '위챗 SDK 클라이언트 코드 (BaseResp.errCode)',
    'qq-sdk': 'QQ SDK 클라이언트 코드',
  },
  client: '클라이언트 코드, 백엔드 오류 아님',
  clientNote: 'SDK 클라이언트 코드로, 공개 문서에 따라 설명했습니다',
  mayNotFit: (meaning) =>
    `아래 플랫폼 메시지가 이 코드의 문서상 의미("${meaning}")와 맞지 않습니다. 이 설명이 맞지 않을 수 있으니 플랫폼 메시지를 따르십시오.`,
  note: '참고',
  unlisted: 'MSDK 문서에 없는 코드',
  unlistedMeaning: 'MSDK 오류 문서에 없는 코드입니다. 플랫폼이 보낸 메시지를 참고하십시오.',
  binary: '입력이 텍스트가 아닌 바이너리 데이터로 보여 설명할 수 없습니다.',
  alsoIn: '같은 코드가 있는 다른 표',
  action: '권장 조치',
  errType: 'err_type',
  times: '회',
  nothing: 'MSDK 오류 코드를 찾지 못했습니다.',
  lines: '줄',
  matches: '검색 결과',
  message: '응답 msg',
  truncated: (read, total) =>
    `입력이 길어 앞부분 ${read} / ${total} 바이트만 읽었습니다 (MAX_INPUT_BYTES를 늘리면 더 읽습니다).`,
  langSet: '언어를 한국어로 설정했습니다.',

  digestTitle: (c, f, t) => `📊 MSDK ${c === 'daily' ? '일간' : '주간'} 요약 · ${span(f, t)}`,
  digestTotal: (n, p) => `설명 ${n}회 (이전 기간: ${p}회)`,
  digestNew: '새로 나온 코드',
  digestEmpty: '이 기간에 설명한 MSDK 오류가 없습니다.',

  threadUnreadable: (C) =>
    `지금은 이 스레드의 첫 메시지를 읽을 수 없습니다(Slack의 읽기 제한). 오류 텍스트와 함께 멘션하거나 \`${C} <오류>\`를 쓰세요.`,
  usage: (C) =>
    [
      '*MSDK Error Helper 사용법*',
      `• \`${C} -303\` — 오류 코드 설명`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — JSON 응답이나 로그 줄 설명`,
      `• \`${C} access token expired\` — 단어로 카탈로그 검색`,
      `• \`${C} lang en|ko|zh\` — 언어 선택`,
      `• \`${C} mute <코드> [2h]\`, \`unmute <코드>\`, \`muted\`, \`digest daily|weekly|off\` — 이 채널 설정`,
      '그 밖에: 코드와 함께 저를 멘션하거나, 메시지 바로가기 *Explain MSDK error*를 쓰거나, 제가 있는 채널에 로그를 붙여 넣거나 .log/.txt/.json 파일을 공유하세요.',
    ].join('\n'),
  nothingTryHelp: (C) => `MSDK 오류 코드를 찾지 못했습니다. 예시는 \`${C} help\`를 참고하세요.`,
  langInvalid: (C) => `알 수 없는 언어입니다. \`${C} lang en\`, \`ko\`, \`zh\` 중 하나를 쓰세요.`,
  postToChannel: '채널에 게시',
  sharedBy: (who) => `${who} 님이 공유함`,
  expired: (C) => `이 답변은 만료되었습니다. \`${C}\`를 다시 실행하세요.`,
  moreFindings: (n) => `외 ${n}개`,
  foundCount: (n) => `MSDK 오류 ${n}개 발견`,
  muteUsage: (C) =>
    `채널에서 \`${C} mute <코드> [30m|2h|7d]\`(기본 24시간, 최대 30일), \`${C} unmute <코드>\`, \`${C} muted\`를 쓰세요.`,
  muted: (C, c, d, u) =>
    `🔕 이 채널에서 *${c}* 알림을 ${d} 동안 끕니다(${u}까지). 여기서는 자동 답변을 하지 않습니다. \`${C} unmute ${c}\`로 되돌립니다.`,
  unmuted: (c) => `🔔 이 채널에서 *${c}* 음소거를 해제했습니다.`,
  notMuted: (c) => `이 채널에서 *${c}*는 음소거되어 있지 않습니다.`,
  mutedHere: (c, by, u) => `🔕 *${c}* — ${by} 님이 ${u}까지 음소거함`,
  mutedTitle: '*이 채널에서 음소거된 코드*',
  noneMuted: '이 채널에서 음소거된 코드가 없습니다.',
  moreMuted: (n) => `외 ${n}개 더 음소거됨`,
  muteFull: (n) => `이미 ${n}개 코드가 음소거되어 있어 더 음소거할 수 없습니다. 먼저 몇 개를 해제하세요.`,
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
  digestUsage: (C) => `채널에서 \`${C} digest daily\`, \`${C} digest weekly\`, \`${C} digest off\`를 쓰세요.`,
  digestOn: (c, h, z) => `📊 이 채널에 ${c === 'daily' ? '매일' : '매주'} ${h}시(${z})에 요약을 게시합니다.`,
  digestNoAccess: (C) =>
    `이 대화에는 요약을 게시할 수 없어 구독하지 않았습니다. 채널에 앱을 초대(\`/invite @msdk\`)한 뒤 \`${C} digest daily\`를 다시 쓰세요.`,
  digestFull: (n) => `이 워크스페이스에는 이미 요약 ${n}개가 있습니다. 먼저 하나를 끄세요(\`digest off\`).`,
  digestOff: '📊 이 채널의 요약 게시를 껐습니다.',
  digestMuted: '*이 채널에서 음소거됨*',
  homeTitle: 'MSDK Error Helper',
  homeHow:
    '자동 답변: 제가 있는 채널에 오류나 로그를 붙여 넣으면 스레드에 👍 / 👎, *여기서 24시간 음소거* 버튼과 함께 답합니다. 채널 요약(digest)으로 워크스페이스의 오류를 모아 봅니다.',
  homeLang: '*내 언어*',
  homeWeek: '이 워크스페이스, 최근 7일',
  homeEmpty: '최근 7일 동안 이 워크스페이스에서 설명한 코드가 없습니다.',
  notInstalled:
    'MSDK Error Helper가 이 워크스페이스에 설치되어 있지 않습니다(또는 제거되었습니다). 관리자에게 다시 설치해 달라고 요청하십시오.',
  installUnavailable: '지금은 이 워크스페이스의 설치 정보를 읽을 수 없습니다. 잠시 후 다시 시도하십시오.',
  installTitle: 'MSDK Error Helper를 Slack에 추가',
  installIntro:
    '채널에 붙여 넣은 Tencent MSDK 오류 코드를 설명합니다. 워크스페이스에 추가하려면 아래 버튼을 누르십시오.',
  installButton: 'Slack에 추가',
  installedTitle: 'MSDK Error Helper가 설치되었습니다',
  installedTry: (cmd) => `Slack에서 ${cmd} -303 을 입력해 보십시오.`,
  installedOpen: 'Slack 열기',
  installedOrg: '조직 전체에 설치되었습니다. 이제 앱을 사용할 워크스페이스를 선택하십시오.',
  installedOrgLink: '워크스페이스에 추가',
  installFailedTitle: '설치가 완료되지 않았습니다',
  installCancelled: '설치가 취소되었습니다.',
  installExpired: '설치 링크가 만료되었거나 이미 사용되었습니다.',
  installFailed: 'Slack과의 설치 과정에서 문제가 발생했습니다.',
  installAgain: '설치 페이지에서 다시 시작',

  wecomSummary: (n) => `오류 ${n}건 (길어서 요약)`,
  wecomMore: (n) => `… 외 ${n}건`,
  wecomBacklog: (n, c) => `최근 1분 동안 오류 ${n}건 더: ${c}`,
  wecomBacklogRestart: (n, c) => `재시작 전에 답하지 못한 오류 ${n}건: ${c}`,
  wecomMuteUsage: '`@robot mute <코드> [30m|2h|7d]`(기본 24시간), `@robot unmute <코드>`, `@robot muted`를 쓰세요.',
  wecomMuted: (c, d, u) => `🔕 이 그룹에서 \`${c}\`를 ${d} 동안 음소거합니다(${u}까지).`,
  wecomUnmuted: (c) => `🔔 이 그룹에서 \`${c}\` 음소거를 해제했습니다.`,
  wecomNotMuted: (c) => `이 그룹에서 \`${c}\`는 음소거되어 있지 않습니다.`,
  wecomMutedTitle: '**이 그룹에서 음소거됨**',
  wecomNoneMuted: '이 그룹에서 음소거된 코드가 없습니다.',
};

const en: UiText = {
  via: 'via',
  range: 'explained from its range',
  supplement: 'not in the MSDK document',
  supplementNote: "This code is not in the MSDK document; explained from the platform's official documentation",
  authored: '(not in the document)',
  authoredPlatform: "(our advice: the platform's page gives none)",
  clientTables: {
    'msdk-client': 'MSDK client callback flag',
    'wechat-sdk': 'WeChat SDK client code (BaseResp.errCode)',
    'qq-sdk': 'QQ SDK client code',
  },
  client: 'client code, not a backend error',
  clientNote: "An SDK's client-side code, explained from its public documentation",
  mayNotFit: (meaning) =>
    `The platform's own message (below) is not what this code's listed meaning says ("${meaning}"): the row may not fit, go by the message.`,
  note: 'Note',
  unlisted: 'not in the MSDK document',
  unlistedMeaning: 'The MSDK error document does not list this code; see the platform’s own message.',
  binary: 'The input looks like binary data, not text: nothing to explain.',
  alsoIn: 'Also listed in',
  action: 'Recommended action',
  errType: 'err_type',
  times: 'x',
  nothing: 'No MSDK error code found.',
  lines: 'lines',
  matches: 'Search results',
  message: 'Response msg',
  truncated: (read, total) =>
    `Input too long: only the first ${read} of ${total} bytes were read (raise MAX_INPUT_BYTES to read more).`,
  langSet: 'Language set to English.',

  digestTitle: (c, f, t) => `📊 MSDK ${c} digest · ${span(f, t)}`,
  digestTotal: (n, p) => `${n} explanations (previous period: ${p})`,
  digestNew: 'New codes',
  digestEmpty: 'No MSDK errors were explained in this period.',

  threadUnreadable: (C) =>
    `I cannot read this thread's first message right now (Slack limits how often apps may read threads). Mention me with the error text, or use \`${C} <error>\`.`,
  usage: (C) =>
    [
      '*How to use MSDK Error Helper*',
      `• \`${C} -303\` — explain an error code`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — explain a JSON response or a log line`,
      `• \`${C} access token expired\` — search the catalog by words`,
      `• \`${C} lang en|ko|zh\` — choose your language`,
      `• \`${C} mute <code> [2h]\`, \`unmute <code>\`, \`muted\`, \`digest daily|weekly|off\` — for this channel`,
      'Also: mention me with a code, use the message shortcut *Explain MSDK error*, or paste a log or share a .log/.txt/.json file in a channel I am in.',
    ].join('\n'),
  nothingTryHelp: (C) => `No MSDK error code found. Try \`${C} help\` for examples.`,
  langInvalid: (C) => `Unknown language. Use \`${C} lang en\`, \`ko\` or \`zh\`.`,
  postToChannel: 'Post to channel',
  sharedBy: (who) => `Shared by ${who}`,
  expired: (C) => `This answer has expired. Run \`${C}\` again.`,
  moreFindings: (n) => `+${n} more`,
  foundCount: (n) => `${n} MSDK errors found`,
  muteUsage: (C) =>
    `Use \`${C} mute <code> [30m|2h|7d]\` (default 24 h, at most 30 d), \`${C} unmute <code>\` or \`${C} muted\` in a channel.`,
  muted: (C, c, d, u) =>
    `🔕 *${c}* is muted in this channel for ${d} (until ${u}): no more passive replies about it here. \`${C} unmute ${c}\` undoes it.`,
  unmuted: (c) => `🔔 *${c}* is no longer muted in this channel.`,
  notMuted: (c) => `*${c}* is not muted in this channel.`,
  mutedHere: (c, by, u) => `🔕 *${c}* muted by ${by} until ${u}`,
  mutedTitle: '*Muted in this channel*',
  noneMuted: 'Nothing is muted in this channel.',
  moreMuted: (n) => `and ${n} more muted`,
  muteFull: (n) => `${n} codes are already muted here, so no more can be; unmute some first.`,
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
  digestUsage: (C) => `Use \`${C} digest daily\`, \`${C} digest weekly\` or \`${C} digest off\` in a channel.`,
  digestOn: (c, h, z) => `📊 This channel will get a ${c} digest at ${h}:00 (${z}).`,
  digestNoAccess: (C) =>
    `No digest: I cannot post in this conversation. Invite me to a channel (\`/invite @msdk\`), then run \`${C} digest daily\` there.`,
  digestFull: (n) => `This workspace already has ${n} digests; turn one off first (\`digest off\`).`,
  digestOff: '📊 Digests for this channel are off.',
  digestMuted: '*Muted here*',
  homeTitle: 'MSDK Error Helper',
  homeHow:
    'Passive replies: paste an error or a log in a channel I am in and I answer in its thread, with 👍 / 👎 and a *Mute here 24 h* button. A digest to a channel shows what the workspace hit.',
  homeLang: '*Your language*',
  homeWeek: 'This workspace, last 7 days',
  homeEmpty: 'Nothing explained in this workspace in the last 7 days.',
  notInstalled:
    'MSDK Error Helper is not installed in this workspace (or was removed): ask an admin to install it again.',
  installUnavailable: "MSDK Error Helper cannot read this workspace's installation right now. Try again in a minute.",
  installTitle: 'Add MSDK Error Helper to Slack',
  installIntro:
    'It explains the Tencent MSDK error codes people paste in your channels. Press the button to add it to your workspace.',
  installButton: 'Add to Slack',
  installedTitle: 'MSDK Error Helper is installed',
  installedTry: (cmd) => `Try ${cmd} -303 in Slack.`,
  installedOpen: 'Open Slack',
  installedOrg: 'Installed for your organisation. Now choose the workspaces that get it.',
  installedOrgLink: 'Add it to workspaces',
  installFailedTitle: 'The installation did not complete',
  installCancelled: 'The installation was cancelled.',
  installExpired: 'This installation link has expired or was already used.',
  installFailed: 'Something went wrong while talking to Slack.',
  installAgain: 'Start again from the install page',

  wecomSummary: (n) => `${n} errors (summarised: too long)`,
  wecomMore: (n) => `… and ${n} more`,
  wecomBacklog: (n, c) => `${n} more errors in the last minute: ${c}`,
  wecomBacklogRestart: (n, c) => `${n} errors not answered before a restart: ${c}`,
  wecomMuteUsage: 'Use `@robot mute <code> [30m|2h|7d]` (default 24 h), `@robot unmute <code>` or `@robot muted`.',
  wecomMuted: (c, d, u) => `🔕 \`${c}\` is muted in this group for ${d} (until ${u}).`,
  wecomUnmuted: (c) => `🔔 \`${c}\` is no longer muted in this group.`,
  wecomNotMuted: (c) => `\`${c}\` is not muted in this group.`,
  wecomMutedTitle: '**Muted in this group**',
  wecomNoneMuted: 'Nothing is muted in this group.',
};

const zh: UiText = {
  via: '经由',
  range: '按范围规则解释',
  supplement: 'MSDK 文档未列出',
  supplementNote: '此错误码不在 MSDK 文档中，根据平台官方文档解释',
  authored: '(文档未列出)',
  authoredPlatform: '（平台页面未给出处理方法，此为本工具的建议）',
  clientTables: {
    'msdk-client': 'MSDK 客户端回调标识',
    'wechat-sdk': '微信 SDK 客户端错误码（BaseResp.errCode）',
    'qq-sdk': 'QQ SDK 客户端错误码',
  },
  client: '客户端返回码，不是后台错误',
  clientNote: 'SDK 客户端返回码，根据其公开文档解释',
  mayNotFit: (meaning) =>
    `下方的平台消息与该错误码的列表含义（“${meaning}”）不符：此解释可能不适用，请以平台消息为准。`,
  note: '注',
  unlisted: 'MSDK 文档未收录',
  unlistedMeaning: 'MSDK 错误码文档未收录此错误码，请参考平台返回的消息。',
  binary: '输入看起来是二进制数据而不是文本，无法解释。',
  alsoIn: '同一错误码还出现在',
  action: '建议处理',
  errType: 'err_type',
  times: '次',
  nothing: '未找到 MSDK 错误码。',
  lines: '行',
  matches: '搜索结果',
  message: '返回 msg',
  truncated: (read, total) => `输入过长：只读取了前 ${read} / ${total} 字节（调大 MAX_INPUT_BYTES 可读取更多）。`,
  langSet: '语言已设置为中文。',

  digestTitle: (c, f, t) => `📊 MSDK ${c === 'daily' ? '每日' : '每周'}摘要 · ${span(f, t)}`,
  digestTotal: (n, p) => `共解释 ${n} 次（上一周期：${p} 次）`,
  digestNew: '新出现的错误码',
  digestEmpty: '本周期没有解释过 MSDK 错误。',

  threadUnreadable: (C) =>
    `现在无法读取此话题的第一条消息（Slack 限制应用读取话题的频率）。请带上错误文本提及我，或使用 \`${C} <错误>\`。`,
  usage: (C) =>
    [
      '*MSDK Error Helper 使用方法*',
      `• \`${C} -303\` — 解释错误码`,
      `• \`${C} {"ret":-10000,"msg":"-73,..."}\` — 解释 JSON 返回或日志行`,
      `• \`${C} access token expired\` — 按关键词搜索`,
      `• \`${C} lang en|ko|zh\` — 选择语言`,
      `• \`${C} mute <错误码> [2h]\`、\`unmute <错误码>\`、\`muted\`、\`digest daily|weekly|off\` — 本频道设置`,
      '也可以：带错误码 @我、使用消息快捷方式 *Explain MSDK error*，或在我所在的频道粘贴日志、分享 .log/.txt/.json 文件。',
    ].join('\n'),
  nothingTryHelp: (C) => `未找到 MSDK 错误码。示例见 \`${C} help\`。`,
  langInvalid: (C) => `未知语言。请使用 \`${C} lang en\`、\`ko\` 或 \`zh\`。`,
  postToChannel: '发送到频道',
  sharedBy: (who) => `由 ${who} 分享`,
  expired: (C) => `该回答已过期，请重新运行 \`${C}\`。`,
  moreFindings: (n) => `另有 ${n} 个`,
  foundCount: (n) => `发现 ${n} 个 MSDK 错误`,
  muteUsage: (C) =>
    `在频道中使用 \`${C} mute <错误码> [30m|2h|7d]\`（默认 24 小时，最长 30 天）、\`${C} unmute <错误码>\` 或 \`${C} muted\`。`,
  muted: (C, c, d, u) => `🔕 本频道已将 *${c}* 静音 ${d}（至 ${u}）：这里不再自动回复它。\`${C} unmute ${c}\` 可撤销。`,
  unmuted: (c) => `🔔 本频道已取消 *${c}* 的静音。`,
  notMuted: (c) => `本频道没有静音 *${c}*。`,
  mutedHere: (c, by, u) => `🔕 *${c}* 由 ${by} 静音，至 ${u}`,
  mutedTitle: '*本频道已静音*',
  noneMuted: '本频道没有静音的错误码。',
  moreMuted: (n) => `另有 ${n} 个已静音`,
  muteFull: (n) => `这里已静音 ${n} 个错误码，无法再静音；请先取消一些。`,
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
  digestUsage: (C) => `在频道中使用 \`${C} digest daily\`、\`${C} digest weekly\` 或 \`${C} digest off\`。`,
  digestOn: (c, h, z) => `📊 本频道将在${c === 'daily' ? '每天' : '每周'} ${h}:00（${z}）收到摘要。`,
  digestNoAccess: (C) =>
    `未订阅：我无法在此会话中发消息。请先把我邀请到频道（\`/invite @msdk\`），再在那里使用 \`${C} digest daily\`。`,
  digestFull: (n) => `本工作区已有 ${n} 个摘要；请先关闭一个（\`digest off\`）。`,
  digestOff: '📊 已关闭本频道的摘要。',
  digestMuted: '*本频道已静音*',
  homeTitle: 'MSDK Error Helper',
  homeHow:
    '自动回复：在我所在的频道粘贴错误或日志，我会在线程中回答，并附 👍 / 👎 和 *在此静音 24 小时* 按钮。频道摘要（digest）汇总本工作区遇到的错误。',
  homeLang: '*你的语言*',
  homeWeek: '本工作区，最近 7 天',
  homeEmpty: '最近 7 天本工作区没有解释过错误码。',
  notInstalled: 'MSDK Error Helper 未安装在此工作区（或已被移除）：请联系管理员重新安装。',
  installUnavailable: '暂时无法读取此工作区的安装信息，请稍后重试。',
  installTitle: '将 MSDK Error Helper 添加到 Slack',
  installIntro: '它会解释频道中粘贴的腾讯 MSDK 错误码。点击下方按钮将其添加到你的工作区。',
  installButton: '添加到 Slack',
  installedTitle: 'MSDK Error Helper 已安装',
  installedTry: (cmd) => `在 Slack 中试试 ${cmd} -303。`,
  installedOpen: '打开 Slack',
  installedOrg: '已为整个组织安装。现在请选择使用它的工作区。',
  installedOrgLink: '添加到工作区',
  installFailedTitle: '安装未完成',
  installCancelled: '安装已取消。',
  installExpired: '安装链接已过期或已被使用。',
  installFailed: '与 Slack 通信时出错。',
  installAgain: '从安装页面重新开始',

  wecomSummary: (n) => `共 ${n} 个错误（内容过长，已摘要）`,
  wecomMore: (n) => `… 另有 ${n} 个`,
  wecomBacklog: (n, c) => `最近一分钟内另有 ${n} 个错误：${c}`,
  wecomBacklogRestart: (n, c) => `重启前未回复的 ${n} 个错误：${c}`,
  wecomMuteUsage:
    '请使用 `@robot mute <错误码> [30m|2h|7d]`（默认 24 小时）、`@robot unmute <错误码>` 或 `@robot muted`。',
  wecomMuted: (c, d, u) => `🔕 本群已将 \`${c}\` 静音 ${d}（至 ${u}）。`,
  wecomUnmuted: (c) => `🔔 本群已取消 \`${c}\` 的静音。`,
  wecomNotMuted: (c) => `本群没有静音 \`${c}\`。`,
  wecomMutedTitle: '**本群已静音**',
  wecomNoneMuted: '本群没有静音的错误码。',
};

export const UI_TEXT: Readonly<Record<Lang, UiText>> = { ko, en, zh };

export function uiText(lang: Lang): UiText {
  return UI_TEXT[lang];
}
