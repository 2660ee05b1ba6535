import { describe, expect, it } from 'vitest';
import {
  decideAccountRevocation,
  decodePem,
  encodeDistinguishedName,
  encodePem,
  formatDistinguishedName,
  formatSerialNumber,
  generateSerialNumber,
  PkiError,
  parseSerialNumber,
} from './index.js';

describe('decideAccountRevocation', () => {
  it('keeps certificates good through a temporary PIN lock', () => {
    expect(decideAccountRevocation('PIN_LOCKED_TEMPORARILY')).toEqual({ revoke: false });
  });

  it('revokes on a permanent lock or a deleted account with cessationOfOperation, on a clone with keyCompromise', () => {
    expect(decideAccountRevocation('PIN_LOCKED_PERMANENTLY')).toEqual({
      revoke: true,
      reason: 'cessationOfOperation',
    });
    expect(decideAccountRevocation('ACCOUNT_DELETED')).toEqual({
      revoke: true,
      reason: 'cessationOfOperation',
    });
    expect(decideAccountRevocation('CLONE_DETECTED')).toEqual({ revoke: true, reason: 'keyCompromise' });
  });
});

describe('serial numbers', () => {
  it('are positive, at least 64 bits and at most 127 bits, from the injected random source', () => {
    let n = 0;
    const counting = (len: number) => new Uint8Array(len).fill(0xff - n++);
    const s = generateSerialNumber(counting);
    expect(s).toBe(BigInt(`0x7f${'ff'.repeat(15)}`));
    // A draw below 2^64 is drawn again.
    let first = true;
    const low = (len: number) => {
      const b = new Uint8Array(len);
      if (!first) b.fill(1);
      first = false;
      return b;
    };
    expect(generateSerialNumber(low)).toBe(BigInt(`0x${'01'.repeat(16)}`));
  });

  it('print as even-length upper-case hex and parse back, refusing garbage', () => {
    expect(formatSerialNumber(0xabcn)).toBe('0ABC');
    expect(parseSerialNumber('0a:bc')).toBe(0xabcn);
    expect(parseSerialNumber('0x0ABC')).toBe(0xabcn);
    for (const bad of ['', 'xyz', '0', '1'.repeat(41)]) {
      expect(() => parseSerialNumber(bad)).toThrow(PkiError);
    }
  });
});

describe('PEM', () => {
  it('round-trips with 64-character lines and picks blocks by label', () => {
    const der = new Uint8Array(100).map((_, i) => i);
    const pem = encodePem('X509 CRL', der);
    expect(pem.split('\n')[1]).toHaveLength(64);
    expect(pem.startsWith('-----BEGIN X509 CRL-----\n')).toBe(true);
    expect(decodePem(`junk\n${pem}${encodePem('CERTIFICATE', der)}`, 'X509 CRL')).toEqual([der]);
  });

  it('refuses a broken block with MALFORMED_PEM', () => {
    expect(() =>
      decodePem('-----BEGIN CERTIFICATE-----\n@@@\n-----END CERTIFICATE-----', 'CERTIFICATE'),
    ).toThrow(PkiError);
    expect(() =>
      decodePem('-----BEGIN CERTIFICATE-----\nAAAA\n-----END X509 CRL-----', 'CERTIFICATE'),
    ).toThrow(PkiError);
  });
});

describe('encodeDistinguishedName', () => {
  it('keeps the order given and renders with the short names', () => {
    const der = encodeDistinguishedName([
      { type: 'CN', value: 'TEST of Tessera EID-Q 2026' },
      { type: 'organizationIdentifier', value: 'NTREE-10747013' },
      { type: 'O', value: 'Tessera' },
      { type: 'C', value: 'EE' },
    ]);
    expect(formatDistinguishedName(der)).toBe(
      'CN=TEST of Tessera EID-Q 2026, organizationIdentifier=NTREE-10747013, O=Tessera, C=EE',
    );
  });

  it('refuses empty names, empty values and over-long common names with INVALID_SUBJECT', () => {
    for (const bad of [
      [],
      [{ type: 'CN', value: '' }],
      [{ type: 'CN', value: 'x'.repeat(65) }],
      [{ type: 'C', value: 'Estonia' }],
    ] as const) {
      expect(() => encodeDistinguishedName(bad)).toThrow(
        expect.objectContaining({ code: 'INVALID_SUBJECT' }),
      );
    }
  });
});
