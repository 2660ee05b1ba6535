import {
  children,
  DerError,
  expectTag,
  readDer,
  readInteger,
  readOctets,
  readOid,
  sequenceItems,
  TAG,
} from './der.js';
import type { HashName } from './hash.js';
import { OID } from './oids.js';
import { PkiError } from './pki-error.js';

/** One CertID of a request, with its exact encoding (a response must echo it). */
export interface OcspCertId {
  readonly raw: Uint8Array;
  /** The hash of the name and key hashes, or null for an algorithm this responder does not know. */
  readonly hashAlgorithm: HashName | null;
  readonly hashAlgorithmOid: string;
  readonly issuerNameHash: Uint8Array;
  readonly issuerKeyHash: Uint8Array;
  readonly serialNumber: bigint;
}

/** A decoded OCSP request. */
export interface OcspRequest {
  readonly certIds: readonly OcspCertId[];
  /** The nonce extension's extnValue content, exactly as sent (RFC 8954), if any. */
  readonly nonce?: Uint8Array;
}

/** More CertIDs than this in one request is refused: it bounds the work per request. */
export const MAX_OCSP_REQUEST_CERT_IDS = 32;

const HASHES: Readonly<Record<string, HashName>> = {
  [OID.sha1]: 'SHA-1',
  [OID.sha256]: 'SHA-256',
  [OID.sha384]: 'SHA-384',
  [OID.sha512]: 'SHA-512',
};

function readExtensions(node: ReturnType<typeof readDer>): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const ext of sequenceItems(children(node)[0], 'extensions')) {
    const parts = sequenceItems(ext, 'extension');
    const id = readOid(parts[0], 'extnID');
    if (out.has(id)) throw new DerError(`Extension ${id} appears twice.`);
    out.set(id, readOctets(parts[parts.length - 1], 'extnValue'));
  }
  return out;
}

/**
 * Decodes a DER OCSP request (RFC 6960 §4.1). A request signature, if present, is not required and not checked.
 * Throws MALFORMED_OCSP_REQUEST for anything that is not a request with 1 to 32 CertIDs.
 */
export function parseOcspRequest(der: Uint8Array): OcspRequest {
  try {
    const [tbs, signature, extra] = sequenceItems(readDer(der), 'OCSPRequest');
    if (extra !== undefined || (signature !== undefined && signature.tag !== 0xa0)) {
      throw new DerError('Unexpected fields in OCSPRequest.');
    }
    const fields = sequenceItems(tbs, 'TBSRequest');
    let i = 0;
    if (fields[i]?.tag === 0xa0) {
      if (readInteger(children(fields[i]!)[0], 'version') !== 0n)
        throw new DerError('Unknown OCSP request version.');
      i++;
    }
    if (fields[i]?.tag === 0xa1) i++; // requestorName: not used
    const list = sequenceItems(fields[i++], 'requestList');
    let nonce: Uint8Array | undefined;
    if (fields[i]?.tag === 0xa2) nonce = readExtensions(fields[i++]!).get(OID.ocspNonce);
    if (fields[i] !== undefined) throw new DerError('Unexpected fields in TBSRequest.');
    if (list.length === 0) throw new DerError('The request list is empty.');
    if (list.length > MAX_OCSP_REQUEST_CERT_IDS) throw new DerError('Too many CertIDs in one request.');
    const certIds = list.map((request) => {
      const [certId, singleExtensions, more] = sequenceItems(request, 'Request');
      if (more !== undefined || (singleExtensions !== undefined && singleExtensions.tag !== 0xa0)) {
        throw new DerError('Unexpected fields in Request.');
      }
      const [alg, nameHash, keyHash, serial, rest] = sequenceItems(certId, 'CertID');
      if (rest !== undefined) throw new DerError('Unexpected fields in CertID.');
      const algItems = sequenceItems(alg, 'hashAlgorithm');
      const hashAlgorithmOid = readOid(algItems[0], 'hash algorithm');
      if (algItems[1] !== undefined) expectTag(algItems[1], TAG.NULL, 'hash parameters');
      return {
        raw: certId!.raw,
        hashAlgorithm: HASHES[hashAlgorithmOid] ?? null,
        hashAlgorithmOid,
        issuerNameHash: readOctets(nameHash, 'issuerNameHash'),
        issuerKeyHash: readOctets(keyHash, 'issuerKeyHash'),
        serialNumber: readInteger(serial, 'serialNumber'),
      };
    });
    return nonce === undefined ? { certIds } : { certIds, nonce };
  } catch (cause) {
    throw new PkiError('MALFORMED_OCSP_REQUEST', 'The data is not a valid DER OCSP request.', { cause });
  }
}
