/**
 * The scan pre-filter, generated from the lexicon: the words that may start a finding are the
 * error words and every key that holds a code. A key the error words already match (`errcode`
 * holds `code`) adds nothing; a new key (`rc`) is added as a whole word, so it reaches scan, explain,
 * the CLI, Slack and WeCom at once.
 */
import { CODE_KEYS, ERROR_WORD_RE, MESSAGE_WORD_RE } from './lexicon.js';

/** How many characters beside a number are compared with the meaning of its rows. */
export const MESSAGE_REACH = 48;

/** The error words, plus the code keys they do not already match. */
export function anchorWords(codeKeys: readonly string[] = CODE_KEYS, errorWords: RegExp = ERROR_WORD_RE): string {
  const extra = codeKeys.filter((k) => !errorWords.test(k)).map((k) => `\\b${k}\\b`);
  return extra.length === 0 ? errorWords.source : `${errorWords.source}|${extra.join('|')}`;
}

const QUOTE = `["'\`]`;

/**
 * A word that may start a finding. After an error word a digit must follow within 24 characters
 * (prose "error -303", `ret=-502`) or precede it within 8 (`-303 에러`): the same reach as
 * extractProse's, widened by the word's own length. A word of a platform message (`invalid`,
 * `failed`) needs a digit within extractProse's reach for messages (`40013,invalid appid`). A code
 * in a table cell or quoted with its message is read as it stands.
 */
export function anchorSource(words: string = anchorWords()): string {
  return (
    // A row of a pasted table (`|-502|msdk url 서명 에러|`): a code in a cell of its own. (The two
    // alternatives that start with a punctuation mark come first: measured 15% faster than last.)
    `\\|[ \\t]*-?\\d{1,7}[ \\t]*\\|` +
    // A platform code in brackets after its message (`reply[45015]: …`, `…](40029)`).
    `|[[(]-?\\d{5,7}[\\])]` +
    // A row of a list that starts its line (`42001 | access_token expired |`, `-6访问频率超限`), or a
    // long code glued to its English message (`61004access clientip is not registered`, as text
    // extraction gives the WeChat error page): whether the words describe the code decides.
    `|(?:^|\\n)[ \\t]*(?:-?\\d{1,7}[ \\t]*(?:\\||[\\u3040-\\u30ff\\u4e00-\\u9fff\\uac00-\\ud7a3])|-?\\d{5,7}[A-Za-z])` +
    // A quoted code and message (`"-73，internal error"`), the shape of MSDK's msg.
    `|["'「]-?\\d{1,7}[,:][ \\t]*[A-Za-z\\u3131-\\uD7A3\\u4E00-\\u9FFF]` +
    `|(?:${words})` +
    // `ret=0`: the only success code (tested), never a finding. Every run is bounded: an unbounded
    // `\w*` here would rescan a long unbroken word at each error word inside it (quadratic).
    `(?![\\w"'\`]{0,40}[ \\t]{0,8}[:=][ \\t]{0,8}${QUOTE}?0(?![\\d.]))` +
    `(?:(?=[^\\n]{0,24}\\d)|(?<=\\d[^\\n]{0,8}.{1,7}))` +
    `|(?:${MESSAGE_WORD_RE.source})(?:(?=[^\\n]{0,${MESSAGE_REACH}}\\d)|(?<=\\d[^\\n]{1,${MESSAGE_REACH + 12}}))`
  );
}
