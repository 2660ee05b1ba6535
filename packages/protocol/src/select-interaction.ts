import type { V2Interaction } from './interactions.js';

/** The outcome of choosing an interaction: the one to show, or the end result when the app supports none. */
export type InteractionSelection<T extends V2Interaction> =
  | { readonly supported: true; readonly interaction: T }
  | { readonly supported: false; readonly endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' };

/**
 * Chooses the first of the RP's interactions, in the RP's order, whose type the app supports (spec §4.5).
 * Its type is what the status reports as `interactionTypeUsed`.
 */
export function selectInteraction<T extends V2Interaction>(
  interactions: readonly T[],
  supportedTypes: Iterable<T['type']>,
): InteractionSelection<T> {
  const supported = new Set<string>(supportedTypes);
  const interaction = interactions.find((candidate) => supported.has(candidate.type));
  return interaction === undefined
    ? { supported: false, endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP' }
    : { supported: true, interaction };
}
