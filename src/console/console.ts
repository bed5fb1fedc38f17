import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { analyze, defaultCatalog, formatPlain, LANGS, type Lang, parseLang, uiText } from '../core/index.js';

/** What a console session remembers between messages. */
export interface ConsoleState {
  lang: Lang;
  maxBytes: number;
}

const banner = (lang: Lang) => `msdk-bot console: a direct message to the bot (no Slack or WeCom configured).
Paste a code (-303), a JSON response, a log or a question; help lists the commands, quit or Ctrl-D leaves.
Slack: set SLACK_BOT_TOKEN with SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP), then npm start;
  for many workspaces, SLACK_CLIENT_ID and its companions (docs/slack.md, Install for many workspaces).
WeCom: set WECOM_WEBHOOK_URL (send) and/or WECOM_TOKEN + WECOM_ENCODING_AES_KEY (callback), then npm start.
Language: ${lang} (/lang ko|en|zh switches). README.md and docs/ have the rest.
`;

const help = (lang: Lang) => `What you type is answered as the bot answers it in Slack:
  -303, {"ret":-10000,...}, a log, words   a direct message: explained, or searched when it is words
  /msdk <text>                            the slash command (/msdk -303, /msdk access token expired, /msdk help)
  /scan <text>                            the bot's unasked reply to this in a channel (silent on chatter)
  /lang ko|en|zh                          answer language (now ${lang}); /msdk lang en does the same
  help                                    this list
  quit, exit or Ctrl-D                    leave
`;

const SLASH_USAGE =
  'usage: /msdk <code> | /msdk <JSON response or log line> | /msdk <words to search> | /msdk lang ko|en|zh\n';

/** What one message gets: a reply to print, and whether the session ends. */
export interface ConsoleTurn {
  reply?: string;
  quit?: boolean;
}

function switchLang(word: string | undefined, state: ConsoleState): ConsoleTurn {
  const chosen = parseLang(word);
  if (!chosen) return { reply: `usage: /lang ${LANGS.join('|')} (now ${state.lang})\n` };
  state.lang = chosen;
  return { reply: `${uiText(chosen).langSet}\n` };
}

/** Explain mode, as `/msdk` and a DM answer; `hint` follows an empty answer. */
function explain(text: string, state: ConsoleState, hint = ''): string {
  const analysis = analyze(text, { mode: 'explain', lang: state.lang, maxBytes: state.maxBytes });
  const reply = formatPlain(analysis, defaultCatalog(), state.lang);
  const empty = analysis.findings.length === 0 && analysis.matches.length === 0;
  return empty && hint ? `${reply.trimEnd()} ${hint}\n` : reply;
}

/**
 * One message to the bot, as a Slack DM (explain mode, always answered), or one of the console's
 * commands: `/msdk` (the slash command), `/scan` (the passive channel reply), `/lang`, `help`, `quit`.
 */
export function consoleTurn(message: string, state: ConsoleState): ConsoleTurn {
  const text = message.trim();
  const word = text.toLowerCase();
  if (word === 'quit' || word === 'exit' || word === '/quit' || word === '/exit') return { quit: true };
  if (word === 'help' || word === '/help' || word === '?') return { reply: help(state.lang) };

  const command = /^\/(\w+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!command) return { reply: explain(text, state, '(help lists what the console understands)') };
  const name = command[1]!.toLowerCase();
  const rest = (command[2] ?? '').trim();
  switch (name) {
    case 'lang':
      return switchLang(rest, state);
    case 'msdk': {
      const [first = '', ...more] = rest.split(/\s+/);
      if (first.toLowerCase() === 'lang' && more.length <= 1) return switchLang(more[0], state);
      if (!rest || (first.toLowerCase() === 'help' && more.length === 0)) return { reply: SLASH_USAGE };
      return { reply: explain(rest, state) };
    }
    case 'scan': {
      if (!rest) return { reply: 'usage: /scan <message, JSON response or log>\n' };
      const analysis = analyze(rest, { mode: 'scan', lang: state.lang, maxBytes: state.maxBytes });
      if (analysis.findings.length === 0) return { reply: '(no reply: in a channel the bot stays silent on this)\n' };
      return { reply: formatPlain(analysis, defaultCatalog(), state.lang) };
    }
    default:
      return { reply: `unknown command /${name}: type help for the list\n` };
  }
}

/** A line that is a whole message by itself: leaving, help, a language switch. */
const ONE_LINE_COMMAND = /^\s*(quit|exit|help|\?|\/(quit|exit|help)|\/lang(\s+\S+)?|\/msdk\s+lang(\s+\S+)?)\s*$/i;
/** A line that starts a message of its own, which the lines after it (a paste) continue. */
const STARTS_COMMAND = /^\s*\/[a-z]+(\s|$)/i;

/**
 * Lines that arrived together (a paste, or a whole pipe at once) split into messages: a pasted
 * JSON or log stays one message, while `help`, `/lang en`, `/msdk ...` or `quit` start their own.
 */
export function splitMessages(lines: string[]): string[] {
  const messages: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    if (ONE_LINE_COMMAND.test(line)) {
      messages.push([line]);
      current = undefined;
    } else if (STARTS_COMMAND.test(line) || !current) {
      current = [line];
      messages.push(current);
    } else current.push(line);
  }
  return messages.map((m) => m.join('\n'));
}

/**
 * Waits for the first bytes of `input` and puts them back. False when it ends with nothing at all
 * (/dev/null, a closed or empty pipe): nobody is there to talk to.
 */
export function hasInput(input: Readable): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (chunk?: Buffer | string) => {
      input.off('data', done).off('end', none).off('error', none);
      input.pause();
      if (chunk?.length) input.unshift(chunk);
      resolve(!!chunk?.length);
    };
    const none = () => done();
    input.on('data', done).once('end', none).once('error', none);
  });
}

/**
 * The embedded default of `npm start`. A paste arrives as a burst of lines, so lines that come
 * within `pasteWindowMs` of each other form one message, as in a chat.
 */
export function runConsole(options: {
  input: Readable;
  output: Writable;
  lang: Lang;
  maxBytes: number;
  pasteWindowMs?: number;
}): Promise<void> {
  const { input, output } = options;
  const state: ConsoleState = { lang: options.lang, maxBytes: options.maxBytes };
  const window = options.pasteWindowMs ?? 40;
  output.write(`${banner(state.lang)}\n> `);
  const rl = createInterface({ input, terminal: false });
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  let quit = false;
  const flush = () => {
    timer = undefined;
    const messages = splitMessages(pending);
    pending = [];
    for (const message of messages) {
      if (quit) return;
      if (!message.trim()) {
        output.write('> ');
        continue;
      }
      const turn = consoleTurn(message, state);
      if (turn.quit) {
        quit = true;
        rl.close();
        return;
      }
      output.write(`\n${turn.reply ?? ''}\n> `);
    }
  };

  rl.on('line', (line) => {
    pending.push(line);
    if (timer) clearTimeout(timer);
    timer = setTimeout(flush, window);
  });
  return new Promise((resolve) => {
    rl.on('close', () => {
      if (timer) clearTimeout(timer);
      if (pending.length) flush();
      output.write('\n');
      resolve();
    });
  });
}
