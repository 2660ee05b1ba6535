import { hashAlgorithms } from '@tessera/crypto';
import { describe, expect, it } from 'vitest';
import {
  HASH_ALGORITHM_NAMES,
  SIGNATURE_ALGORITHMS,
  V2_HASH_TYPES,
  V2_SIGNATURE_ALGORITHMS,
} from './algorithms.js';
import { buildSignatureAlgorithmParameters } from './build-signature-algorithm-parameters.js';
import { decodeRawDigest } from './decode-raw-digest.js';
import { resolveSignatureScheme } from './resolve-signature-scheme.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

describe('the algorithm table (spec §6.3)', () => {
  it('names the six hashes the RP API allows, with their lengths', () => {
    expect(HASH_ALGORITHM_NAMES).toEqual([
      'SHA-256',
      'SHA-384',
      'SHA-512',
      'SHA3-256',
      'SHA3-384',
      'SHA3-512',
    ]);
    expect(HASH_ALGORITHM_NAMES.map((h) => hashAlgorithms[h].outputLength)).toEqual([32, 48, 64, 32, 48, 64]);
  });

  it('gives the documented OIDs and maps the v2 names onto v3 ones', () => {
    expect(SIGNATURE_ALGORITHMS['rsassa-pss'].oid).toBe('1.2.840.113549.1.1.10');
    expect(SIGNATURE_ALGORITHMS.sha512WithRSAEncryption.oid).toBe('1.2.840.113549.1.1.13');
    expect(V2_HASH_TYPES.SHA384).toBe('SHA-384');
    expect(SIGNATURE_ALGORITHMS[V2_SIGNATURE_ALGORITHMS.SHA256].impliedHash).toBe('SHA-256');
  });
});

describe('resolveSignatureScheme', () => {
  it('resolves PSS with its hash and a salt of the hash length', () => {
    expect(resolveSignatureScheme('rsassa-pss', 'SHA3-384')).toEqual({
      signatureAlgorithm: 'rsassa-pss',
      encoding: 'pss',
      hashAlgorithm: 'SHA3-384',
      saltLength: 48,
    });
  });

  it('resolves a deprecated PKCS#1 v1.5 name to its implied hash', () => {
    expect(resolveSignatureScheme('sha384WithRSAEncryption')).toEqual({
      signatureAlgorithm: 'sha384WithRSAEncryption',
      encoding: 'pkcs1-v1_5',
      hashAlgorithm: 'SHA-384',
      saltLength: 0,
    });
  });

  it('refuses PSS without a hash, a contradicting hash and unknown names', () => {
    expectProtocolError(() => resolveSignatureScheme('rsassa-pss'), 'INVALID_ARGUMENT');
    expectProtocolError(
      () => resolveSignatureScheme('sha256WithRSAEncryption', 'SHA-512'),
      'UNSUPPORTED_ALGORITHM',
    );
    expectProtocolError(
      () => resolveSignatureScheme('toString' as 'rsassa-pss', 'SHA-256'),
      'UNSUPPORTED_ALGORITHM',
    );
  });
});

describe('buildSignatureAlgorithmParameters', () => {
  it('gives the documented response object for SHA-512', () => {
    expect(JSON.stringify(buildSignatureAlgorithmParameters('SHA-512'))).toBe(
      '{"hashAlgorithm":"SHA-512","maskGenAlgorithm":{"algorithm":"id-mgf1","parameters":{"hashAlgorithm":"SHA-512"}},"saltLength":64,"trailerField":"0xbc"}',
    );
  });

  it('refuses an unknown hash', () => {
    expectProtocolError(() => buildSignatureAlgorithmParameters('MD5' as 'SHA-256'), 'UNSUPPORTED_ALGORITHM');
  });
});

describe('decodeRawDigest (spec §6.2)', () => {
  it('returns the digest bytes when the length matches the hash', () => {
    expect(decodeRawDigest('DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=', 'SHA3-256')).toHaveLength(32);
  });

  it('refuses a digest of another length or encoding', () => {
    expectProtocolError(
      () => decodeRawDigest('DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4=', 'SHA-512'),
      'INVALID_ARGUMENT',
    );
    expectProtocolError(
      () => decodeRawDigest('DtsXI8GIHb2v99lHasrbgWejyZNpvQuNY9YOD6bN0L4', 'SHA-256'),
      'INVALID_ARGUMENT',
    );
  });
});
