import { encodeBase64 } from './base64.js';
import { checkInteractionList } from './check-interaction-list.js';
import type { Interaction } from './interactions.js';
import { ProtocolError } from './protocol-error.js';

/**
 * The v3 `interactions` value for a list, in order of preference: standard Base64 of the minified JSON array,
 * each item written as `{"type":…,"displayText60"|"displayText200":…}`. Checks the list against the rules
 * of `flow` first and throws `INVALID_INTERACTIONS` if it breaks them.
 */
export function encodeInteractions(
  interactions: readonly Interaction[],
  flow: 'deviceLink' | 'notification' | 'linkedNotification',
): string {
  const { interactions: list, issues } = checkInteractionList(interactions, flow, '', 'interactions');
  if (issues.length > 0) {
    throw new ProtocolError('INVALID_INTERACTIONS', 'Interactions break the RP API rules.', { issues });
  }
  return encodeBase64(new TextEncoder().encode(JSON.stringify(list)));
}
