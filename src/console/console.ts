import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { analyze, defaultCatalog, formatPlain, type Lang } from '../core/index.js';

const HELLO = `msdk-bot console — no Slack or WeCom configured, so replies are shown here.
Paste a message, a JSON response or a log (the listener scans it), or type /msdk <code|text> (explain).
To connect Slack set SLACK_BOT_TOKEN with SLACK_SIGNING_SECRET (HTTP) or SLACK_APP_TOKEN (Socket Mode);
for WeCom set WECOM_WEBHOOK_URL and/or WECOM_TOKEN + WECOM_ENCODING_AES_KEY. See README.md.
`;

/** What the bot would answer to one message: `undefined` where it would stay silent. */
export function consoleReply(message: string, lang: Lang, maxBytes: number): string | undefined {
  const command = /^\s*\/msdk\b\s*([\s\S]*)$/.exec(message);
  if (command) {
    const text = command[1]!.trim();
    if (!text || text === 'help')
      return 'usage: /msdk <code> | /msdk <JSON response or log line> | /msdk <words to search>\n';
    return formatPlain(analyze(text, { mode: 'explain', lang, maxBytes }), defaultCatalog(), lang);
  }
  const analysis = analyze(message, { mode: 'scan', lang, maxBytes });
  return analysis.findings.length > 0 ? formatPlain(analysis, defaultCatalog(), lang) : undefined;
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
  const { input, output, lang, maxBytes } = options;
  const window = options.pasteWindowMs ?? 40;
  output.write(`${HELLO}\n> `);
  const rl = createInterface({ input, terminal: false });
  let pending: string[] = [];
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    timer = undefined;
    const message = pending.join('\n');
    pending = [];
    if (!message.trim()) return void output.write('> ');
    const reply = consoleReply(message, lang, maxBytes);
    output.write(`${reply ? `\n${reply}` : '(no reply: nothing that looks like an MSDK error)\n'}\n> `);
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
