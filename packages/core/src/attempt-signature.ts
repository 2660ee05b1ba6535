import {
  CryptoError,
  decideCloneToken,
  getPinLockStatus,
  type RandomSource,
  recordPinSuccess,
  recordWrongPin,
  reservePinAttempt,
  type SignatureCompleter,
} from '@tessera/crypto';
import { type AccountKey, IN_FLIGHT_TIMEOUT_MS, type SignatureOutcome } from './account-key.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AuditLog, CertificateRevoker, Clock, KeyShareVault } from './ports.js';
import { recordAuditEvent } from './record-audit-event.js';

/** One signing request for a key, as opened from the device's sealed envelope. */
export interface AttemptSignatureInput {
  readonly keyId: string;
  readonly transactionId: string;
  /** The EM the server built for this transaction. */
  readonly encodedMessage: Uint8Array;
  /** y from the device. */
  readonly partialSignature: Uint8Array;
  /** The clone token the device presented inside the envelope. */
  readonly presentedToken: Uint8Array;
  /** The canonical bytes of the request (they identify an identical retry). */
  readonly requestBytes: Uint8Array;
}

/** What a signing attempt needs from the world. */
export interface AttemptSignatureDeps {
  readonly keys: AccountKeyStore;
  readonly vault: KeyShareVault;
  /** The server's half of the arithmetic: the pool of OpenSSL worker threads in the server. */
  readonly completer: SignatureCompleter;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Where locks and clones are recorded; the server always gives it (tests of the arithmetic may not). */
  readonly audit?: AuditLog;
  /** Revokes the key's certificate when the key is locked for good; the server always gives it. */
  readonly revoker?: CertificateRevoker;
}

/**
 * What a signing attempt came to, and the key's certificate as it stood when the outcome was recorded (the one
 * an OK signature goes out with; read under the key's lock, so no second read is needed).
 */
export interface SignatureAttempt {
  readonly outcome: SignatureOutcome;
  readonly certificate: AccountKey['certificate'];
}

type Reservation =
  | {
      readonly proceed: false;
      readonly outcome: SignatureOutcome;
      readonly certificate: AccountKey['certificate'];
      readonly cloned?: AccountKey;
    }
  | {
      readonly proceed: true;
      readonly key: AccountKey;
      readonly cloneToken: AccountKey['cloneToken'];
      readonly nextCloneToken: Uint8Array;
    };

/**
 * The server side of one two-party signature, in three steps so that no lock is held while computing:
 *
 * 1. Under the key's row lock: an identical retry of the last request gets its recorded outcome, uncounted;
 *    an older token is a clone (the key is locked for good); an unknown token is refused uncounted; a key
 *    busy with another attempt, or locked, refuses. Otherwise the attempt is reserved (the wrong-PIN counter
 *    raised) and committed, with this transaction marked in flight.
 * 2. Unlocked: d_srv is unwrapped and the signature completed and checked (`s^e ≡ EM`).
 * 3. Under the lock again: success resets the counter; failure keeps it and applies the lock ladder. The
 *    clone token rotates and the outcome is recorded for retries. A clone detected meanwhile withholds the
 *    signature.
 * 4. After the commit: a new lock is audited, and a lock for good (the ninth wrong PIN, a clone) revokes the
 *    key's certificate, when `audit` and `revoker` are given.
 *
 * A crash between 1 and 3 costs the person one attempt, never the counter its increment. The outcome comes
 * with the key's certificate as read under the lock, for an OK signature to go out with.
 */
