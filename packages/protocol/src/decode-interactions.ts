import { decodeBase64 } from './base64.js';
import { checkInteractionList } from './check-interaction-list.js';
import type { Interaction } from './interactions.js';
import { ProtocolError } from './protocol-error.js';

/**
 * Decodes a v3 `interactions` value (standard Base64 of a JSON array, spec §4.5) and checks it against the
 * rules of `flow`. Keep the original Base64 string: it, not a re-encoding, enters authCode and ACSP_V2.
 * Throws `INVALID_INTERACTIONS` listing every offending item (pointers into the decoded array).
 */
export function decodeInteractions(
  interactions: string,
  flow: 'deviceLink' | 'notification' | 'linkedNotification',
): Interaction[] {
  const bytes = decodeBase64(interactions);
  if (bytes === undefined || bytes.length === 0) {
    throw new ProtocolError('INVALID_INTERACTIONS', 'Interactions are not canonical standard Base64.');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw new ProtocolError('INVALID_INTERACTIONS', 'Interactions are not UTF-8 JSON.', { cause });
  }
  const { interactions: list, issues } = checkInteractionList(parsed, flow, '', 'interactions');
  if (issues.length > 0) {
    throw new ProtocolError('INVALID_INTERACTIONS', 'Interactions break the RP API rules.', { issues });
  }
  return list as Interaction[];
}
