import { decideCloneToken, type RandomSource } from '@tessera/crypto';
import type { SignatureOutcome } from './account-key.js';
import type { AccountKeyStore } from './ports.js';

/** What a replay needs from the world. */
export interface ReplaySignatureOutcomeDeps {
  readonly keys: AccountKeyStore;
  readonly random: RandomSource;
}

/** A signing request as the device sent it: the key, the clone token inside the envelope, the envelope bytes. */
export interface ReplaySignatureOutcomeInput {
  readonly keyId: string;
  readonly presentedToken: Uint8Array;
  readonly requestBytes: Uint8Array;
}

/**
 * The recorded outcome of the key's last answered request when this request is its identical retry (the same
 * clone token and the same bytes), else undefined. For a transaction that is no longer running: a device whose
 * answer was lost (the server process died after committing, the connection broke) and that sends its request
 * again after the session ended must still learn its next clone token, or its next request would carry the
 * token the server already retired and be taken for a clone. Reads only: nothing is counted or changed.
 */
export async function replaySignatureOutcome(
  deps: ReplaySignatureOutcomeDeps,
  input: ReplaySignatureOutcomeInput,
): Promise<SignatureOutcome | undefined> {
  const key = await deps.keys.get(input.keyId);
  if (key?.lastOutcome == null) return undefined;
  const decision = decideCloneToken(
    key.cloneToken,
    { presentedToken: input.presentedToken, requestBytes: input.requestBytes },
    deps.random,
  );
  return decision.outcome === 'RETRY' ? key.lastOutcome : undefined;
}
