import type { IdentityType, SemanticsIdentifier } from './identifiers.js';
import { ProtocolError } from './protocol-error.js';

const SEMANTICS_IDENTIFIER = /^(PNO|IDC|PAS)([A-Z]{2})-([A-Z0-9]+(?:-[A-Z0-9]+)*)$/;
const MAX_IDENTITY_NUMBER_LENGTH = 64;

/** The parts of a semantics identifier, or `undefined` if `text` is not one. Internal. */
export function matchSemanticsIdentifier(text: string): SemanticsIdentifier | undefined {
  const m = typeof text === 'string' ? SEMANTICS_IDENTIFIER.exec(text) : null;
  if (m === null || m[3]!.length > MAX_IDENTITY_NUMBER_LENGTH) return undefined;
  return { identityType: m[1] as IdentityType, countryCode: m[2]!, identityNumber: m[3]! };
}

/**
 * Parses `TTTCC-identifier` (spec §4.1): type `PNO`, `IDC` or `PAS`, an upper-case country code, a hyphen,
 * then the national identifier (Latvian ones contain a hyphen). Throws `MALFORMED_SEMANTICS_IDENTIFIER`.
 */
export function parseSemanticsIdentifier(text: string): SemanticsIdentifier {
  const parsed = matchSemanticsIdentifier(text);
  if (parsed === undefined) {
    throw new ProtocolError('MALFORMED_SEMANTICS_IDENTIFIER', 'Not a PNO/IDC/PAS semantics identifier.');
  }
  return parsed;
}
