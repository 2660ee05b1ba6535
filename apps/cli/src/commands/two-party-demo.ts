import { createPublicKey, verify } from 'node:crypto';
import {
  bigintModExp,
  bigintToBytes,
  bitLength,
  bytesToBigint,
  checkModulus,
  completeSignature,
  createOpensslModExp,
  createPinLockState,
  encodeBase64url,
  encodeLengthPrefixed,
  encodeMessage,
  exportEnvelopePublicKey,
  generateEnvelopeKeyPair,
  generateSplitKey,
  getPinLockStatus,
  hashMessage,
  type KeyProfile,
  type MaskedShare,
  type ModExp,
  maskDeviceShare,
  openEnvelope,
  type PinLockState,
  type RsaPublicKey,
  recordPinSuccess,
  recordWrongPin,
  reservePinAttempt,
  sealEnvelope,
  selfTestModExp,
  signPartiallyWithPin,
  systemRandom,
} from '@tessera/crypto/node';
import { Listr } from 'listr2';

/** What the demo is asked to do. */
export interface TwoPartyDemoOptions {
  profile: KeyProfile;
  pin: string;
  wrongPin: string;
  message: string;
}

/** What the demo found; every field is computed, nothing is assumed. */
export interface TwoPartyDemoContext {
  options: TwoPartyDemoOptions;
  serverModExp: ModExp;
  serverEnvelopeKeys?: CryptoKeyPair;
  publicKey?: RsaPublicKey;
  maskedShare?: MaskedShare;
  serverShare?: bigint;
  lock: PinLockState;
  signature?: Uint8Array;
  verifiedByNodeCrypto?: boolean;
  wrongPinOutcome?: string;
  attemptsLeftBeforeLock?: number | null;
}

/** One visible step of the demo. `run` returns the line shown under the step's title. */
export interface TwoPartyDemoStep {
  title: string;
  run(ctx: TwoPartyDemoContext): Promise<string>;
}

