/** Every named rule, in the order docs/detection.md lists them. */
import type { Rule } from '../rule.js';
import { rule as apiPath } from './api-path.js';
import { rule as bareCode } from './bare-code.js';
import { rule as codeKeyPlatform } from './code-key-platform.js';
import { rule as errorWord } from './error-word.js';
import { rule as fieldKey } from './field-key.js';
import { rule as fieldPlatform } from './field-platform.js';
import { rule as labelledMessage } from './labelled-message.js';
import { rule as meaningBeside } from './meaning-beside.js';
import { rule as meaningWords } from './meaning-words.js';
import { rule as notARange } from './not-a-range.js';
import { rule as notStatus } from './not-status.js';
import { rule as notUnit } from './not-unit.js';
import { rule as platformWords } from './platform-words.js';
import { rule as quotedMessage } from './quoted-message.js';
import { rule as wrapper } from './wrapper.js';

export const RULES: readonly Rule[] = [
  fieldKey,
  errorWord,
  quotedMessage,
  labelledMessage,
  meaningBeside,
  codeKeyPlatform,
  bareCode,
  notARange,
  notStatus,
  notUnit,
  wrapper,
  fieldPlatform,
  apiPath,
  platformWords,
  meaningWords,
];
