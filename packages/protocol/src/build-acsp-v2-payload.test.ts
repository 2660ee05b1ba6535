import { describe, expect, it } from 'vitest';
import vectors from '../vectors/acsp-v2.json' with { type: 'json' };
import type { HashAlgorithm } from './algorithms.js';
import { encodeBase64 } from './base64.js';
import { type AcspV2PayloadFields, buildAcspV2Payload } from './build-acsp-v2-payload.js';
import { computeAcspV2Digest } from './compute-acsp-v2-digest.js';
import { computeInteractionsDigest } from './compute-interactions-digest.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

const fields = vectors.fields as AcspV2PayloadFields;
const text = (payload: Uint8Array) => new TextDecoder().decode(payload);

describe('ACSP_V2 payload (spec §6.1)', () => {
  it('has provenance', () => {
    expect(vectors.source).toMatch(/§6\.1/);
  });

  it('hashes the interactions Base64 text into the documented field', () => {
    expect(computeInteractionsDigest(fields.interactions)).toBe(vectors.interactionsDigest);
  });

  it('gives the documented SHA-512 digest', () => {
    expect(encodeBase64(computeAcspV2Digest(fields, vectors.hashAlgorithm as HashAlgorithm))).toBe(
      vectors.digest,
    );
  });

  it('joins the eleven fields with "|" in the documented order', () => {
    expect(text(buildAcspV2Payload(fields))).toBe(
      [
        'smart-id',
        'ACSP_V2',
        fields.serverRandom,
        fields.rpChallenge,
        fields.userChallenge,
        'REVNTw==',
        'RXhhbXBsZSBSUA==',
        vectors.interactionsDigest,
        'confirmationMessage',
        fields.initialCallbackUrl,
        'Web2App',
      ].join('|'),
    );
  });

  it.each(['QR', 'Notification'] as const)(
    'leaves the callback URL out of a %s flow even if the session has one',
    (flowType) => {
      const payload = text(buildAcspV2Payload({ ...fields, flowType }));
      expect(payload).not.toContain('rp.example.com');
      expect(payload.endsWith(`|confirmationMessage||${flowType}`)).toBe(true);
    },
  );

  it('leaves the brokered name empty when the RP is no broker', () => {
    expect(text(buildAcspV2Payload({ ...fields, brokeredRpName: undefined }))).toContain('|REVNTw==||');
  });

  it('uses the configured scheme name and each requested hash', () => {
    expect(
      text(buildAcspV2Payload({ ...fields, schemeName: 'smart-id-demo' })).startsWith(
        'smart-id-demo|ACSP_V2|',
      ),
    ).toBe(true);
    expect(computeAcspV2Digest(fields, 'SHA3-256')).toHaveLength(32);
    expect(computeAcspV2Digest(fields, 'SHA-384')).toHaveLength(48);
  });

  it('refuses a same-device flow without a callback URL, an unknown flow, and a "|" in a field', () => {
    expectProtocolError(
      () => buildAcspV2Payload({ ...fields, initialCallbackUrl: undefined }),
      'INVALID_ARGUMENT',
    );
    expectProtocolError(
      () => buildAcspV2Payload({ ...fields, flowType: 'Email' as 'QR' }),
      'INVALID_ARGUMENT',
    );
    expectProtocolError(() => buildAcspV2Payload({ ...fields, serverRandom: 'a|b' }), 'INVALID_ARGUMENT');
  });
});
