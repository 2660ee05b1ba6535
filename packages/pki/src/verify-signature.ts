import {
  children,
  DerError,
  type DerNode,
  expectTag,
  readInteger,
  readOid,
  sequenceItems,
  TAG,
} from './der.js';
import { ecdsaSignatureFromDer } from './ecdsa-signature.js';
import type { HashName } from './hash.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';
import { curveSize, describePublicKey } from './public-key.js';

type Scheme =
  | { kind: 'RSA_PKCS1'; hash: HashName }
  | { kind: 'RSA_PSS'; hash: HashName; saltLength: number }
  | { kind: 'ECDSA'; hash: HashName };

const HASH_BY_OID: Readonly<Record<string, HashName>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

const SIMPLE: Readonly<Record<string, Scheme>> = {
  [OID.sha256WithRsa]: { kind: 'RSA_PKCS1', hash: 'SHA-256' },
  [OID.sha384WithRsa]: { kind: 'RSA_PKCS1', hash: 'SHA-384' },
  [OID.sha512WithRsa]: { kind: 'RSA_PKCS1', hash: 'SHA-512' },
  [OID.ecdsaWithSha256]: { kind: 'ECDSA', hash: 'SHA-256' },
  [OID.ecdsaWithSha384]: { kind: 'ECDSA', hash: 'SHA-384' },
  [OID.ecdsaWithSha512]: { kind: 'ECDSA', hash: 'SHA-512' },
};

function hashOf(node: DerNode | undefined, what: string): HashName {
  const items = sequenceItems(node, what);
  const hash = HASH_BY_OID[readOid(items[0], what)];
  if (hash === undefined || hash === 'SHA-1') {
    throw new PkiError('UNSUPPORTED_ALGORITHM', `The ${what} is not SHA-256, SHA-384 or SHA-512.`);
  }
  if (items[1] !== undefined && items[1].tag !== TAG.NULL) throw new DerError(`Bad ${what} parameters.`);
  return hash;
}

/** RSASSA-PSS-params (RFC 4055): WebCrypto needs MGF1 with the message hash and the 0xbc trailer. */
function readPssParameters(node: DerNode | undefined): Scheme {
  if (node === undefined)
    throw new PkiError('UNSUPPORTED_ALGORITHM', 'RSASSA-PSS without parameters (SHA-1).');
  let hash: HashName | undefined;
  let mgfHash: HashName | undefined;
  let saltLength = 20;
  for (const field of children(expectTag(node, TAG.SEQUENCE, 'RSASSA-PSS-params'))) {
    const [inner] = children(field);
    if (field.tag === 0xa0) hash = hashOf(inner, 'PSS hash');
    else if (field.tag === 0xa1) {
      const mgf = sequenceItems(inner, 'PSS mask generation');
      if (readOid(mgf[0], 'mask generation function') !== OID.mgf1) {
        throw new PkiError('UNSUPPORTED_ALGORITHM', 'Only MGF1 masks are supported.');
      }
      mgfHash = hashOf(mgf[1], 'MGF1 hash');
    } else if (field.tag === 0xa2) saltLength = Number(readInteger(inner, 'PSS salt length'));
    else if (field.tag === 0xa3) {
      if (readInteger(inner, 'PSS trailer field') !== 1n) {
        throw new PkiError('UNSUPPORTED_ALGORITHM', 'Only the 0xbc PSS trailer is supported.');
      }
    } else throw new DerError('Unknown RSASSA-PSS-params field.');
  }
  if (hash === undefined || mgfHash === undefined) {
    throw new PkiError('UNSUPPORTED_ALGORITHM', 'RSASSA-PSS with SHA-1 is not supported.');
  }
  if (hash !== mgfHash) throw new PkiError('UNSUPPORTED_ALGORITHM', 'The PSS and MGF1 hashes differ.');
  return { kind: 'RSA_PSS', hash, saltLength };
}

/** Which verification scheme an AlgorithmIdentifier names; throws UNSUPPORTED_ALGORITHM for others. */
export function readSignatureScheme(algorithmIdentifier: DerNode): Scheme {
  const items = sequenceItems(algorithmIdentifier, 'signature AlgorithmIdentifier');
  const algorithm = readOid(items[0], 'signature algorithm');
  if (algorithm === OID.rsassaPss) return readPssParameters(items[1]);
  const scheme = SIMPLE[algorithm];
  if (scheme === undefined) {
    throw new PkiError('UNSUPPORTED_ALGORITHM', `The signature algorithm ${algorithm} is not supported.`);
  }
  if (scheme.kind === 'RSA_PKCS1' && items[1] !== undefined && items[1].tag !== TAG.NULL) {
    throw new DerError('RSA signature parameters must be NULL.');
  }
  if (scheme.kind === 'ECDSA' && items[1] !== undefined) throw new DerError('ECDSA takes no parameters.');
  return scheme;
}

/**
 * Whether `signature` over `data` verifies under the SubjectPublicKeyInfo `spki` with the algorithm named by the
 * AlgorithmIdentifier node. A signature of the wrong shape is `false`; an unsupported algorithm, or one that does
 * not fit the key type, throws UNSUPPORTED_ALGORITHM.
 */
export async function verifySignature(
  spki: Uint8Array,
  algorithmIdentifier: DerNode,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const scheme = readSignatureScheme(algorithmIdentifier);
  const key = describePublicKey(spki);
  const subtle = globalThis.crypto.subtle;
  const keyData = spki as Uint8Array<ArrayBuffer>;
  const bytes = data as Uint8Array<ArrayBuffer>;
  if (scheme.kind === 'ECDSA') {
    if (key.kind !== 'EC') throw new PkiError('UNSUPPORTED_ALGORITHM', 'An ECDSA signature needs an EC key.');
    let raw: Uint8Array;
    try {
      raw = ecdsaSignatureFromDer(signature, curveSize(key.curve));
    } catch {
      return false;
    }
    const k = await subtle.importKey('spki', keyData, { name: 'ECDSA', namedCurve: key.curve }, false, [
      'verify',
    ]);
    return subtle.verify({ name: 'ECDSA', hash: scheme.hash }, k, raw as Uint8Array<ArrayBuffer>, bytes);
  }
  if (key.kind !== 'RSA') throw new PkiError('UNSUPPORTED_ALGORITHM', 'An RSA signature needs an RSA key.');
  const sig = signature as Uint8Array<ArrayBuffer>;
  if (scheme.kind === 'RSA_PSS') {
    const k = await subtle.importKey('spki', keyData, { name: 'RSA-PSS', hash: scheme.hash }, false, [
      'verify',
    ]);
    return subtle.verify({ name: 'RSA-PSS', saltLength: scheme.saltLength }, k, sig, bytes);
  }
  const k = await subtle.importKey('spki', keyData, { name: 'RSASSA-PKCS1-v1_5', hash: scheme.hash }, false, [
    'verify',
  ]);
  return subtle.verify('RSASSA-PKCS1-v1_5', k, sig, bytes);
}
