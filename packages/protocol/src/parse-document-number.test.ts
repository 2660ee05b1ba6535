import { describe, expect, it } from 'vitest';
import vectors from '../vectors/identifiers.json' with { type: 'json' };
import { formatDocumentNumber } from './format-document-number.js';
import { formatSemanticsIdentifier } from './format-semantics-identifier.js';
import type { DocumentLevel, IdentityType } from './identifiers.js';
import { parseDocumentNumber } from './parse-document-number.js';
import { parseSemanticsIdentifier } from './parse-semantics-identifier.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

describe('semantics identifiers (spec §4.1)', () => {
  it('has provenance', () => {
    expect(vectors.source).toMatch(/§4\.1/);
  });

  it.each(vectors.semanticsIdentifiers)('parses and formats $text', (row) => {
    const parsed = parseSemanticsIdentifier(row.text);
    expect(parsed).toEqual({
      identityType: row.identityType,
      countryCode: row.countryCode,
      identityNumber: row.identityNumber,
    });
    expect(formatSemanticsIdentifier(parsed)).toBe(row.text);
  });

  it.each([
    ['an unsupported type', 'TAXEE-12345'],
    ['a lower-case type', 'pnoEE-30303039914'],
    ['a lower-case country', 'PNOee-30303039914'],
    ['a three-letter country', 'PNOEST-30303039914'],
    ['no hyphen', 'PNOEE30303039914'],
    ['an empty identifier', 'PNOEE-'],
    ['a doubled hyphen', 'PNOLV-030403--10016'],
    ['a trailing hyphen', 'PNOEE-303-'],
    ['a space', 'PNOEE-3030 3039914'],
    ['an over-long identifier', `PNOEE-${'1'.repeat(65)}`],
  ])('refuses %s', (_name, text) => {
    expectProtocolError(() => parseSemanticsIdentifier(text), 'MALFORMED_SEMANTICS_IDENTIFIER');
  });

  it('refuses parts that do not make an identifier', () => {
    expectProtocolError(
      () =>
        formatSemanticsIdentifier({
          identityType: 'XYZ' as IdentityType,
          countryCode: 'EE',
          identityNumber: '1',
        }),
      'MALFORMED_SEMANTICS_IDENTIFIER',
    );
    expectProtocolError(
      () => formatSemanticsIdentifier({ identityType: 'PNO', countryCode: 'EEX', identityNumber: '1' }),
      'MALFORMED_SEMANTICS_IDENTIFIER',
    );
  });
});

describe('document numbers (identifier + 4-character account id + -Q or -NQ)', () => {
  it.each(vectors.documentNumbers)('parses and formats $text', (row) => {
    const parsed = parseDocumentNumber(row.text);
    expect(formatSemanticsIdentifier(parsed.semanticsIdentifier)).toBe(row.semanticsIdentifier);
    expect(parsed.accountId).toBe(row.accountId);
    expect(parsed.level).toBe(row.level);
    expect(formatDocumentNumber(parsed)).toBe(row.text);
  });

  it.each([
    ['a plain semantics identifier', 'PNOEE-30303039914'],
    ['a 3-character account id', 'PNOEE-30303039914-MOC-Q'],
    ['a 5-character account id', 'PNOEE-30303039914-MOCKS-Q'],
    ['a lower-case account id', 'PNOEE-30303039914-mock-Q'],
    ['an unknown level', 'PNOEE-30303039914-MOCK-QQ'],
    ['no identifier', 'MOCK-Q'],
    ['a bad identifier', 'XXXEE-30303039914-MOCK-Q'],
  ])('refuses %s', (_name, text) => {
    expectProtocolError(() => parseDocumentNumber(text), 'MALFORMED_DOCUMENT_NUMBER');
  });

  it('refuses to format a bad account id or level', () => {
    const semanticsIdentifier = parseSemanticsIdentifier('PNOEE-30303039914');
    expectProtocolError(
      () => formatDocumentNumber({ semanticsIdentifier, accountId: 'AB', level: 'Q' }),
      'MALFORMED_DOCUMENT_NUMBER',
    );
    expectProtocolError(
      () => formatDocumentNumber({ semanticsIdentifier, accountId: 'ABCD', level: 'X' as DocumentLevel }),
      'MALFORMED_DOCUMENT_NUMBER',
    );
  });
});
