import { systemRandom } from '@tessera/crypto';
import { generateTestKey } from '@tessera/test-support';
import { describe, expect, it } from 'vitest';
import {
  createMemoryAccountKeyStore,
  createMemoryAccountStore,
  createSoftwareKeyShareVault,
  enrolAccount,
} from '../src/index.js';

describe('enrolling an account', () => {
  it('leaves no usable account behind when a key is refused, and refuses a malformed identifier', async () => {
    const accounts = createMemoryAccountStore();
    const deps = {
      accounts,
      keys: createMemoryAccountKeyStore(),
      vault: await createSoftwareKeyShareVault(systemRandom(32), systemRandom),
      clock: { now: () => Date.parse('2026-11-22T10:00:00Z') },
      random: systemRandom,
    };
    const key = generateTestKey();
    const material = {
      modulus: key.modulus,
      publicExponent: 65537n,
      serverShare: 1n,
      firstCloneToken: new Uint8Array(32),
    };
    const input = {
      deviceId: 'device-1',
      identity: {
        semanticsIdentifier: 'PNOLT-30303039914',
        givenName: 'A',
        surname: 'B',
        country: 'LT',
        dateOfBirth: null,
      },
      level: 'QUALIFIED' as const,
      // The same modulus twice: the signing key shares both primes with the authentication key.
      keys: { authentication: material, signing: material },
      allowedModulusBits: [2048],
    };
    await expect(enrolAccount(deps, input)).rejects.toMatchObject({ code: 'WEAK_MODULUS' });
    const [left] = await accounts.listBySemanticsIdentifier('PNOLT-30303039914');
    expect(left?.state).toBe('deleted');

    await expect(
      enrolAccount(deps, { ...input, identity: { ...input.identity, semanticsIdentifier: 'LT-303' } }),
    ).rejects.toMatchObject({ code: 'MALFORMED_SEMANTICS_IDENTIFIER' });
  });
});
