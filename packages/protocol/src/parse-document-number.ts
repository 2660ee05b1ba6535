import type { DocumentLevel, DocumentNumber } from './identifiers.js';
import { matchSemanticsIdentifier } from './parse-semantics-identifier.js';
import { ProtocolError } from './protocol-error.js';

const SUFFIX = /-([A-Z0-9]{4})-(Q|NQ)$/;

/**
 * Parses a document number (Tessera's rule, spec §4.1): a semantics identifier, `-`, a 4-character account
 * id, then `-Q` or `-NQ`; read from the end, since identifiers may contain hyphens. Throws
 * `MALFORMED_DOCUMENT_NUMBER`.
 */
export function parseDocumentNumber(text: string): DocumentNumber {
  const m = typeof text === 'string' ? SUFFIX.exec(text) : null;
  const semanticsIdentifier = m === null ? undefined : matchSemanticsIdentifier(text.slice(0, m.index));
  if (m === null || semanticsIdentifier === undefined) {
    throw new ProtocolError('MALFORMED_DOCUMENT_NUMBER', 'Not a document number (identifier-XXXX-Q or -NQ).');
  }
  return { semanticsIdentifier, accountId: m[1]!, level: m[2] as DocumentLevel };
}
