/**
 * @tessera/crypto: two-party RSA with a PIN-masked device share. Pure, no I/O, no `node:` imports:
 * runs in Node and in the browser. The OpenSSL-backed ModExp and opening envelopes live in `@tessera/crypto/node`.
 */
export { assertPinFormat } from './assert-pin-format.js';
export { decodeBase64url, encodeBase64url } from './base64url.js';
export { bigintModExp } from './bigint-mod-exp.js';
export { bigintToBytes, bitLength, bytesToBigint, concatBytes } from './bytes.js';
export { type CheckModulusInput, checkModulus } from './check-modulus.js';
export {
  CLONE_TOKEN_HISTORY,
  CLONE_TOKEN_LENGTH,
  type CloneTokenLastRequest,
  type CloneTokenState,
} from './clone-token-format.js';
export {
  type CompleteSignatureInput,
  type CompleteSignatureResult,
  completeSignature,
} from './complete-signature.js';
export { constantTimeEqual } from './constant-time-equal.js';
export { createCloneTokenState } from './create-clone-token-state.js';
export { CryptoError, type CryptoErrorCode } from './crypto-error.js';
export {
  type CloneTokenDecision,
  type CloneTokenRequest,
  decideCloneToken,
} from './decide-clone-token.js';
export { decodeLengthPrefixed } from './decode-length-prefixed.js';
export { encodeEmsaPkcs1v15 } from './encode-emsa-pkcs1v15.js';
export { type EncodeEmsaPssInput, encodeEmsaPss } from './encode-emsa-pss.js';
export { encodeLengthPrefixed } from './encode-length-prefixed.js';
export { type EncodeMessageInput, encodeMessage, type SignatureEncoding } from './encode-message.js';
export { exportEnvelopePublicKey } from './export-envelope-public-key.js';
export { generateCloneToken } from './generate-clone-token.js';
export { generateEnvelopeKeyPair } from './generate-envelope-key-pair.js';
export {
  type GenerateSplitKeyInput,
  generateSplitKey,
  type RsaPublicKey,
  type SplitKey,
} from './generate-split-key.js';
export { getPinLockStatus, type PinLockStatus } from './get-pin-lock-status.js';
export {
  getHashAlgorithm,
  type HashAlgorithm,
  type HashAlgorithmParameters,
  hashAlgorithms,
  hashMessage,
} from './hash-algorithms.js';
export { importEnvelopeKeyPair } from './import-envelope-key-pair.js';
export { importEnvelopePublicKey } from './import-envelope-public-key.js';
export {
  DEVICE_SHARE_EXTRA_BITS,
  defaultKeyProfile,
  deviceShareBits,
  type KeyProfile,
  type KeyProfileParameters,
  keyProfiles,
} from './key-profiles.js';
export { type MaskDeviceShareInput, type MaskedShare, maskDeviceShare } from './mask-device-share.js';
export type { ModExp, ModExpContext } from './mod-exp.js';
export { type OpenNextCloneTokenInput, openNextCloneToken } from './open-next-clone-token.js';
export {
  createPinLockState,
  PERMANENT_LOCK_ATTEMPTS,
  PIN_LOCK_LADDER,
  type PinLockState,
  type PinLockStep,
} from './pin-lock-ladder.js';
export { type RandomSource, systemRandom } from './random.js';
export { recordPinSuccess } from './record-pin-success.js';
export { type RecordWrongPinResult, recordWrongPin } from './record-wrong-pin.js';
export { recoverPrimeFactors } from './recover-prime-factors.js';
export { type ReservePinAttemptOutcome, reservePinAttempt } from './reserve-pin-attempt.js';
export { type SealEnvelopeInput, sealEnvelope } from './seal-envelope.js';
export { selfTestModExp } from './self-test-mod-exp.js';
export {
  type SignPartiallyInput,
  type SignPartiallyWithPinInput,
  signPartially,
  signPartiallyWithPin,
} from './sign-partially.js';
export {
  completeOnCallingThread,
  type SignatureCompleter,
  type SignatureCompletion,
} from './signature-completer.js';
export {
  carmichaelLambda,
  type ExponentShares,
  type SplitPrivateExponentInput,
  splitPrivateExponent,
} from './split-private-exponent.js';
export { unmaskDeviceShare } from './unmask-device-share.js';
export { verifyEmsaPkcs1v15 } from './verify-emsa-pkcs1v15.js';
export { type VerifyEmsaPssInput, verifyEmsaPss } from './verify-emsa-pss.js';
export {
  type ExpectedEncoding,
  type VerifyEncodedMessageInput,
  verifyEncodedMessage,
} from './verify-encoded-message.js';