const KEY_ID = 'demo-authentication-key';
const ENROLMENT_CONTEXT = ['tessera/demo/enrolment', KEY_ID];

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The demo step that makes ${what} did not run.`);
  return value;
}

/** Device and server each do their half; the server's check `s^e ≡ EM` decides whether the PIN was right. */
async function signOnce(ctx: TwoPartyDemoContext, pin: string, txId: string) {
  const publicKey = need(ctx.publicKey, 'the key');
  const digest = hashMessage('SHA-256', new TextEncoder().encode(ctx.options.message));
  const expected = { encoding: 'pkcs1-v1_5' as const, algorithm: 'SHA-256' as const, digest };
  // Server: builds EM from the hash of what the person is shown.
  const encodedMessage = encodeMessage({ ...expected, modulusBits: bitLength(publicKey.modulus) });
  // Device: checks EM encodes the digest it displays, applies the PIN, seals y to the server's key.
  const y = signPartiallyWithPin({
    modulus: publicKey.modulus,
    maskedShare: need(ctx.maskedShare, 'the masked share'),
    pin,
    encodedMessage,
    expected,
    modExp: bigintModExp,
  });
  const associatedData = encodeLengthPrefixed(['tessera/demo/partial-signature', txId, KEY_ID]);
  const recipientPublicKey = need(ctx.serverEnvelopeKeys, 'the server keys').publicKey;
  const sealed = await sealEnvelope({
    recipientPublicKey,
    plaintext: y,
    associatedData,
    random: systemRandom,
  });
  y.fill(0);
  // Server: reserves the attempt before computing, opens the envelope, completes and checks.
  const reserved = reservePinAttempt(ctx.lock, Date.now());
  if (reserved.outcome === 'LOCKED') return { ok: false as const, locked: true };
  ctx.lock = reserved.state;
  const opened = await openEnvelope({
    recipient: need(ctx.serverEnvelopeKeys, 'the server keys'),
    envelope: sealed,
    associatedData,
  });
  const result = completeSignature({
    modulus: publicKey.modulus,
    publicExponent: publicKey.publicExponent,
    serverShare: need(ctx.serverShare, 'the server share'),
    encodedMessage,
    partialSignature: opened,
    modExp: ctx.serverModExp,
  });
  if (result.ok) {
    ctx.lock = recordPinSuccess(ctx.lock);
    return { ok: true as const, signature: result.signature };
  }
  ctx.lock = recordWrongPin(ctx.lock, Date.now()).state;
  return { ok: false as const, locked: false };
}

/** The demo's steps in order: the same list drives the terminal progress display and the test. */
export const twoPartyDemoSteps: readonly TwoPartyDemoStep[] = [
  {
    title: 'Server: self-test the OpenSSL exponentiation against BigInt',
    async run(ctx) {
      selfTestModExp(ctx.serverModExp);
      return 'the OpenSSL and BigInt backends agree';
    },
  },
  {
    title: 'Server: create the end-to-end encryption key (ECDH P-256)',
    async run(ctx) {
      ctx.serverEnvelopeKeys = await generateEnvelopeKeyPair();
      const raw = await exportEnvelopePublicKey(ctx.serverEnvelopeKeys.publicKey, 'raw');
      return `public key ${encodeBase64url(raw).slice(0, 16)}…`;
    },
  },
  {
    title: 'Device: generate an RSA key and split its private exponent',
    async run(ctx) {
      const split = await generateSplitKey({ profile: ctx.options.profile, random: systemRandom });
      ctx.publicKey = split.publicKey;
      const bits = bitLength(split.publicKey.modulus);
      // Device: masks its share under the PIN (no checksum: every PIN unmasks to a plausible share).
      ctx.maskedShare = maskDeviceShare({
        deviceShare: split.deviceShare,
        bits: split.deviceShareBits,
        pin: ctx.options.pin,
        keyId: KEY_ID,
        random: systemRandom,
      });
      // Device → server: d_srv sealed to the server's key, never in clear on the wire.
      const associatedData = encodeLengthPrefixed(ENROLMENT_CONTEXT);
      const shareBytes = bigintToBytes(split.serverShare, Math.ceil(bits / 8));
      const sealed = await sealEnvelope({
        recipientPublicKey: need(ctx.serverEnvelopeKeys, 'the server keys').publicKey,
        plaintext: shareBytes,
        associatedData,
        random: systemRandom,
      });
      shareBytes.fill(0);
      const opened = await openEnvelope({
        recipient: need(ctx.serverEnvelopeKeys, 'the server keys'),
        envelope: encodeBase64url(sealed),
        associatedData,
      });
      ctx.serverShare = bytesToBigint(opened);
      return `${bits}-bit modulus; device share ${split.deviceShareBits} bits masked by the PIN; server share sealed in ${sealed.length} bytes`;
    },
  },
  {
    title: 'Server: check the modulus (size, odd, not a square, no factor below 2^20)',
    async run(ctx) {
      const publicKey = need(ctx.publicKey, 'the key');
      checkModulus({ modulus: publicKey.modulus, modulusBits: bitLength(publicKey.modulus) });
      return 'the modulus passes the enrolment checks';
    },
  },
  {
    title: 'Sign with the right PIN, verify with node:crypto',
    async run(ctx) {
      const outcome = await signOnce(ctx, ctx.options.pin, 'tx-1');
      if (!outcome.ok) throw new Error('The server refused the right PIN.');
      const publicKey = need(ctx.publicKey, 'the key');
      const jwk = {
        kty: 'RSA',
        n: encodeBase64url(bigintToBytes(publicKey.modulus, Math.ceil(bitLength(publicKey.modulus) / 8))),
        e: encodeBase64url(bigintToBytes(publicKey.publicExponent, 3)),
      };
      ctx.signature = outcome.signature;
      ctx.verifiedByNodeCrypto = verify(
        'sha256',
        new TextEncoder().encode(ctx.options.message),
        createPublicKey({ key: jwk, format: 'jwk' }),
        outcome.signature,
      );
      if (!ctx.verifiedByNodeCrypto) throw new Error('node:crypto did not accept the signature.');
      return `RSASSA-PKCS1-v1_5/SHA-256 signature of "${ctx.options.message}" verified by node:crypto`;
    },
  },
  {
    title: 'Sign with a wrong PIN: only the server can tell, and it counts',
    async run(ctx) {
      const outcome = await signOnce(ctx, ctx.options.wrongPin, 'tx-2');
      if (outcome.ok) throw new Error('The server accepted a wrong PIN.');
      const status = getPinLockStatus(ctx.lock, Date.now());
      ctx.wrongPinOutcome = 'PIN_OR_SHARE_MISMATCH';
      ctx.attemptsLeftBeforeLock = status.attemptsLeftBeforeNextLock;
      return `refused by the server; ${status.wrongAttempts} wrong attempt(s), ${status.attemptsLeftBeforeNextLock} left before a 3-hour lock`;
    },
  },
];

/** A fresh demo context with the server's OpenSSL backend. */
export function createTwoPartyDemoContext(options: TwoPartyDemoOptions): TwoPartyDemoContext {
  return { options, serverModExp: createOpensslModExp(), lock: createPinLockState() };
}

/**
 * Runs the demo in the terminal with a progress display (a plain line per step when not on a terminal).
 * Resolves with the finished context; rejects with the first step that failed.
 */
export async function runTwoPartyDemo(options: TwoPartyDemoOptions): Promise<TwoPartyDemoContext> {
  const ctx = createTwoPartyDemoContext(options);
  const tasks = new Listr<TwoPartyDemoContext>(
    twoPartyDemoSteps.map((step) => ({
      title: step.title,
      task: async (taskCtx, task) => {
        task.output = await step.run(taskCtx);
      },
      rendererOptions: { persistentOutput: true },
    })),
    { ctx, rendererOptions: { collapseSubtasks: false }, fallbackRendererCondition: !process.stdout.isTTY },
  );
  await tasks.run();
  return ctx;
}
