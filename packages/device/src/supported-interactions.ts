import type { InteractionTypeName } from '@tessera/protocol';

/** The interactions this app can show, in the order it prefers nothing: the RP's order decides. */
export const SUPPORTED_INTERACTIONS: readonly InteractionTypeName[] = Object.freeze([
  'displayTextAndPIN',
  'verificationCodeChoice',
  'confirmationMessage',
  'confirmationMessageAndVerificationCodeChoice',
]);
