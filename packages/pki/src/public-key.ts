import {
  bits,
  DerError,
  nul,
  oid,
  readBits,
  readDer,
  readOid,
  readUnsignedIntegerBytes,
  seq,
  sequenceItems,
  TAG,
  unsignedInt,
} from './der.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';

/** The named curves used here. */
export type NamedCurve = 'P-256' | 'P-384';

const CURVES: Readonly<Record<NamedCurve, { oid: string; size: number }>> = {
  'P-256': { oid: OID.secp256r1, size: 32 },
  'P-384': { oid: OID.secp384r1, size: 48 },
};

/** What a SubjectPublicKeyInfo holds. */
export type PublicKeyDescription =
  | { kind: 'RSA'; modulusBits: number; modulus: Uint8Array; publicExponent: bigint }
  | { kind: 'EC'; curve: NamedCurve; point: Uint8Array };

function bitLengthOf(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  if (i === bytes.length) return 0;
  return (bytes.length - i - 1) * 8 + (32 - Math.clz32(bytes[i]!));
}

/**
 * Decodes a SubjectPublicKeyInfo. Throws MALFORMED_PUBLIC_KEY for broken DER and UNSUPPORTED_KEY for key types
 * other than RSA and EC on P-256/P-384 (named curves only).
 */
export function describePublicKey(spki: Uint8Array): PublicKeyDescription {
  let algorithm: string;
  let parameters: ReturnType<typeof sequenceItems>[number] | undefined;
  let key: Uint8Array;
  try {
    const [algNode, keyNode, extra] = sequenceItems(readDer(spki), 'SubjectPublicKeyInfo');
    if (extra !== undefined) throw new DerError('Extra fields in SubjectPublicKeyInfo.');
    const alg = sequenceItems(algNode, 'AlgorithmIdentifier');
    algorithm = readOid(alg[0], 'key algorithm');
    parameters = alg[1];
    const bitString = readBits(keyNode, 'subjectPublicKey');
    if (bitString.unusedBits !== 0) throw new DerError('The public key has unused bits.');
    key = bitString.bytes;
    if (algorithm === OID.rsaEncryption) {
      if (parameters !== undefined && parameters.tag !== TAG.NULL)
        throw new DerError('RSA parameters must be NULL.');
      const [n, e, more] = sequenceItems(readDer(key), 'RSAPublicKey');
      if (more !== undefined) throw new DerError('Extra fields in RSAPublicKey.');
      const modulus = readUnsignedIntegerBytes(n, 'modulus');
      const exponent = readUnsignedIntegerBytes(e, 'public exponent');
      let publicExponent = 0n;
      for (const b of exponent) publicExponent = (publicExponent << 8n) | BigInt(b);
      return { kind: 'RSA', modulusBits: bitLengthOf(modulus), modulus, publicExponent };
    }
  } catch (cause) {
    throw new PkiError('MALFORMED_PUBLIC_KEY', 'The public key is not a valid SubjectPublicKeyInfo.', {
      cause,
    });
  }
  if (algorithm === OID.ecPublicKey) {
    let curveOid: string;
    try {
      curveOid = readOid(parameters, 'named curve');
    } catch (cause) {
      throw new PkiError('UNSUPPORTED_KEY', 'Only EC keys on a named curve are supported.', { cause });
    }
    const curve = (Object.keys(CURVES) as NamedCurve[]).find((c) => CURVES[c].oid === curveOid);
    if (curve === undefined)
      throw new PkiError('UNSUPPORTED_KEY', `The EC curve ${curveOid} is not supported.`);
    if (key.length !== 1 + 2 * CURVES[curve].size || key[0] !== 0x04) {
      throw new PkiError(
        'MALFORMED_PUBLIC_KEY',
        'The EC public key is not an uncompressed point of its curve.',
      );
    }
    return { kind: 'EC', curve, point: key };
  }
  throw new PkiError('UNSUPPORTED_KEY', `The key algorithm ${algorithm} is not supported.`);
}

/** The subjectPublicKey BIT STRING content of a SubjectPublicKeyInfo (what key identifiers and CertIDs hash). */
export function subjectPublicKeyBits(spki: Uint8Array): Uint8Array {
  try {
    return readBits(sequenceItems(readDer(spki), 'SubjectPublicKeyInfo')[1], 'subjectPublicKey').bytes;
  } catch (cause) {
    throw new PkiError('MALFORMED_PUBLIC_KEY', 'The public key is not a valid SubjectPublicKeyInfo.', {
      cause,
    });
  }
}

/** A SubjectPublicKeyInfo for an RSA key from its modulus and public exponent (unsigned big-endian bytes). */
export function encodeRsaPublicKey(modulus: Uint8Array, publicExponent: Uint8Array): Uint8Array<ArrayBuffer> {
  return seq(
    seq(oid(OID.rsaEncryption), nul()),
    bits(seq(unsignedInt(modulus), unsignedInt(publicExponent))),
  );
}

/** A SubjectPublicKeyInfo for an EC key from its uncompressed point (`04 || X || Y`). */
export function encodeEcPublicKey(curve: NamedCurve, point: Uint8Array): Uint8Array<ArrayBuffer> {
  if (point.length !== 1 + 2 * CURVES[curve].size || point[0] !== 0x04) {
    throw new PkiError('INVALID_ARGUMENT', `Not an uncompressed ${curve} point.`);
  }
  return seq(seq(oid(OID.ecPublicKey), oid(CURVES[curve].oid)), bits(point));
}

/** The byte size of a curve's field elements (48 for P-384): the width of r and s. */
export function curveSize(curve: NamedCurve): number {
  return CURVES[curve].size;
}
