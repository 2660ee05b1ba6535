import type { RandomSource } from '@tessera/crypto';
import { formatDocumentNumber, parseSemanticsIdentifier } from '@tessera/protocol';
import { ACCOUNT_VALIDITY_YEARS, type Account, type AccountIdentity, type AccountLevel } from './account.js';
import type { KeyPurpose } from './account-key.js';
import { CoreError } from './core-error.js';
import type { AccountKeyStore, AccountStore, Clock, KeyShareVault } from './ports.js';
import { registerAccountKey } from './register-account-key.js';

/** One key as the device sent it at enrolment, opened from its sealed envelope. */
export interface EnrolmentKey {
  readonly modulus: bigint;
  readonly publicExponent: bigint;
  readonly serverShare: bigint;
  readonly firstCloneToken: Uint8Array;
}

/** What the device asks for. */
export interface EnrolAccountInput {
  readonly deviceId: string;
  readonly identity: AccountIdentity;
  readonly level: AccountLevel;
  readonly keys: Readonly<Record<KeyPurpose, EnrolmentKey>>;
  readonly allowedModulusBits: readonly number[];
  /**
   * The account id to use instead of a fresh one: the sandbox's scripted test accounts carry the published ones
   * (`MOCK`, `DEMO`, …). CoreError('ACCOUNT_EXISTS') when this person already has it.
   */
  readonly accountId?: string;
}

/** What enrolment needs from the world. */
export interface EnrolAccountDeps {
  readonly accounts: AccountStore;
  readonly keys: AccountKeyStore;
  readonly vault: KeyShareVault;
  readonly clock: Clock;
  readonly random: RandomSource;
}

const ACCOUNT_ID_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Four characters from an alphabet without look-alikes (no I, O, 0, 1), uniformly (32 divides 256). */
function generateAccountId(random: RandomSource): string {
  return [...random(4)].map((b) => ACCOUNT_ID_ALPHABET[b % 32]).join('');
}

/** The same moment `years` later by the UTC calendar (29 February rolls to 1 March). */
function addYears(ms: number, years: number): number {
  const d = new Date(ms);
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.getTime();
}

/**
 * Enrolment, server side: a new account for a (proven) identity on a device, `pending` until both keys are
 * certified (`certifyAccountKey`). Registers the authentication (PIN1) and signing (PIN2) keys with their
 * checks. The document number is the identifier, a fresh (or prescribed) 4-character account id and Q or NQ.
 */
export async function enrolAccount(deps: EnrolAccountDeps, input: EnrolAccountInput): Promise<Account> {
  const semanticsIdentifier = parseSemanticsIdentifier(input.identity.semanticsIdentifier);
  const taken = new Set(
    (await deps.accounts.listBySemanticsIdentifier(input.identity.semanticsIdentifier)).map((a) => a.id),
  );
  if (input.accountId !== undefined && taken.has(input.accountId)) {
    throw new CoreError('ACCOUNT_EXISTS', `This person already has the account ${input.accountId}.`);
  }
  let id = input.accountId ?? generateAccountId(deps.random);
  for (let tries = 0; taken.has(id); tries++) {
    if (tries > 100) throw new CoreError('ACCOUNT_EXISTS', 'No free account id is left for this person.');
    id = generateAccountId(deps.random);
  }
  const documentNumber = formatDocumentNumber({
    semanticsIdentifier,
    accountId: id,
    level: input.level === 'QUALIFIED' ? 'Q' : 'NQ',
  });
  const now = deps.clock.now();
  const account: Account = {
    id,
    documentNumber,
    identity: input.identity,
    level: input.level,
    deviceId: input.deviceId,
    state: 'pending',
    validFrom: now,
    validTo: addYears(now, ACCOUNT_VALIDITY_YEARS),
    authenticationKeyId: `${documentNumber}/authentication`,
    signingKeyId: `${documentNumber}/signing`,
    createdAt: now,
  };
  await deps.accounts.insert(account);
  try {
    for (const purpose of ['authentication', 'signing'] as const) {
      const key = input.keys[purpose];
      await registerAccountKey(deps, {
        keyId: purpose === 'authentication' ? account.authenticationKeyId : account.signingKeyId,
        accountId: documentNumber,
        purpose,
        modulus: key.modulus,
        publicExponent: key.publicExponent,
        serverShare: key.serverShare,
        firstCloneToken: key.firstCloneToken,
        allowedModulusBits: input.allowedModulusBits,
      });
    }
  } catch (error) {
    // A refused key (weak modulus, one already registered) leaves no usable account behind.
    await deps.accounts.update(documentNumber, (a) => ({ ...a, state: 'deleted' }));
    throw error;
  }
  return account;
}
