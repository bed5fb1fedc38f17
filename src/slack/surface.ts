/**
 * Everything the Slack app exposes to Slack (command, shortcut, action ids, events) and the OAuth scopes
 * those need. `manifest.yml` must match this exactly; test/slack/manifest.test.ts compares the two.
 */
export const COMMAND = '/msdk';
export const SHORTCUT_EXPLAIN = 'explain_msdk_error';
export const ACTION_POST_PUBLIC = 'msdk_post_public';
/** Team features (src/team): votes on answers, one-click mute, the Home tab's language menu, the 👎 modal. */
export const ACTION_FEEDBACK_UP = 'msdk_feedback_up';
export const ACTION_FEEDBACK_DOWN = 'msdk_feedback_down';
export const ACTION_MUTE_HERE = 'msdk_mute_here';
export const ACTION_HOME_LANG = 'msdk_home_lang';
export const VIEW_FEEDBACK = 'msdk_feedback_modal';

/** Conversation kinds the passive listener reads. Each one costs a `message.*` subscription and a history scope. */
export const MESSAGE_CHANNEL_TYPES = ['channel', 'group', 'im', 'mpim'] as const;
export type MessageChannelType = (typeof MESSAGE_CHANNEL_TYPES)[number];

const HISTORY: Record<MessageChannelType, { event: string; scope: string }> = {
  channel: { event: 'message.channels', scope: 'channels:history' },
  group: { event: 'message.groups', scope: 'groups:history' },
  im: { event: 'message.im', scope: 'im:history' },
  mpim: { event: 'message.mpim', scope: 'mpim:history' },
};

/**
 * Every Web API call the adapter makes goes through `callApi(method)`, whose type is this map's keys:
 * a new call cannot be added without naming the scope it needs.
 */
const SCOPE_BY_METHOD = {
  'auth.test': undefined,
  'chat.postMessage': 'chat:write',
  /** A reply whose message was deleted is deleted too (the bot's own messages only). */
  'chat.delete': 'chat:write',
  'users.info': 'users:read',
  /** `@msdk` alone in a thread reads its first message (groups:/im:/mpim:history for other kinds). */
  'conversations.replies': 'channels:history',
  'files.info': 'files:read',
  /** Not a Web API method: GET url_private_download with the bot token. */
  'files.download': 'files:read',
  /** The Home tab and the 👎 modal: views.* need no scope beyond the bot token. */
  'views.publish': undefined,
  'views.open': undefined,
  /** A 👎 report keeps a link to the answer it is about (no scope needed). */
  'chat.getPermalink': undefined,
  /** The thanks after a 👎 report, seen by its author only. */
  'chat.postEphemeral': 'chat:write',
  /** Not a Web API method: POST to a command / interaction response_url (no scope needed). */
  response_url: undefined,
} as const satisfies Record<string, string | undefined>;
export type ApiMethod = keyof typeof SCOPE_BY_METHOD;

export interface SlackSurface {
  commands: string[];
  shortcuts: string[];
  actions: string[];
  /** Bolt event types listened to (`message`, `app_mention`). */
  events: string[];
  /** Manifest `bot_events` these need (`message` expands to one `message.*` per channel type). */
  botEvents: string[];
  /** Manifest bot scopes these and the API calls need. */
  scopes: string[];
  /** Interactivity must be on for shortcuts and block actions. */
  interactivity: boolean;
  /** The app's Messages tab must accept messages when the listener reads DMs. */
  messagesTab: boolean;
  /** Modal callback ids (view_submission). */
  views: string[];
  /** The Home tab is on when app_home_opened is listened to. */
  homeTab: boolean;
}

/** Records each id as it is handed to Bolt, so the surface is what was really registered. */
export class SurfaceRecorder {
  private readonly commands: string[] = [];
  private readonly shortcuts: string[] = [];
  private readonly actions: string[] = [];
  private readonly events: string[] = [];
  private readonly views: string[] = [];

  command<T extends string>(name: T): T {
    this.commands.push(name);
    return name;
  }
  shortcut<T extends string>(callbackId: T): T {
    this.shortcuts.push(callbackId);
    return callbackId;
  }
  action<T extends string>(actionId: T): T {
    this.actions.push(actionId);
    return actionId;
  }
  event<T extends string>(type: T): T {
    this.events.push(type);
    return type;
  }
  view<T extends string>(callbackId: T): T {
    this.views.push(callbackId);
    return callbackId;
  }

  surface(): SlackSurface {
    const botEvents = new Set<string>();
    const scopes = new Set<string>();
    for (const e of this.events) {
      if (e === 'message') {
        for (const t of MESSAGE_CHANNEL_TYPES) {
          botEvents.add(HISTORY[t].event);
          scopes.add(HISTORY[t].scope);
        }
      } else {
        botEvents.add(e);
        if (e === 'app_mention') scopes.add('app_mentions:read');
      }
    }
    if (this.commands.length > 0 || this.shortcuts.length > 0) scopes.add('commands');
    for (const scope of Object.values(SCOPE_BY_METHOD)) if (scope) scopes.add(scope);
    return {
      commands: [...this.commands],
      shortcuts: [...this.shortcuts],
      actions: [...this.actions],
      events: [...this.events],
      botEvents: [...botEvents].sort(),
      scopes: [...scopes].sort(),
      interactivity: this.shortcuts.length > 0 || this.actions.length > 0 || this.views.length > 0,
      messagesTab: this.events.includes('message') && MESSAGE_CHANNEL_TYPES.includes('im'),
      views: [...this.views],
      homeTab: this.events.includes('app_home_opened'),
    };
  }
}
