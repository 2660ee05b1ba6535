import { describe, expect, it } from 'vitest';
import type { Interaction, V2Interaction } from './interactions.js';
import { selectInteraction } from './select-interaction.js';

const requested: Interaction[] = [
  { type: 'confirmationMessageAndVerificationCodeChoice', displayText200: 'Pay 10 EUR to Shop?' },
  { type: 'confirmationMessage', displayText200: 'Pay 10 EUR to Shop?' },
  { type: 'displayTextAndPIN', displayText60: 'Pay 10 EUR?' },
];

describe('selectInteraction (spec §4.5)', () => {
  it("chooses the RP's first choice when the app supports everything", () => {
    const all = [
      'displayTextAndPIN',
      'confirmationMessage',
      'confirmationMessageAndVerificationCodeChoice',
    ] as const;
    expect(selectInteraction(requested, all)).toEqual({ supported: true, interaction: requested[0] });
  });

  it("follows the RP's order, not the app's", () => {
    expect(selectInteraction(requested, ['displayTextAndPIN', 'confirmationMessage'])).toEqual({
      supported: true,
      interaction: requested[1],
    });
  });

  it('falls back to the last option the app supports', () => {
    expect(selectInteraction(requested, new Set(['displayTextAndPIN'] as const))).toEqual({
      supported: true,
      interaction: requested[2],
    });
  });

  it('reports REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP when nothing fits', () => {
    expect(selectInteraction(requested.slice(0, 2), ['displayTextAndPIN'])).toEqual({
      supported: false,
      endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP',
    });
    expect(selectInteraction([] as Interaction[], ['displayTextAndPIN'])).toEqual({
      supported: false,
      endResult: 'REQUIRED_INTERACTION_NOT_SUPPORTED_BY_APP',
    });
  });

  it('works on v2 lists with verificationCodeChoice', () => {
    const v2: V2Interaction[] = [
      { type: 'verificationCodeChoice', displayText60: 'Log in?' },
      { type: 'displayTextAndPIN', displayText60: 'Log in?' },
    ];
    expect(selectInteraction(v2, ['verificationCodeChoice', 'displayTextAndPIN'])).toEqual({
      supported: true,
      interaction: v2[0],
    });
  });
});
