import type { SemanticsIdentifier } from './identifiers.js';

function isoDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/** Estonian and Lithuanian personal codes: GYYMMDDSSSC, G = 1/2 → 1800s, 3/4 → 1900s, 5/6 → 2000s. */
function baltic(code: string): string | null {
  const m = /^([1-6])(\d{2})(\d{2})(\d{2})\d{4}$/.exec(code);
  if (m === null) return null;
  const century = 1800 + Math.floor((Number(m[1]) - 1) / 2) * 100;
  return isoDate(century + Number(m[2]), Number(m[3]), Number(m[4]));
}

/** Latvian personal codes: DDMMYY-CNNNN with C = 0 → 1800s, 1 → 1900s, 2 → 2000s; codes from 2017 start with 32 and carry no date. */
function latvian(code: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})-?([0-2])\d{4}$/.exec(code);
  if (m === null || code.startsWith('32')) return null;
  return isoDate(1800 + Number(m[4]) * 100 + Number(m[3]), Number(m[2]), Number(m[1]));
}

/**
 * Belgian national register numbers: YYMMDD SSS CC, where CC = 97 − (the first nine digits mod 97) for people born
 * before 2000 and 97 − ("2" + the first nine digits mod 97) after. An unknown month or day (00) or a bis number
 * (month + 20 or + 40) gives no date.
 */
function belgian(code: string): string | null {
  const m = /^(\d{2})(\d{2})(\d{2})(\d{3})(\d{2})$/.exec(code);
  if (m === null) return null;
  const first9 = BigInt(code.slice(0, 9));
  const check = BigInt(m[5]!);
  const year =
    97n - (first9 % 97n) === check
      ? 1900 + Number(m[1])
      : 97n - (BigInt(`2${code.slice(0, 9)}`) % 97n) === check
        ? 2000 + Number(m[1])
        : null;
  return year === null ? null : isoDate(year, Number(m[2]), Number(m[3]));
}

const READERS: Readonly<Record<string, (code: string) => string | null>> = {
  EE: baltic,
  LT: baltic,
  LV: latvian,
  BE: belgian,
};

/**
 * The date of birth (`YYYY-MM-DD`) a personal number (`PNO`) states, for Estonia, Lithuania, Latvia (old format)
 * and Belgium; `null` when the code carries none (new Latvian codes, other countries and identity types) or is
 * not a valid date. A certificate's own dateOfBirth attribute takes precedence over this (spec §6.4).
 */
export function readDateOfBirthFromNationalCode(identifier: SemanticsIdentifier): string | null {
  if (identifier.identityType !== 'PNO') return null;
  return READERS[identifier.countryCode]?.(identifier.identityNumber) ?? null;
}
