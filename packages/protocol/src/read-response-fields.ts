/** Readers for fields RP API responses share. Internal to the response validators. */
import {
  HASH_ALGORITHM_NAMES,
  hashOctetLength,
  MGF1_ALGORITHM,
  PSS_TRAILER_FIELD,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
} from './algorithms.js';
import {
  buildSignatureAlgorithmParameters,
  type PssSignatureAlgorithmParameters,
} from './build-signature-algorithm-parameters.js';
import type { FieldChecker, JsonObject } from './field-checker.js';
import type { SessionCertificate } from './rp-api-v3-types.js';

/** A `numeric4` verification code. */
export const NUMERIC4 = /^[0-9]{4}$/;

/** `cert` under `at`: Base64 DER and a level of ADVANCED or QUALIFIED. */
export function readCertificate(
  c: FieldChecker,
  o: JsonObject,
  required: boolean,
): SessionCertificate | undefined {
  const cert = c.object(o, '', 'cert', required);
  if (cert === undefined) return undefined;
  const value = c.base64(cert, '/cert', 'value', { required: true, minBytes: 1 });
  const certificateLevel = c.oneOf(
    cert,
    '/cert',
    'certificateLevel',
    ['ADVANCED', 'QUALIFIED'] as const,
    true,
  );
  return value === undefined || certificateLevel === undefined ? undefined : { value, certificateLevel };
}

/**
 * Response `signatureAlgorithmParameters` under `at`, required for `rsassa-pss` (spec §3): MGF1 with the same
 * hash, salt length equal to the hash length, trailer `0xbc`. Returns the normalised object.
 */
export function readPssParameters(
  c: FieldChecker,
  o: JsonObject,
  at: string,
  signatureAlgorithm: SignatureAlgorithm | undefined,
): PssSignatureAlgorithmParameters | undefined {
  const isPss =
    signatureAlgorithm !== undefined && SIGNATURE_ALGORITHMS[signatureAlgorithm].encoding === 'pss';
  const params = c.object(o, at, 'signatureAlgorithmParameters', isPss);
  if (params === undefined || !isPss) return undefined;
  const pAt = `${at}/signatureAlgorithmParameters`;
  const issuesBefore = c.issues.length;
  const hash = c.oneOf(params, pAt, 'hashAlgorithm', HASH_ALGORITHM_NAMES, true);
  const mgf = c.object(params, pAt, 'maskGenAlgorithm', true);
  if (mgf !== undefined) {
    c.oneOf(mgf, `${pAt}/maskGenAlgorithm`, 'algorithm', [MGF1_ALGORITHM], true);
    const mgfParams = c.object(mgf, `${pAt}/maskGenAlgorithm`, 'parameters', true);
    if (mgfParams !== undefined && hash !== undefined) {
      c.oneOf(mgfParams, `${pAt}/maskGenAlgorithm/parameters`, 'hashAlgorithm', [hash], true);
    }
  }
  const salt = c.integer(params, pAt, 'saltLength', true);
  if (salt !== undefined && hash !== undefined && salt !== hashOctetLength(hash)) {
    c.report(`${pAt}/saltLength`, 'INVALID', 'saltLength must equal the hash length.');
  }
  c.oneOf(params, pAt, 'trailerField', [PSS_TRAILER_FIELD], true);
  return hash === undefined || c.issues.length > issuesBefore
    ? undefined
    : buildSignatureAlgorithmParameters(hash);
}
