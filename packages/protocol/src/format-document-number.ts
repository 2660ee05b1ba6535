import { formatSemanticsIdentifier } from './format-semantics-identifier.js';
import type { DocumentNumber } from './identifiers.js';
import { ProtocolError } from './protocol-error.js';

const ACCOUNT_ID = /^[A-Z0-9]{4}$/;

/** `identifier-XXXX-Q` or `identifier-XXXX-NQ` for the parts, which must be valid. */
export function formatDocumentNumber(documentNumber: DocumentNumber): string {
  const { accountId, level } = documentNumber;
  if (!ACCOUNT_ID.test(accountId) || (level !== 'Q' && level !== 'NQ')) {
    throw new ProtocolError(
      'MALFORMED_DOCUMENT_NUMBER',
      'An account id is 4 upper-case letters or digits; the level Q or NQ.',
    );
  }
  return `${formatSemanticsIdentifier(documentNumber.semanticsIdentifier)}-${accountId}-${level}`;
}
