/** Interaction types, their text fields and limits, and where each may be used (spec §4.5, §8.1). */

/** A v3 interaction type. */
export type InteractionType =
  | 'displayTextAndPIN'
  | 'confirmationMessage'
  | 'confirmationMessageAndVerificationCodeChoice';

/** A v2 interaction type: v3's plus `verificationCodeChoice`, which v3 removed. */
export type V2InteractionType = InteractionType | 'verificationCodeChoice';

/** One v3 interaction, as in the decoded `interactions` array. */
export type Interaction =
  | { type: 'displayTextAndPIN'; displayText60: string }
  | { type: 'confirmationMessage'; displayText200: string }
  | { type: 'confirmationMessageAndVerificationCodeChoice'; displayText200: string };

/** One v2 interaction, as in `allowedInteractionsOrder`. */
export type V2Interaction = Interaction | { type: 'verificationCodeChoice'; displayText60: string };

/** Where an interactions list is used: each RP API endpoint family allows its own types. */
export type InteractionFlow = 'deviceLink' | 'notification' | 'linkedNotification' | 'v2';

/** The text field, its maximum length in characters (Unicode code points), and whether the app shows a VC choice. */
export interface InteractionTypeInfo {
  readonly textField: 'displayText60' | 'displayText200';
  readonly maxLength: 60 | 200;
  readonly verificationCodeChoice: boolean;
}

/** Every interaction type (v2 and v3) with its text field and limit. */
export const INTERACTION_TYPES: { readonly [T in V2InteractionType]: InteractionTypeInfo } = {
  displayTextAndPIN: { textField: 'displayText60', maxLength: 60, verificationCodeChoice: false },
  verificationCodeChoice: { textField: 'displayText60', maxLength: 60, verificationCodeChoice: true },
  confirmationMessage: { textField: 'displayText200', maxLength: 200, verificationCodeChoice: false },
  confirmationMessageAndVerificationCodeChoice: {
    textField: 'displayText200',
    maxLength: 200,
    verificationCodeChoice: true,
  },
};

/**
 * The interaction types each flow accepts. Device-link and linked-notification requests never show a VC, so
 * `confirmationMessageAndVerificationCodeChoice` is notification-only; `verificationCodeChoice` is v2-only.
 */
export const INTERACTION_TYPES_BY_FLOW: { readonly [F in InteractionFlow]: readonly V2InteractionType[] } = {
  deviceLink: ['displayTextAndPIN', 'confirmationMessage'],
  notification: ['displayTextAndPIN', 'confirmationMessage', 'confirmationMessageAndVerificationCodeChoice'],
  linkedNotification: ['displayTextAndPIN', 'confirmationMessage'],
  v2: [
    'displayTextAndPIN',
    'verificationCodeChoice',
    'confirmationMessage',
    'confirmationMessageAndVerificationCodeChoice',
  ],
};
