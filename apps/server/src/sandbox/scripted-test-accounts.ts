/**
 * SIMULATED: the sandbox's scripted test accounts, the public Smart-ID demo accounts of spec §7 with their exact
 * document numbers. Whatever relying party asks one of them, the sandbox's simulated user gives the account's
 * outcome (`ScriptedAnswer`). They exist only in the sandbox, which production mode refuses.
 */
import type { SessionEnd } from '@tessera/core';

/** What the simulated user does when a session reaches the account. */
export type ScriptedAnswer =
  /** Takes the transaction, picks the right code when offered three, enters the PIN: a real two-party signature. */
  | { readonly kind: 'confirm' }
  /** Takes the transaction and ends the session with this result (a refusal, `WRONG_VC`). */
  | { readonly kind: 'end'; readonly end: SessionEnd }
  /** Declines the notification on the device-choice screen (`USER_REFUSED_CERT_CHOICE`). */
  | { readonly kind: 'refuse-device-choice' }
  /** Never answers: the session ends `TIMEOUT` after the sandbox's scripted delay. */
  | { readonly kind: 'timeout' };

/** One scripted account. Country and level come from the document number. */
export interface ScriptedTestAccount {
  /** Exactly as published, e.g. `PNOEE-40504040001-DEM0-Q`. */
  readonly documentNumber: string;
  readonly givenName: string;
  readonly surname: string;
  /** `YYYY-MM-DD` in the certificate, or null where the published account has no date of birth field. */
  readonly dateOfBirth: string | null;
  readonly answer: ScriptedAnswer;
  /** The row of the published table it comes from. */
  readonly row: string;
  /**
   * The person's other account, for "has another active account": it answers (OK) only when addressed alone, so
   * a session by semantics identifier is answered with the published account after the device choice.
   */
  readonly otherAccountOf?: string;
}

const OK: ScriptedAnswer = { kind: 'confirm' };
const refusedOn = (
  interaction:
    | 'displayTextAndPIN'
    | 'verificationCodeChoice'
    | 'confirmationMessage'
    | 'confirmationMessageAndVerificationCodeChoice',
): ScriptedAnswer => ({
  kind: 'end',
  end: { endResult: 'USER_REFUSED_INTERACTION', details: { interaction } },
});

/** Rows of accounts that differ only in document number and date of birth. */
function row(
  label: string,
  givenName: string,
  answer: ScriptedAnswer,
  accounts: readonly (readonly [documentNumber: string, dateOfBirth: string | null])[],
): ScriptedTestAccount[] {
  return accounts.map(([documentNumber, dateOfBirth]) => ({
    documentNumber,
    givenName,
    surname: 'TESTNUMBER',
    dateOfBirth,
    answer,
    row: label,
  }));
}

/** A person's second account (see `otherAccountOf`): the published account id with MOCK and DEMO swapped. */
function otherAccount(of: ScriptedTestAccount): ScriptedTestAccount {
  const documentNumber = of.documentNumber.replace(/-(MOCK|DEMO)-(N?Q)$/, (_, id: string, level: string) =>
    id === 'MOCK' ? `-DEMO-${level}` : `-MOCK-${level}`,
  );
  return { ...of, documentNumber, row: `${of.row} (the other account)`, otherAccountOf: of.documentNumber };
}

const withOtherAccount = row('OK, the user has another active account', 'OK', OK, [
  ['PNOEE-39901012239-MOCK-Q', '1999-01-01'],
  ['PNOLT-39901012239-DEMO-Q', '1999-01-01'],
  ['PNOLV-030303-10215-MOCK-Q', '1903-03-03'],
  ['PNOBE-99010199987-DEMO-Q', '1999-01-01'],
]);

/**
 * Every scripted account. Dates of birth follow the national identity code (EE and LT: century digit and
 * YYMMDD; LV: DDMMYY and the century digit; BE: YYMMDD with the check digits deciding the century); where the code
 * carries none (LV codes starting 32) or contradicts the published row, the row decides, as noted.
 */
