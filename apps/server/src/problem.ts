/**
 * The one function that decides what an error shows on the wire: RFC 9457 problem details in the shape the
 * Smart-ID RP API uses (`type` about:blank, `title` the HTTP phrase, `detail`, `errors[].code`). 4xx details and
 * codes are for the caller; a 5xx shows neither its cause nor its code.
 */
import { STATUS_CODES } from 'node:http';
import { CoreError, type CoreErrorCode } from '@tessera/core';
import { CryptoError, type CryptoErrorCode } from '@tessera/crypto';
import { PkiError, type PkiErrorCode } from '@tessera/pki';
import { ProtocolError, type ProtocolErrorCode } from '@tessera/protocol';
import { CaError, type CaErrorCode } from './ca/ca-error.js';

/** An RFC 9457 problem details body. */
export interface Problem {
  readonly type: 'about:blank';
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly errors?: readonly { readonly code: string; readonly detail?: string }[];
}

const PKI_STATUS: Readonly<Record<PkiErrorCode, number>> = {
  INVALID_ARGUMENT: 500,
  MALFORMED_PEM: 400,
  MALFORMED_CERTIFICATE: 400,
  MALFORMED_CSR: 400,
  MALFORMED_OCSP_REQUEST: 400,
  // The server never checks OCSP responses; a relying party does.
  OCSP_RESPONSE_REJECTED: 500,
  MALFORMED_PUBLIC_KEY: 400,
  CSR_SIGNATURE_INVALID: 400,
  UNSUPPORTED_ALGORITHM: 400,
  UNSUPPORTED_KEY: 400,
  WRONG_KEY_SIZE: 400,
  INVALID_SUBJECT: 400,
  INVALID_VALIDITY: 400,
  SIGNER_MISMATCH: 500,
};

const CA_STATUS: Readonly<Record<CaErrorCode, number>> = {
  CA_NOT_INITIALISED: 503,
  CA_ALREADY_INITIALISED: 409,
  CA_NOT_FOUND: 404,
  CERTIFICATE_NOT_FOUND: 404,
  INVALID_SERIAL: 400,
  UNSUPPORTED_REVOCATION_REASON: 400,
  SERIAL_EXISTS: 500,
  KEY_BACKEND_MISMATCH: 500,
  HSM_MODULE_UNAVAILABLE: 503,
  HSM_TOKEN_NOT_FOUND: 503,
  HSM_LOGIN_FAILED: 503,
  HSM_KEY_NOT_FOUND: 500,
  HSM_OPERATION_FAILED: 500,
  KEY_SELF_TEST_FAILED: 500,
  STORE_CORRUPT: 500,
  STORE_LOCKED: 503,
};

/** Domain refusals: bad input 400, not yours or gone 404, a state that forbids it 409; broken invariants 500. */
const CORE_STATUS: Readonly<Record<CoreErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  KEY_NOT_FOUND: 404,
  KEY_EXISTS: 409,
  STALE_ATTEMPT: 409,
  RELYING_PARTY_UNAUTHORIZED: 401,
  RELYING_PARTY_FORBIDDEN: 403,
  SESSION_NOT_FOUND: 404,
  SESSION_EXISTS: 500,
  ACCOUNT_NOT_FOUND: 404,
  ACCOUNT_EXISTS: 409,
  ACCOUNT_NOT_PENDING: 409,
  CSR_KEY_MISMATCH: 400,
  SESSION_NOT_OPEN: 409,
  ACCOUNT_NOT_USABLE: 409,
  DEVICE_NOT_FOUND: 401,
  DEVICE_EXISTS: 409,
  INVALID_DEVICE_KEY: 400,
  KEY_SPLIT_INVALID: 400,
  VERIFICATION_CODE_NOT_CHOSEN: 409,
  LINKED_SESSION_INVALID: 400,
  NO_SUITABLE_ACCOUNT: 404,
  PERSON_SHOULD_VIEW_APP: 404,
  EXPECTED_LINKED_SESSION: 409,
  PAIRING_CODE_TAKEN: 500,
  CHANNEL_NOT_FOUND: 404,
};

/** Wire refusals: malformed requests and links 400, device request authentication 401. */
const PROTOCOL_STATUS: Readonly<Record<ProtocolErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  MALFORMED_DEVICE_LINK: 400,
  DEVICE_LINK_MISMATCH: 400,
  AUTH_CODE_MISMATCH: 400,
  DEVICE_LINK_NOT_FRESH: 400,
  MALFORMED_CALLBACK_URL: 400,
  CALLBACK_MISMATCH: 400,
  INVALID_INTERACTIONS: 400,
  MALFORMED_SEMANTICS_IDENTIFIER: 400,
  MALFORMED_DOCUMENT_NUMBER: 400,
  INVALID_REQUEST: 400,
  INVALID_RESPONSE: 500,
  UNSUPPORTED_ALGORITHM: 400,
  RANDOM_SOURCE_FAILURE: 500,
  MALFORMED_DEVICE_REQUEST: 401,
  DEVICE_REQUEST_SIGNATURE_INVALID: 401,
  DEVICE_REQUEST_NOT_FRESH: 401,
  DEVICE_REQUEST_REPLAYED: 401,
};

/** Crypto refusals reach HTTP only from data a client sent (sealed envelopes, keys, partial signatures). */
const CRYPTO_STATUS: Readonly<Record<CryptoErrorCode, number>> = {
  INVALID_ARGUMENT: 400,
  INVALID_MODULUS: 400,
  WEAK_MODULUS: 400,
  ENCODING_MISMATCH: 400,
  UNSUPPORTED_ALGORITHM: 400,
  MALFORMED_CIPHERTEXT: 400,
  MODEXP_SELF_TEST_FAILED: 500,
  INVALID_PIN_FORMAT: 400,
  INVALID_PARTIAL_SIGNATURE: 400,
};

function problem(status: number, detail: string, code?: string): Problem {
  const title = STATUS_CODES[status] ?? 'Error';
  if (status >= 500)
    return { type: 'about:blank', status, title, detail: 'The server could not complete the request.' };
  return code === undefined
    ? { type: 'about:blank', status, title, detail }
    : { type: 'about:blank', status, title, detail, errors: [{ code }] };
}

/** The problem details for any thrown value. */
export function toProblem(error: unknown): Problem {
  if (error instanceof PkiError) return problem(PKI_STATUS[error.code] ?? 500, error.message, error.code);
  if (error instanceof CaError) return problem(CA_STATUS[error.code] ?? 500, error.message, error.code);
  if (error instanceof CoreError) return problem(CORE_STATUS[error.code] ?? 500, error.message, error.code);
  if (error instanceof ProtocolError) {
    return problem(PROTOCOL_STATUS[error.code] ?? 500, error.message, error.code);
  }
  if (error instanceof CryptoError) {
    return problem(CRYPTO_STATUS[error.code] ?? 500, error.message, error.code);
  }
  if (error instanceof Error && 'statusCode' in error && typeof error.statusCode === 'number') {
    // Fastify's own errors (validation, body too large, unsupported media type): 4xx messages describe the request.
    const status = error.statusCode >= 400 && error.statusCode <= 599 ? error.statusCode : 500;
    const code = 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    return problem(status, error.message, code);
  }
  return problem(500, '');
}
