/** Readers for the fields RP API requests share. Internal to the request validators. */
import {
  HASH_ALGORITHM_NAMES,
  type HashAlgorithm,
  hashOctetLength,
  SIGNATURE_ALGORITHM_NAMES,
  SIGNATURE_ALGORITHMS,
  type SignatureAlgorithm,
} from './algorithms.js';
import { decodeInteractions } from './decode-interactions.js';
import { compact, type FieldChecker, type JsonObject } from './field-checker.js';
import { ProtocolError } from './protocol-error.js';
import type {
  AcspV2SignatureProtocolParameters,
  RawDigestSignatureProtocolParameters,
  RelyingPartyFields,
  RequestProperties,
  RequestSignatureAlgorithmParameters,
} from './rp-api-v3-types.js';
import { RP_API_LIMITS } from './wire-values.js';

/** A UUID in canonical textual form, any version (the demo RP UUIDs are not v4). */
export const UUID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const CALLBACK_URL = /^https:\/\/[^|#]+$/;
const LOOPBACK_HTTP_URL = /^http:\/\/(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?:[:/?][^|#]*)?$/;
const utf8 = new TextEncoder();

/** `relyingPartyUUID` (any UUID) and a non-empty `relyingPartyName` (v2: at most 32 bytes of UTF-8). */
export function readRelyingParty(c: FieldChecker, o: JsonObject, v2 = false): RelyingPartyFields {
  return {
    relyingPartyUUID: c.string(o, '', 'relyingPartyUUID', { required: true, pattern: UUID_PATTERN })!,
    relyingPartyName: c.string(o, '', 'relyingPartyName', {
      required: true,
      minLength: 1,
      check: (name) =>
        v2 && utf8.encode(name).length > RP_API_LIMITS.v2RelyingPartyNameMaxBytes
          ? `relyingPartyName must be at most ${RP_API_LIMITS.v2RelyingPartyNameMaxBytes} bytes of UTF-8.`
          : undefined,
    })!,
  };
}

/**
 * `initialCallbackUrl` (spec §2.1): https, at most 1800 characters, no `|` (percent-encode it) and no
 * fragment. Tessera also admits `http://` on a loopback host, for local development; real clients never
 * send one.
 */
export function readInitialCallbackUrl(c: FieldChecker, o: JsonObject): string | undefined {
  return c.string(o, '', 'initialCallbackUrl', {
    maxLength: RP_API_LIMITS.initialCallbackUrlMaxLength,
    check: (url) => {
      if (!CALLBACK_URL.test(url) && !LOOPBACK_HTTP_URL.test(url)) {
        return 'initialCallbackUrl must be an https URL without "|" or a fragment.';
      }
      try {
        new URL(url);
      } catch {
        return 'initialCallbackUrl is not a valid URL.';
      }
      return undefined;
    },
  });
}

/** `nonce`: 1–30 characters. */
export function readNonce(c: FieldChecker, o: JsonObject): string | undefined {
  const { min, max } = RP_API_LIMITS.nonceLength;
  return c.string(o, '', 'nonce', { minLength: min, maxLength: max });
}

/** `requestProperties`, keeping only `shareMdClientIpAddress`; the server reports the rest as ignored. */
export function readRequestProperties(c: FieldChecker, o: JsonObject): RequestProperties | undefined {
  const props = c.object(o, '', 'requestProperties');
  if (props === undefined) return undefined;
  return compact({
    shareMdClientIpAddress: c.boolean(props, '/requestProperties', 'shareMdClientIpAddress'),
  });
}

/** `capabilities`: an array of strings, agreed out of band. */
export function readCapabilities(c: FieldChecker, o: JsonObject): string[] | undefined {
  return c.stringArray(o, '', 'capabilities');
}

/** The v3 `interactions` string, checked by decoding it for `flow`; issues inside point at `/interactions`. */
export function readInteractions(
  c: FieldChecker,
  o: JsonObject,
  flow: 'deviceLink' | 'notification' | 'linkedNotification',
): string | undefined {
  const interactions = c.string(o, '', 'interactions', { required: true, minLength: 1 });
  if (interactions === undefined) return undefined;
  try {
    decodeInteractions(interactions, flow);
  } catch (error) {
    if (!(error instanceof ProtocolError)) throw error;
    if (error.issues.length === 0) c.report('/interactions', 'INVALID', error.message);
    for (const issue of error.issues) {
      c.report('/interactions', issue.reason, `Decoded interactions${issue.pointer ?? ''}: ${issue.detail}`);
    }
    return undefined;
  }
  return interactions;
}

/** `signatureAlgorithm` and its parameters under `at`; resolves the hash they name (`undefined` if invalid). */
function readSignatureAlgorithm(
  c: FieldChecker,
  params: JsonObject,
  at: string,
): {
  signatureAlgorithm?: SignatureAlgorithm;
  signatureAlgorithmParameters?: RequestSignatureAlgorithmParameters;
  hash?: HashAlgorithm;
} {
  const signatureAlgorithm = c.oneOf(params, at, 'signatureAlgorithm', SIGNATURE_ALGORITHM_NAMES, true);
  const algParams = c.object(params, at, 'signatureAlgorithmParameters');
  const paramsAt = `${at}/signatureAlgorithmParameters`;
  const hashAlgorithm =
    algParams === undefined
      ? undefined
      : c.oneOf(algParams, paramsAt, 'hashAlgorithm', HASH_ALGORITHM_NAMES, true);
  const signatureAlgorithmParameters = hashAlgorithm === undefined ? undefined : { hashAlgorithm };
  if (signatureAlgorithm === undefined) return {};
  const info = SIGNATURE_ALGORITHMS[signatureAlgorithm];
  if (info.impliedHash === undefined) {
    if (algParams === undefined) {
      c.report(paramsAt, 'MISSING', `signatureAlgorithmParameters are required for ${signatureAlgorithm}.`);
    }
    return compact({ signatureAlgorithm, signatureAlgorithmParameters, hash: hashAlgorithm });
  }
  if (hashAlgorithm !== undefined && hashAlgorithm !== info.impliedHash) {
    c.report(`${paramsAt}/hashAlgorithm`, 'INVALID', `${signatureAlgorithm} implies ${info.impliedHash}.`);
  }
  return compact({ signatureAlgorithm, signatureAlgorithmParameters, hash: info.impliedHash });
}

/** `signatureProtocol` = ACSP_V2 and its `signatureProtocolParameters`. */
export function readAcspV2Parameters(
  c: FieldChecker,
  o: JsonObject,
): AcspV2SignatureProtocolParameters | undefined {
  c.oneOf(o, '', 'signatureProtocol', ['ACSP_V2'], true);
  const params = c.object(o, '', 'signatureProtocolParameters', true);
  if (params === undefined) return undefined;
  const at = '/signatureProtocolParameters';
  const { min, max } = RP_API_LIMITS.rpChallengeBytes;
  const rpChallenge = c.base64(params, at, 'rpChallenge', {
    required: true,
    minLength: 44,
    maxLength: 88,
    minBytes: min,
    maxBytes: max,
  });
  const { signatureAlgorithm, signatureAlgorithmParameters } = readSignatureAlgorithm(c, params, at);
  return compact({
    rpChallenge: rpChallenge!,
    signatureAlgorithm: signatureAlgorithm!,
    signatureAlgorithmParameters,
  });
}

/** `signatureProtocol` = RAW_DIGEST_SIGNATURE and its parameters; the digest must have the hash's length. */
export function readRawDigestParameters(
  c: FieldChecker,
  o: JsonObject,
): RawDigestSignatureProtocolParameters | undefined {
  c.oneOf(o, '', 'signatureProtocol', ['RAW_DIGEST_SIGNATURE'], true);
  const params = c.object(o, '', 'signatureProtocolParameters', true);
  if (params === undefined) return undefined;
  const at = '/signatureProtocolParameters';
  const { signatureAlgorithm, signatureAlgorithmParameters, hash } = readSignatureAlgorithm(c, params, at);
  const { min, max } = RP_API_LIMITS.digestBase64Length;
  const expected = hash === undefined ? undefined : hashOctetLength(hash);
  const digest = c.base64(params, at, 'digest', {
    required: true,
    minLength: min,
    maxLength: max,
    minBytes: expected,
    maxBytes: expected,
  });
  return compact({ digest: digest!, signatureAlgorithm: signatureAlgorithm!, signatureAlgorithmParameters });
}
