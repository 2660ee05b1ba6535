import type { SemanticsIdentifier } from './identifiers.js';
import { matchSemanticsIdentifier } from './parse-semantics-identifier.js';
import { ProtocolError } from './protocol-error.js';

/** `TTTCC-identifier` for the parts, which must make a valid semantics identifier. */
export function formatSemanticsIdentifier(id: SemanticsIdentifier): string {
  const text = `${id.identityType}${id.countryCode}-${id.identityNumber}`;
  const back = matchSemanticsIdentifier(text);
  if (back === undefined || back.identityType !== id.identityType || back.countryCode !== id.countryCode) {
    throw new ProtocolError(
      'MALFORMED_SEMANTICS_IDENTIFIER',
      'The parts do not make a semantics identifier.',
    );
  }
  return text;
}
