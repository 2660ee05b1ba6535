import { describe, expect, it } from 'vitest';
import { parseSemanticsIdentifier, readDateOfBirthFromNationalCode } from './index.js';

const dateOf = (semanticsIdentifier: string) =>
  readDateOfBirthFromNationalCode(parseSemanticsIdentifier(semanticsIdentifier));

describe('readDateOfBirthFromNationalCode', () => {
  it.each([
    ['PNOEE-40504040001', '1905-04-04'],
    ['PNOEE-50001029996', '2000-01-02'],
    ['PNOEE-61101019999', '2011-01-01'],
    ['PNOEE-10101010005', '1801-01-01'],
    ['PNOLT-39901012239', '1999-01-01'],
    ['PNOLT-61101019988', '2011-01-01'],
    ['PNOLV-040404-10003', '1904-04-04'],
    ['PNOLV-311299-19993', '1999-12-31'],
    ['PNOLV-020100-29990', '2000-01-02'],
    ['PNOLV-010111-22341', '2011-01-01'],
    ['PNOBE-04040400287', '1904-04-04'],
    ['PNOBE-00010299944', '2000-01-02'],
    ['PNOBE-11010199815', '2011-01-01'],
    ['PNOBE-99010199987', '1999-01-01'],
  ])('reads %s as born %s', (identifier, date) => {
    expect(dateOf(identifier)).toBe(date);
  });

  it.each([
    ['a new-format Latvian code', 'PNOLV-320000-00008'],
    ['an Estonian code with an impossible date', 'PNOEE-30230039914'],
    ['an Estonian code with no century digit', 'PNOEE-90001010001'],
    ['a Belgian number whose check digits fit neither century', 'PNOBE-05040400032'],
    ['a Belgian bis number', 'PNOBE-04240400287'],
    ['a country without a rule', 'PNOCZ-9001011234'],
    ['a passport number', 'PASEE-40504040001'],
  ])('gives no date for %s', (_, identifier) => {
    expect(dateOf(identifier)).toBeNull();
  });
});
