/**
 * CA keys in a PKCS#11 token (SoftHSMv2 in development and CI, a real HSM in production), selected by label.
 * Keys are generated inside the token as sensitive and non-extractable; signing is C_Sign in the token. One
 * session per backend, with every operation queued, because a PKCS#11 session runs one operation at a time.
 */
import { createHash } from 'node:crypto';
import { type RandomSource, systemRandom } from '@tessera/crypto';
import { ecdsaSignatureToDer, encodeEcPublicKey, encodeRsaPublicKey, type Signer } from '@tessera/pki';
import pkcs11js from 'pkcs11js';
import { CaError } from '../ca-error.js';
import { type KeyAlgorithm, type KeyBackend, type KeyRef, signatureAlgorithmOf } from '../key-backend.js';
import { selfTestSigner } from '../self-test-signer.js';
import { loadPkcs11Module } from './load-pkcs11-module.js';

/** Which token to use, and how to log in. */
export interface Pkcs11Options {
  readonly modulePath: string;
  readonly tokenLabel: string;
  readonly pin: string;
  /** For CKA_ID values; the platform CSPRNG by default. */
  readonly random?: RandomSource;
}

/** DER OID of secp384r1, as CKA_EC_PARAMS wants it. */
const SECP384R1_PARAMS = Buffer.from('06052b81040022', 'hex');
const P384_POINT_LENGTH = 97;

function pkcs11Code(error: unknown): string {
  return error instanceof Error ? error.message.split(/[\s:]/)[0]! : 'unknown error';
}

/** A CK_ULONG attribute value (native byte order: little-endian on the platforms Tessera runs on). */
function ulongOf(value: Buffer): number {
  return value.length === 8 ? Number(value.readBigUInt64LE(0)) : value.readUInt32LE(0);
}

/** The uncompressed point from CKA_EC_POINT, which tokens return either DER-wrapped (as the standard says) or raw. */
function ecPointOf(value: Buffer): Uint8Array {
  if (value.length === P384_POINT_LENGTH && value[0] === 0x04) return new Uint8Array(value);
  if (value.length === P384_POINT_LENGTH + 2 && value[0] === 0x04 && value[1] === P384_POINT_LENGTH) {
    return new Uint8Array(value.subarray(2));
  }
  throw new CaError(
    'HSM_OPERATION_FAILED',
    'The token returned an EC point that is not an uncompressed P-384 point.',
  );
}

