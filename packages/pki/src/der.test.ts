import { describe, expect, it } from 'vitest';
import {
  DerError,
  generalizedTime,
  int,
  namedBits,
  oid,
  readDer,
  readInteger,
  readOid,
  readTime,
  seq,
  setOf,
  utcTime,
  x509Time,
} from './der.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h, 'hex'));

describe('the DER writer', () => {
  it('encodes object identifiers as X.690 §8.19 gives (sha256WithRSAEncryption, P-384, large arcs)', () => {
    expect(hex(oid('1.2.840.113549.1.1.11'))).toBe('06092a864886f70d01010b');
    expect(hex(oid('1.3.132.0.34'))).toBe('06052b81040022');
    expect(hex(oid('1.3.6.1.4.1.62306.5.7.0'))).toBe('060b2b0601040183e6620507' + '00');
    expect(hex(oid('2.5.29.32.0'))).toBe('0604551d2000');
    expect(() => oid('1.40.1')).toThrow(DerError);
  });

  it('encodes integers minimally, with a sign octet when the top bit is set', () => {
    expect(hex(int(0))).toBe('020100');
    expect(hex(int(127))).toBe('02017f');
    expect(hex(int(128))).toBe('02020080');
    expect(hex(int(0x5eed1234n))).toBe('02045eed1234');
    expect(() => int(-1)).toThrow(DerError);
  });

  it('uses long-form lengths from 128 octets on', () => {
    expect(hex(seq(new Uint8Array(127))).slice(0, 4)).toBe('307f');
    expect(hex(seq(new Uint8Array(128))).slice(0, 6)).toBe('308180');
    expect(hex(seq(new Uint8Array(300))).slice(0, 8)).toBe('3082012c');
  });

  it('drops trailing zero bits of named bit strings (digitalSignature, nonRepudiation, keyCertSign+cRLSign)', () => {
    expect(hex(namedBits([0]))).toBe('03020780');
    expect(hex(namedBits([1]))).toBe('03020640');
    expect(hex(namedBits([5, 6]))).toBe('03020106');
  });

  it('writes UTCTime through 2049 and GeneralizedTime from 2050, in whole seconds', () => {
    expect(Buffer.from(x509Time(new Date('2049-12-31T23:59:59Z')).subarray(2)).toString()).toBe(
      '491231235959Z',
    );
    expect(Buffer.from(x509Time(new Date('2050-01-01T00:00:00Z')).subarray(2)).toString()).toBe(
      '20500101000000Z',
    );
    expect(Buffer.from(generalizedTime(new Date('1905-04-04T12:00:00Z')).subarray(2)).toString()).toBe(
      '19050404120000Z',
    );
    expect(() => utcTime(new Date('2026-01-01T00:00:00.500Z'))).toThrow(DerError);
  });

  it('sorts SET OF elements by their encodings', () => {
    expect(hex(setOf(int(2), int(1)))).toBe('3106020101020102');
  });
});

describe('the DER reader', () => {
  it('reads back what the writer wrote', () => {
    expect(readOid(readDer(oid('1.3.6.1.4.1.62306.5.7.0')), 'oid')).toBe('1.3.6.1.4.1.62306.5.7.0');
    expect(readOid(readDer(oid('2.999.3')), 'oid')).toBe('2.999.3');
    expect(readInteger(readDer(int(2n ** 130n + 5n)), 'int')).toBe(2n ** 130n + 5n);
    expect(readTime(readDer(x509Time(new Date('2051-02-03T04:05:06Z'))), 't').toISOString()).toBe(
      '2051-02-03T04:05:06.000Z',
    );
    expect(readTime(readDer(utcTime(new Date('1999-02-03T04:05:06Z'))), 't').toISOString()).toBe(
      '1999-02-03T04:05:06.000Z',
    );
  });

  it('accepts negative integers on input', () => {
    expect(readInteger(readDer(bytes('0201ff')), 'int')).toBe(-1n);
  });

  it('refuses what DER forbids: indefinite or non-minimal lengths, overruns, trailing bytes', () => {
    const cases: [string, string][] = [
      ['indefinite length', '30800201000000'],
      ['non-minimal long-form length', '3081030201ff'],
      ['length running past the end', '3005020100'],
      ['trailing bytes', '3003020100' + '00'],
      ['no length', '30'],
    ];
    for (const [what, h] of cases) expect(() => readDer(bytes(h)), what).toThrow(DerError);
  });

  it('refuses non-minimal integers and impossible times', () => {
    expect(() => readInteger(readDer(bytes('02020001')), 'int')).toThrow(DerError);
    expect(() => readInteger(readDer(bytes('0202ff80')), 'int')).toThrow(DerError);
    expect(() => readTime(readDer(bytes('170532363031')), 't')).toThrow(DerError);
    expect(() =>
      readTime(readDer(bytes(`170d${Buffer.from('260230000000Z').toString('hex')}`)), 't'),
    ).toThrow(DerError);
  });
});
