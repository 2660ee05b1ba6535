/**
 * A device for tests of the server side: holds a masked share and a clone token, and builds signing requests
 * with the real two-party crypto (what packages/device does for the app, without transport or storage).
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import {
  bigintModExp,
  bigintToBytes,
  bitLength,
  bytesToBigint,
  decodeBase64url,
  type ExpectedEncoding,
  encodeBase64url,
  encodeLengthPrefixed,
  encodeMessage,
  generateCloneToken,
  hashMessage,
  type MaskedShare,
  maskDeviceShare,
  openNextCloneToken,
  signPartiallyWithPin,
  splitPrivateExponent,
  systemRandom,
} from '@tessera/crypto';

/** A signing request as the server's `attemptSignature` takes it (structurally the same type). */
export interface TestSigningRequest {
  readonly keyId: string;
  readonly transactionId: string;
  readonly encodedMessage: Uint8Array;
  readonly partialSignature: Uint8Array;
  readonly presentedToken: Uint8Array;
  readonly requestBytes: Uint8Array;
}

/** The part of a signing outcome the device reads. */
export type TestSigningOutcome = { readonly outcome: string; readonly nextCloneToken?: Uint8Array };

/** A freshly generated 2048-bit (test profile) key, split: what enrolment would send the server. */
export function generateTestKey() {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  const int = (v: string | undefined) => bytesToBigint(decodeBase64url(v ?? ''));
  const modulus = int(jwk.n);
  const shares = splitPrivateExponent(
    { modulus, privateExponent: int(jwk.d), primes: [int(jwk.p), int(jwk.q)] },
    systemRandom,
  );
  return { modulus, publicExponent: int(jwk.e), primes: [int(jwk.p), int(jwk.q)] as const, ...shares };
}

/** The device side of one key. `clone()` copies its whole state, as a restored backup would. */
export class TestDevice {
  constructor(
    readonly keyId: string,
    readonly modulus: bigint,
    readonly maskedShare: MaskedShare,
    public token: Uint8Array,
  ) {}

  static enrol(keyId: string, key: ReturnType<typeof generateTestKey>, pin: string): TestDevice {
    const maskedShare = maskDeviceShare({
      deviceShare: key.deviceShare,
      bits: key.deviceShareBits,
      pin,
      keyId,
      random: systemRandom,
    });
    return new TestDevice(keyId, key.modulus, maskedShare, generateCloneToken(systemRandom));
  }

  clone(): TestDevice {
    return new TestDevice(this.keyId, this.modulus, this.maskedShare, this.token.slice());
  }

  /** A signing request for `message` (text or bytes) under `pin` (SHA-256, PKCS#1 v1.5). */
  request(transactionId: string, message: string | Uint8Array, pin: string): TestSigningRequest {
    const bytes = typeof message === 'string' ? new TextEncoder().encode(message) : message;
    const digest = hashMessage('SHA-256', bytes);
    const expected = { encoding: 'pkcs1-v1_5' as const, algorithm: 'SHA-256' as const, digest };
    const encodedMessage = encodeMessage({ ...expected, modulusBits: bitLength(this.modulus) });
    return this.requestForEncodedMessage(transactionId, encodedMessage, expected, pin);
  }

  /**
   * A signing request for an EM the server built, after checking it encodes `expected` (what the device itself
   * computed from what it shows), as the real device does before it touches the PIN.
   */
  requestForEncodedMessage(
    transactionId: string,
    encodedMessage: Uint8Array,
    expected: ExpectedEncoding,
    pin: string,
  ): TestSigningRequest {
    const partialSignature = signPartiallyWithPin({
      modulus: this.modulus,
      maskedShare: this.maskedShare,
      pin,
      encodedMessage,
      expected,
      modExp: bigintModExp,
    });
    return {
      keyId: this.keyId,
      transactionId,
      encodedMessage,
      partialSignature,
      presentedToken: this.token,
      requestBytes: encodeLengthPrefixed(['tessera/test/sign', transactionId, this.keyId, partialSignature]),
    };
  }

  /**
   * One whole signing round as the real device does it: builds the request, has `attempt` (the server's signing
   * attempt) answer it, and takes the next clone token from the answer.
   */
  async sign<O extends TestSigningOutcome>(
    attempt: (request: TestSigningRequest) => Promise<O>,
    transactionId: string,
    message: string | Uint8Array,
    pin: string,
  ): Promise<O> {
    const request = this.request(transactionId, message, pin);
    const outcome = await attempt(request);
    this.accept(request, outcome);
    return outcome;
  }

  /** What enrolment sends the server for this device's key (the server side of `registerAccountKey`'s input). */
  registration(key: ReturnType<typeof generateTestKey>) {
    return {
      keyId: this.keyId,
      modulus: key.modulus,
      publicExponent: key.publicExponent,
      serverShare: key.serverShare,
      firstCloneToken: this.token,
    };
  }

  /** Takes the next clone token from an outcome that carries one. */
  accept(request: TestSigningRequest, outcome: TestSigningOutcome): void {
    if (outcome.nextCloneToken === undefined) return;
    this.token = openNextCloneToken({
      token: this.token,
      requestBytes: request.requestBytes,
      response: outcome.nextCloneToken,
    });
  }
}

/** Whether node:crypto accepts `signature` over `message` under (n, e). */
export function verifiesWithNodeCrypto(modulus: bigint, e: bigint, message: string, signature: Uint8Array) {
  const k = Math.ceil(bitLength(modulus) / 8);
  const key = createPublicKey({
    key: {
      kty: 'RSA',
      n: encodeBase64url(bigintToBytes(modulus, k)),
      e: encodeBase64url(bigintToBytes(e, 3)),
    },
    format: 'jwk',
  });
  return verify('sha256', new TextEncoder().encode(message), key, signature);
}
