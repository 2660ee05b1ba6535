import { CryptoError, decodeLengthPrefixed, encodeLengthPrefixed } from '@tessera/crypto';
import { ProtocolError } from './protocol-error.js';

/** What a device seals to the server for one key at enrolment (see `EnrolmentKey.sealedServerShare`). */
export interface EnrolmentSharePlaintext {
  /** d_srv, big-endian. */
  serverShare: Uint8Array;
  /** t_0, the first clone token (32 bytes). */
  cloneToken: Uint8Array;
  /** y = EM^d_dev mod n for the certification request's signature, one modulus length. */
  partialSignature: Uint8Array;
}

/** The plaintext of an enrolment envelope: `encodeLengthPrefixed([d_srv, t_0, y])`. */
export function encodeEnrolmentSharePlaintext(plaintext: EnrolmentSharePlaintext): Uint8Array {
  return encodeLengthPrefixed([plaintext.serverShare, plaintext.cloneToken, plaintext.partialSignature]);
}

/** Splits an enrolment plaintext; `INVALID_ARGUMENT` when the layout is wrong or the token is not 32 bytes. */
export function decodeEnrolmentSharePlaintext(bytes: Uint8Array): EnrolmentSharePlaintext {
  let fields: Uint8Array[];
  try {
    fields = decodeLengthPrefixed(bytes);
  } catch (cause) {
    if (cause instanceof CryptoError) throw new ProtocolError('INVALID_ARGUMENT', cause.message, { cause });
    throw cause;
  }
  const [serverShare, cloneToken, partialSignature] = fields;
  if (
    fields.length !== 3 ||
    serverShare === undefined ||
    serverShare.length === 0 ||
    cloneToken?.length !== 32 ||
    partialSignature === undefined ||
    partialSignature.length === 0
  ) {
    throw new ProtocolError('INVALID_ARGUMENT', 'The enrolment share plaintext is malformed.');
  }
  return {
    serverShare: serverShare.slice(),
    cloneToken: cloneToken.slice(),
    partialSignature: partialSignature.slice(),
  };
}