export const SCRIPTED_TEST_ACCOUNTS: readonly ScriptedTestAccount[] = [
  // Device-link flows, resolved with POST /mock/device-link (spec §4.6).
  ...row('device link, adult', 'OK', OK, [
    ['PNOEE-40404040009-MOCK-Q', '1904-04-04'],
    ['PNOLT-40404040009-MOCK-Q', '1904-04-04'],
    ['PNOLV-040404-10003-DEMO-Q', '1904-04-04'],
    ['PNOBE-04040400287-MOCK-Q', '1904-04-04'],
  ]),
  ...row('device link, minor', 'MINOR', OK, [
    ['PNOEE-61101019999-MOCK-Q', '2011-01-01'],
    ['PNOLT-61101019999-MOCK-Q', '2011-01-01'],
    ['PNOLV-010111-22341-MOCK-Q', '2011-01-01'],
    // A new-format LV code carries no date: the row (a minor) gives it.
    ['PNOLV-320000-00008-DEMO-Q', '2011-01-01'],
    ['PNOBE-11010199815-MOCK-Q', '2011-01-01'],
  ]),
  ...row('device link, minor, non-qualified', 'MINOR', OK, [
    ['PNOLT-61101019988-MOCK-NQ', '2011-01-01'],
    // The code's century digit (1) says 1911; the published row says minor.
    ['PNOLV-020211-12351-MOCK-NQ', '2011-02-02'],
  ]),
  // Notification flows.
  ...row('OK, qualified', 'OK', OK, [
    ['PNOEE-40504040001-DEM0-Q', '1905-04-04'],
    ['PNOLT-40504040001-MOCK-Q', '1905-04-04'],
    ['PNOLV-050405-10009-DEM0-Q', '1905-04-05'],
    ['PNOLV-320000-10003-DEMO-Q', '1905-04-05'],
    // The published code's check digits fit neither century: the row's other accounts decide.
    ['PNOBE-05040400032-DEMO-Q', '1905-04-04'],
  ]),
  ...row('OK, non-qualified', 'OK', OK, [
    ['PNOLT-40504049999-MOCK-NQ', '1905-04-04'],
    ['PNOLV-050404-19993-DEMO-NQ', '1904-04-05'],
  ]),
  ...row('OK, adult', 'OK', OK, [
    ['PNOEE-50001029996-DEMO-Q', '2000-01-02'],
    ['PNOLT-50001029996-DEMO-Q', '2000-01-02'],
    ['PNOLV-020100-29990-MOCK-Q', '2000-01-02'],
    ['PNOBE-00010299944-MOCK-Q', '2000-01-02'],
  ]),
  ...row('OK', 'OK', OK, [['PNOLT-30303039914-MOCK-Q', '1903-03-03']]),
  ...withOtherAccount,
  ...withOtherAccount.map(otherAccount),
  ...row('OK, under 18 (born 2011-01-01)', 'MINOR', OK, [
    ['PNOEE-61101012257-MOCK-Q', '2011-01-01'],
    ['PNOLT-61101012257-MOCK-Q', '2011-01-01'],
    ['PNOLV-010111-23474-DEME-Q', '2011-01-01'],
    ['PNOLV-320000-00032-DEMO-Q', '2011-01-01'],
  ]),
  ...row('OK, LV variants', 'OK', OK, [
    ['PNOLV-030303-10004-MOCK-Q', '1903-03-03'],
    ['PNOLV-040404-19999-MOCK-Q', '1904-04-04'],
    ['PNOLV-040404-19980-MOCK-Q', '1904-04-04'],
    ['PNOLV-311299-19993-MOCK-Q', '1999-12-31'],
    ['PNOLV-329999-99901-MOCK-Q', '1999-12-31'],
    ['PNOLV-329999-99709-MOCK-Q', null],
  ]),
  ...row('OK, non-qualified', 'OK', OK, [
    ['PNOLT-49912318881-MOCK-NQ', '1999-12-31'],
    ['PNOLV-311299-18886-MOCK-NQ', '1999-12-31'],
  ]),
  ...row('USER_REFUSED', 'USER_REFUSED', { kind: 'end', end: { endResult: 'USER_REFUSED' } }, [
    ['PNOEE-30403039917-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039917-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10016-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010238349-MOCK-Q', '1900-01-02'],
  ]),
  ...row('USER_REFUSED_INTERACTION displayTextAndPIN', 'REFUSED', refusedOn('displayTextAndPIN'), [
    ['PNOEE-30403039928-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039928-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10024-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010267350-MOCK-Q', '1900-01-02'],
  ]),
  ...row('USER_REFUSED_INTERACTION verificationCodeChoice', 'REFUSED', refusedOn('verificationCodeChoice'), [
    ['PNOEE-30403039939-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039939-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10032-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010266756-MOCK-Q', '1900-01-02'],
  ]),
  ...row('USER_REFUSED_INTERACTION confirmationMessage', 'REFUSED', refusedOn('confirmationMessage'), [
    ['PNOEE-30403039946-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039946-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10040-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010232708-MOCK-Q', '1900-01-02'],
  ]),
  ...row(
    'USER_REFUSED_INTERACTION confirmationMessageAndVerificationCodeChoice',
    'REFUSED',
    refusedOn('confirmationMessageAndVerificationCodeChoice'),
    [
      ['PNOEE-30403039950-MOCK-Q', '1904-03-03'],
      ['PNOLT-30403039950-MOCK-Q', '1904-03-03'],
      ['PNOLV-030403-10059-MOCK-Q', '1903-04-03'],
      ['PNOBE-00010211724-MOCK-Q', '1900-01-02'],
    ],
  ),
  ...row('WRONG_VC', 'WRONG_VC', { kind: 'end', end: { endResult: 'WRONG_VC' } }, [
    ['PNOEE-30403039972-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039972-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10075-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010216276-MOCK-Q', '1900-01-02'],
  ]),
  ...row('TIMEOUT', 'TIMEOUT', { kind: 'timeout' }, [
    ['PNOEE-30403039983-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039983-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10083-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010220335-MOCK-Q', '1900-01-02'],
  ]),
  // Removed from the published table in 2025-06, still used by client tests.
  ...row('USER_REFUSED_CERT_CHOICE', 'REFUSED', { kind: 'refuse-device-choice' }, [
    ['PNOEE-30403039961-MOCK-Q', '1904-03-03'],
    ['PNOLT-30403039961-MOCK-Q', '1904-03-03'],
    ['PNOLV-030403-10067-MOCK-Q', '1903-04-03'],
    ['PNOBE-00010221523-MOCK-Q', '1900-01-02'],
  ]),
  // Pre-2024 accounts of v1/v2-era clients.
  {
    ...row('OK, pre-2024', 'DEMO', OK, [['PNOEE-10101010005-Z1B2-Q', '1801-01-01']])[0]!,
    surname: 'SMART-ID',
  },
  ...row('OK, pre-2024', 'OK', OK, [['PNOLV-010101-10006-SGT7-Q', '1901-01-01']]),
];