/** Opens the token labelled `tokenLabel` and logs in; keys are generated and used through the returned backend. */
export async function openPkcs11KeyBackend(options: Pkcs11Options): Promise<KeyBackend> {
  const random = options.random ?? systemRandom;
  const handle = loadPkcs11Module(options.modulePath);
  const p11 = handle.module;
  let session: Buffer;
  try {
    const slots = p11
      .C_GetSlotList(true)
      .filter((slot) => p11.C_GetTokenInfo(slot).label.trim() === options.tokenLabel);
    if (slots.length !== 1) {
      throw new CaError(
        'HSM_TOKEN_NOT_FOUND',
        slots.length === 0
          ? `No PKCS#11 token is labelled "${options.tokenLabel}".`
          : `${slots.length} PKCS#11 tokens are labelled "${options.tokenLabel}"; labels must be unique.`,
      );
    }
    session = p11.C_OpenSession(slots[0]!, pkcs11js.CKF_SERIAL_SESSION | pkcs11js.CKF_RW_SESSION);
    try {
      p11.C_Login(session, pkcs11js.CKU_USER, options.pin);
    } catch (cause) {
      if (!(cause instanceof pkcs11js.Pkcs11Error && cause.code === pkcs11js.CKR_USER_ALREADY_LOGGED_IN)) {
        p11.C_CloseSession(session);
        // The cause is the token's return code only; the PIN is never part of an error.
        throw new CaError(
          'HSM_LOGIN_FAILED',
          `Logging in to the token "${options.tokenLabel}" failed (${pkcs11Code(cause)}).`,
        );
      }
    }
  } catch (error) {
    handle.release();
    if (error instanceof CaError) throw error;
    throw new CaError(
      'HSM_MODULE_UNAVAILABLE',
      `The PKCS#11 token "${options.tokenLabel}" cannot be opened.`,
      {
        cause: error,
      },
    );
  }

  let queue: Promise<unknown> = Promise.resolve();
  let closed = false;
  function serialised<T>(operation: () => Promise<T> | T): Promise<T> {
    const run = queue.then(() => {
      if (closed) throw new CaError('HSM_OPERATION_FAILED', 'The PKCS#11 token was closed.');
      return operation();
    });
    queue = run.catch(() => undefined);
    return run;
  }

  function findOne(cls: number, id: Buffer): Buffer | undefined {
    p11.C_FindObjectsInit(session, [
      { type: pkcs11js.CKA_CLASS, value: cls },
      { type: pkcs11js.CKA_ID, value: id },
    ]);
    try {
      const found = p11.C_FindObjects(session, 2);
      if (found.length > 1) throw new CaError('HSM_KEY_NOT_FOUND', 'Two token objects share one CKA_ID.');
      return found[0];
    } finally {
      p11.C_FindObjectsFinal(session);
    }
  }

  function publicKeyOf(publicHandle: Buffer, keyType: number): Uint8Array {
    if (keyType === pkcs11js.CKK_EC) {
      const [point] = p11.C_GetAttributeValue(session, publicHandle, [{ type: pkcs11js.CKA_EC_POINT }]);
      return encodeEcPublicKey('P-384', ecPointOf(point!.value as Buffer));
    }
    const [modulus, exponent] = p11.C_GetAttributeValue(session, publicHandle, [
      { type: pkcs11js.CKA_MODULUS },
      { type: pkcs11js.CKA_PUBLIC_EXPONENT },
    ]);
    return encodeRsaPublicKey(modulus!.value as Buffer, exponent!.value as Buffer);
  }

  function signerFor(privateHandle: Buffer, keyType: number, publicKey: Uint8Array): Signer {
    const algorithm = keyType === pkcs11js.CKK_EC ? 'ECDSA_SHA384' : 'RSA_PKCS1_SHA256';
    return {
      algorithm,
      publicKey,
      sign: (data) =>
        serialised(async () => {
          try {
            if (algorithm === 'ECDSA_SHA384') {
              // SoftHSM (and many HSMs) offer CKM_ECDSA over a digest, not CKM_ECDSA_SHA384.
              const digest = createHash('sha384').update(data).digest();
              p11.C_SignInit(session, { mechanism: pkcs11js.CKM_ECDSA }, privateHandle);
              const raw = await p11.C_SignAsync(session, digest, Buffer.alloc(2 * 48));
              return ecdsaSignatureToDer(new Uint8Array(raw));
            }
            p11.C_SignInit(session, { mechanism: pkcs11js.CKM_SHA256_RSA_PKCS }, privateHandle);
            return new Uint8Array(await p11.C_SignAsync(session, Buffer.from(data), Buffer.alloc(512)));
          } catch (cause) {
            throw new CaError('HSM_OPERATION_FAILED', `Signing in the token failed (${pkcs11Code(cause)}).`, {
              cause,
            });
          }
        }),
    };
  }

  return {
    kind: 'pkcs11',
    description: `PKCS#11 token "${options.tokenLabel}"`,

    generateKeyPair: (label: string, algorithm: KeyAlgorithm) =>
      serialised(async () => {
        const id = Buffer.from(random(16));
        const ec = algorithm === 'EC_P384';
        const keyType = ec ? pkcs11js.CKK_EC : pkcs11js.CKK_RSA;
        const common = [
          { type: pkcs11js.CKA_TOKEN, value: true },
          { type: pkcs11js.CKA_LABEL, value: label },
          { type: pkcs11js.CKA_ID, value: id },
          { type: pkcs11js.CKA_KEY_TYPE, value: keyType },
        ];
        const publicTemplate = [
          ...common,
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PUBLIC_KEY },
          { type: pkcs11js.CKA_PRIVATE, value: false },
          { type: pkcs11js.CKA_VERIFY, value: true },
          { type: pkcs11js.CKA_ENCRYPT, value: false },
          { type: pkcs11js.CKA_WRAP, value: false },
          ...(ec
            ? [{ type: pkcs11js.CKA_EC_PARAMS, value: SECP384R1_PARAMS }]
            : [
                { type: pkcs11js.CKA_MODULUS_BITS, value: Number(algorithm.slice(4)) },
                { type: pkcs11js.CKA_PUBLIC_EXPONENT, value: Buffer.from([1, 0, 1]) },
              ]),
        ];
        const privateTemplate = [
          ...common,
          { type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY },
          { type: pkcs11js.CKA_PRIVATE, value: true },
          { type: pkcs11js.CKA_SENSITIVE, value: true },
          { type: pkcs11js.CKA_EXTRACTABLE, value: false },
          { type: pkcs11js.CKA_SIGN, value: true },
          { type: pkcs11js.CKA_DECRYPT, value: false },
          { type: pkcs11js.CKA_UNWRAP, value: false },
          { type: pkcs11js.CKA_DERIVE, value: false },
        ];
        let keys: pkcs11js.KeyPair;
        try {
          keys = await p11.C_GenerateKeyPairAsync(
            session,
            { mechanism: ec ? pkcs11js.CKM_EC_KEY_PAIR_GEN : pkcs11js.CKM_RSA_PKCS_KEY_PAIR_GEN },
            publicTemplate,
            privateTemplate,
          );
        } catch (cause) {
          throw new CaError(
            'HSM_OPERATION_FAILED',
            `Generating the key "${label}" failed (${pkcs11Code(cause)}).`,
            {
              cause,
            },
          );
        }
        const ref: KeyRef = { backend: 'pkcs11', label, id: id.toString('hex') };
        const signer = signerFor(keys.privateKey, keyType, publicKeyOf(keys.publicKey, keyType));
        if (signer.algorithm !== signatureAlgorithmOf(algorithm)) {
          throw new CaError('HSM_OPERATION_FAILED', 'The generated key has an unexpected type.');
        }
        return { ref, signer };
      }),

    async openSigner(ref: KeyRef) {
      if (ref.backend !== 'pkcs11') {
        throw new CaError(
          'KEY_BACKEND_MISMATCH',
          `The key "${ref.label}" is a software key, not a PKCS#11 key.`,
        );
      }
      const signer = await serialised(() => {
        const id = Buffer.from(ref.id, 'hex');
        const privateHandle = findOne(pkcs11js.CKO_PRIVATE_KEY, id);
        const publicHandle = findOne(pkcs11js.CKO_PUBLIC_KEY, id);
        if (privateHandle === undefined || publicHandle === undefined) {
          throw new CaError(
            'HSM_KEY_NOT_FOUND',
            `The token has no key pair "${ref.label}" (CKA_ID ${ref.id}).`,
          );
        }
        const [type] = p11.C_GetAttributeValue(session, privateHandle, [{ type: pkcs11js.CKA_KEY_TYPE }]);
        const keyType = ulongOf(type!.value as Buffer);
        return signerFor(privateHandle, keyType, publicKeyOf(publicHandle, keyType));
      });
      await selfTestSigner(signer, ref.label);
      return signer;
    },

    close: () =>
      closed
        ? Promise.resolve()
        : serialised(() => {
            closed = true;
            try {
              p11.C_CloseSession(session);
            } finally {
              handle.release();
            }
          }),
  };
}