export async function attemptSignature(
  deps: AttemptSignatureDeps,
  input: AttemptSignatureInput,
): Promise<SignatureAttempt> {
  const { keys, vault, completer, clock, random } = deps;
  const reservation = await keys.update<Reservation>(input.keyId, (key) => {
    const now = clock.now();
    const refuse = (outcome: SignatureOutcome) => ({
      result: { proceed: false as const, outcome, certificate: key.certificate },
    });
    if (getPinLockStatus(key.lock, now).permanent) {
      return refuse({ outcome: 'LOCKED', lockedUntil: null, permanent: true });
    }
    const decision = decideCloneToken(
      key.cloneToken,
      { presentedToken: input.presentedToken, requestBytes: input.requestBytes },
      random,
    );
    switch (decision.outcome) {
      case 'RETRY':
        return refuse(key.lastOutcome ?? { outcome: 'INVALID_TOKEN' });
      case 'INVALID':
        return refuse({ outcome: 'INVALID_TOKEN' });
      case 'CLONE': {
        const cloned: AccountKey = {
          ...key,
          lock: { ...key.lock, permanent: true, lockedUntil: null },
          inFlight: null,
        };
        return { key: cloned, result: { ...refuse({ outcome: 'CLONE_DETECTED' }).result, cloned } };
      }
      case 'ACCEPT':
        break;
    }
    if (key.inFlight !== null && now - key.inFlight.since < IN_FLIGHT_TIMEOUT_MS) {
      return refuse({ outcome: 'BUSY' });
    }
    const reserved = reservePinAttempt(key.lock, now);
    if (reserved.outcome === 'LOCKED') {
      const { lockedUntil, permanent } = reserved;
      return refuse({ outcome: 'LOCKED', lockedUntil, permanent });
    }
    const next: AccountKey = {
      ...key,
      lock: reserved.state,
      inFlight: { transactionId: input.transactionId, since: now },
    };
    return {
      key: next,
      result: { proceed: true, key: next, cloneToken: decision.state, nextCloneToken: decision.response },
    };
  });
  if (!reservation.proceed) {
    if (reservation.cloned !== undefined) {
      await recordLock(deps, reservation.cloned, 'CLONE_DETECTED', input.transactionId, {});
    }
    return { outcome: reservation.outcome, certificate: reservation.certificate };
  }

  const { key } = reservation;
  let signature: Uint8Array | null = null;
  try {
    const serverShare = await vault.unwrap(key.wrappedServerShare, key.id);
    const completed = await completer.complete({
      modulus: key.modulus,
      publicExponent: key.publicExponent,
      serverShare,
      encodedMessage: input.encodedMessage,
      partialSignature: input.partialSignature,
    });
    if (completed.ok) signature = completed.signature;
  } catch (error) {
    // A malformed y from a holder of the current token counts like a wrong PIN; anything else is ours.
    if (!(error instanceof CryptoError && error.code === 'INVALID_PARTIAL_SIGNATURE')) throw error;
  }

  // The key as reserved is the stored one unless another update landed since: then the store reads it again.
  const attempt = await keys.update<SignatureAttempt>(
    input.keyId,
    (current) => {
      if (current.inFlight?.transactionId !== input.transactionId) {
        throw new CoreError('STALE_ATTEMPT', 'The signing attempt was taken over before it finished.');
      }
      const now = clock.now();
      // The flag, not the count: this attempt's own reservation may be the ninth, and a right PIN still clears it.
      if (current.lock.permanent) {
        return {
          key: { ...current, inFlight: null },
          result: {
            outcome: { outcome: 'LOCKED', lockedUntil: null, permanent: true },
            certificate: current.certificate,
          },
        };
      }
      let lock = current.lock;
      let outcome: SignatureOutcome;
      if (signature !== null) {
        lock = recordPinSuccess(lock);
        outcome = { outcome: 'OK', signature, nextCloneToken: reservation.nextCloneToken };
      } else {
        lock = recordWrongPin(lock, now).state;
        const status = getPinLockStatus(lock, now);
        outcome = {
          outcome: 'WRONG_PIN',
          wrongAttempts: status.wrongAttempts,
          attemptsLeftBeforeNextLock: status.attemptsLeftBeforeNextLock,
          lockedUntil: status.until,
          permanent: status.permanent,
          nextCloneToken: reservation.nextCloneToken,
        };
      }
      return {
        key: { ...current, lock, cloneToken: reservation.cloneToken, inFlight: null, lastOutcome: outcome },
        result: { outcome, certificate: current.certificate },
      };
    },
    key,
  );
  const { outcome } = attempt;
  if (outcome.outcome === 'WRONG_PIN' && outcome.permanent) {
    await recordLock(deps, key, 'KEY_LOCKED_PERMANENTLY', input.transactionId, {
      wrongAttempts: outcome.wrongAttempts,
    });
  } else if (outcome.outcome === 'WRONG_PIN' && outcome.lockedUntil !== null) {
    await recordLock(deps, key, 'KEY_LOCKED', input.transactionId, {
      wrongAttempts: outcome.wrongAttempts,
      lockedUntil: outcome.lockedUntil,
    });
  }
  return attempt;
}

/**
 * After the lock is committed: audits it and, when it is for good, revokes the key's certificate (a clone as
 * `keyCompromise`). Runs once per lock, since a locked key refuses before reaching here again. A failing
 * revocation throws after the audit event names the certificate, so an operator can finish it.
 */
async function recordLock(
  deps: AttemptSignatureDeps,
  key: AccountKey,
  kind: 'KEY_LOCKED' | 'KEY_LOCKED_PERMANENTLY' | 'CLONE_DETECTED',
  transactionId: string,
  details: Readonly<Record<string, number>>,
): Promise<void> {
  const serial = key.certificate?.serial ?? null;
  if (deps.audit !== undefined) {
    await recordAuditEvent(
      { audit: deps.audit, clock: deps.clock, random: deps.random },
      {
        kind,
        accountId: key.accountId,
        keyId: key.id,
        sessionId: transactionId,
        details: { ...details, purpose: key.purpose, certificateSerial: serial },
      },
    );
  }
  if (kind !== 'KEY_LOCKED' && serial !== null && deps.revoker !== undefined) {
    await deps.revoker.revoke(serial, kind === 'CLONE_DETECTED' ? 'keyCompromise' : 'cessationOfOperation');
  }
}
