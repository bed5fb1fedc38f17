/** Every named rule, in the order docs/detection.md lists them. */
import type { Rule } from '../rule.js';
import { rule as apiPath } from './api-path.js';
import { rule as bareCode } from './bare-code.js';
import { rule as clientCode } from './client-code.js';
import { rule as codeAndMsg } from './code-and-msg.js';
import { rule as codeKeyPlatform } from './code-key-platform.js';
import { rule as codesOnly } from './codes-only.js';
import { rule as errorDomain } from './error-domain.js';
import { rule as errorWord } from './error-word.js';
import { rule as escapedJson } from './escaped-json.js';
import { rule as fieldKey } from './field-key.js';
import { rule as fieldPlatform } from './field-platform.js';
import { rule as foreignMessage } from './foreign-message.js';
import { rule as labelledMessage } from './labelled-message.js';
import { rule as labelledResponse } from './labelled-response.js';
import { rule as listBlock } from './list-block.js';
import { rule as meaningBeside } from './meaning-beside.js';
import { rule as meaningWords } from './meaning-words.js';
import { rule as messageFirst } from './message-first.js';
import { rule as neighbours } from './neighbours.js';
import { rule as notAListNumber } from './not-a-list-number.js';
import { rule as notAQuantity } from './not-a-quantity.js';
import { rule as notARange } from './not-a-range.js';
import { rule as notAnId } from './not-an-id.js';
import { rule as notClientFlag } from './not-client-flag.js';
import { rule as notStatus } from './not-status.js';
import { rule as notUnit } from './not-unit.js';
import { rule as otherMeanings } from './other-meanings.js';
import { rule as otherVendor } from './other-vendor.js';
import { rule as platformWords } from './platform-words.js';
import { rule as quotedMessage } from './quoted-message.js';
import { rule as sourceCode } from './source-code.js';
import { rule as tableRow } from './table-row.js';
import { rule as wrapper } from './wrapper.js';

export const RULES: readonly Rule[] = [
  fieldKey,
  errorWord,
  quotedMessage,
  labelledMessage,
  meaningBeside,
  codeKeyPlatform,
  tableRow,
  listBlock,
  messageFirst,
  codeAndMsg,
  escapedJson,
  sourceCode,
  labelledResponse,
  codesOnly,
  bareCode,
  notAnId,
  notClientFlag,
  notAListNumber,
  notAQuantity,
  foreignMessage,
  otherVendor,
  otherMeanings,
  errorDomain,
  notARange,
  notStatus,
  notUnit,
  wrapper,
  fieldPlatform,
  apiPath,
  platformWords,
  meaningWords,
  neighbours,
  clientCode,
];
