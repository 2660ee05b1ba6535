import { describe, expect, it } from 'vitest';
import { INTERACTION_TYPES, INTERACTION_TYPES_BY_FLOW } from './interactions.js';
import { END_RESULTS, V2_END_RESULTS, V2_REFUSAL_END_RESULTS } from './session-results.js';

describe('session results and interaction tables (spec §3, §4.5, §8)', () => {
  it('lists twelve v3 end results and eleven v2 ones without duplicates', () => {
    expect(new Set(END_RESULTS).size).toBe(12);
    expect(new Set(V2_END_RESULTS).size).toBe(11);
  });

  it('maps a refusal on each interaction screen to a v2 end result', () => {
    for (const endResult of Object.values(V2_REFUSAL_END_RESULTS))
      expect(V2_END_RESULTS).toContain(endResult);
    expect(V2_REFUSAL_END_RESULTS.verificationCodeChoice).toBe('USER_REFUSED_VC_CHOICE');
  });

  it('allows the VC choice only in notification flows and v2', () => {
    expect(INTERACTION_TYPES_BY_FLOW.deviceLink).not.toContain(
      'confirmationMessageAndVerificationCodeChoice',
    );
    expect(INTERACTION_TYPES_BY_FLOW.linkedNotification).not.toContain(
      'confirmationMessageAndVerificationCodeChoice',
    );
    expect(INTERACTION_TYPES_BY_FLOW.notification).toContain('confirmationMessageAndVerificationCodeChoice');
    expect(INTERACTION_TYPES_BY_FLOW.v2).toContain('verificationCodeChoice');
    expect(INTERACTION_TYPES.confirmationMessage).toMatchObject({
      textField: 'displayText200',
      maxLength: 200,
    });
  });
});
