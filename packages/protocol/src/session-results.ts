import type { V2InteractionType } from './interactions.js';

/** `state` of a session status response (v3 and v2). */
export type SessionState = 'RUNNING' | 'COMPLETE';
/** Every session `state`. */
export const SESSION_STATES: readonly SessionState[] = ['RUNNING', 'COMPLETE'];

const END_RESULTS_VALUES = [
  'OK',
  'USER_REFUSED',
  'TIMEOUT',
  'DOCUMENT_UNUSABLE',
  'WRONG_VC',
  'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP',
  'USER_REFUSED_CERT_CHOICE',
  'USER_REFUSED_INTERACTION',
  'PROTOCOL_FAILURE',
  'EXPECTED_LINKED_SESSION',
  'SERVER_ERROR',
  'ACCOUNT_UNUSABLE',
] as const;
/**
 * `result.endResult` of a v3 session (spec §3). `ACCOUNT_UNUSABLE` is in the documentation's prose but not in
 * its OpenAPI enum; the official Java client handles it, so it is part of the union.
 */
export type EndResult = (typeof END_RESULTS_VALUES)[number];

/** Every v3 `endResult`. */
export const END_RESULTS: readonly EndResult[] = END_RESULTS_VALUES;

const V2_END_RESULTS_VALUES = [
  'OK',
  'USER_REFUSED',
  'TIMEOUT',
  'DOCUMENT_UNUSABLE',
  'WRONG_VC',
  'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP',
  'USER_REFUSED_CERT_CHOICE',
  'USER_REFUSED_DISPLAYTEXTANDPIN',
  'USER_REFUSED_VC_CHOICE',
  'USER_REFUSED_CONFIRMATIONMESSAGE',
  'USER_REFUSED_CONFIRMATIONMESSAGE_WITH_VC_CHOICE',
] as const;
/** `result.endResult` of a v2 session (spec §8.1): refusals name the interaction instead of carrying details. */
export type V2EndResult = (typeof V2_END_RESULTS_VALUES)[number];

/** Every v2 `endResult`. */
export const V2_END_RESULTS: readonly V2EndResult[] = V2_END_RESULTS_VALUES;

/** The v2 `endResult` for a refusal on each interaction screen (v3 says `USER_REFUSED_INTERACTION` + details). */
export const V2_REFUSAL_END_RESULTS: { readonly [T in V2InteractionType]: V2EndResult } = {
  displayTextAndPIN: 'USER_REFUSED_DISPLAYTEXTANDPIN',
  verificationCodeChoice: 'USER_REFUSED_VC_CHOICE',
  confirmationMessage: 'USER_REFUSED_CONFIRMATIONMESSAGE',
  confirmationMessageAndVerificationCodeChoice: 'USER_REFUSED_CONFIRMATIONMESSAGE_WITH_VC_CHOICE',
};
