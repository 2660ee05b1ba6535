import { SIGNATURE_ALGORITHM_NAMES } from './algorithms.js';
import { compact, FieldChecker, type JsonObject } from './field-checker.js';
import type { InteractionType } from './interactions.js';
import { readCertificate, readPssParameters } from './read-response-fields.js';
import type {
  AcspV2Signature,
  CertificateChoiceSignature,
  CompleteSessionStatus,
  RawDigestSignature,
  SessionResult,
  SessionStatusResponse,
} from './rp-api-v3-types.js';
import { END_RESULTS, SESSION_STATES } from './session-results.js';
import { FLOW_TYPES, RP_API_LIMITS, SIGNATURE_PROTOCOLS, type SignatureProtocol } from './wire-values.js';

const V3_INTERACTION_TYPES: readonly InteractionType[] = [
  'displayTextAndPIN',
  'confirmationMessage',
  'confirmationMessageAndVerificationCodeChoice',
];
const USER_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function readResult(c: FieldChecker, o: JsonObject): SessionResult | undefined {
  const result = c.object(o, '', 'result', true);
  if (result === undefined) return undefined;
  const endResult = c.oneOf(result, '/result', 'endResult', END_RESULTS, true);
  const documentNumber = c.string(result, '/result', 'documentNumber', {
    required: endResult === 'OK',
    minLength: 1,
  });
  let details: SessionResult['details'];
  if (endResult === 'USER_REFUSED_INTERACTION') {
    const d = c.object(result, '/result', 'details', true);
    const interaction = d && c.oneOf(d, '/result/details', 'interaction', V3_INTERACTION_TYPES, true);
    if (interaction !== undefined) details = { interaction };
  }
  return compact({ endResult: endResult!, documentNumber, details });
}

function readSignature(
  c: FieldChecker,
  o: JsonObject,
  protocol: SignatureProtocol | undefined,
  required: boolean,
): AcspV2Signature | RawDigestSignature | CertificateChoiceSignature | undefined {
  const s = c.object(o, '', 'signature', required);
  if (s === undefined) return undefined;
  const at = '/signature';
  const flowType = c.oneOf(s, at, 'flowType', FLOW_TYPES, true)!;
  if (protocol === undefined) return { flowType };
  const value = c.base64(s, at, 'value', { required: true, minBytes: 1 })!;
  const signatureAlgorithm = c.oneOf(s, at, 'signatureAlgorithm', SIGNATURE_ALGORITHM_NAMES, true)!;
  const signatureAlgorithmParameters = readPssParameters(c, s, at, signatureAlgorithm);
  if (protocol === 'RAW_DIGEST_SIGNATURE') {
    return compact({ value, flowType, signatureAlgorithm, signatureAlgorithmParameters });
  }
  const serverRandom = c.base64(s, at, 'serverRandom', {
    required: true,
    minLength: RP_API_LIMITS.serverRandomMinLength,
  })!;
  const userChallenge = c.string(s, at, 'userChallenge', { required: true, pattern: USER_CHALLENGE })!;
  return compact({
    value,
    serverRandom,
    userChallenge,
    flowType,
    signatureAlgorithm,
    signatureAlgorithmParameters,
  });
}

/**
 * Checks a v3 session status response (spec §3) structurally, as strictly as the official Java client: when
 * `OK`, `documentNumber`, `cert` and `signature` are required, and for authentication and signing also
 * `interactionTypeUsed`; the signature's shape follows `signatureProtocol` (none = certificate choice); PSS
 * parameters must be complete and consistent. Cryptographic checks are the caller's. Throws `INVALID_RESPONSE`.
 */
export function validateSessionStatusResponse(body: unknown): SessionStatusResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  const state = c.oneOf(o, '', 'state', SESSION_STATES, true);
  if (state !== 'COMPLETE') return c.done({ state: state! });
  const result = readResult(c, o);
  const ok = result?.endResult === 'OK';
  const signatureProtocol = c.oneOf(o, '', 'signatureProtocol', SIGNATURE_PROTOCOLS);
  const signature = readSignature(c, o, signatureProtocol, ok);
  const status = compact({
    state,
    result: result!,
    signatureProtocol,
    signature,
    cert: readCertificate(c, o, ok),
    interactionTypeUsed: c.oneOf(
      o,
      '',
      'interactionTypeUsed',
      V3_INTERACTION_TYPES,
      ok && signatureProtocol !== undefined,
    ),
    deviceIpAddress: c.string(o, '', 'deviceIpAddress'),
    ignoredProperties: c.stringArray(o, '', 'ignoredProperties'),
  });
  return c.done(status as CompleteSessionStatus);
}
