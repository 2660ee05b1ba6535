import { describe, expect, it } from 'vitest';
import { checkPinChoice } from './check-pin-choice.js';

const person = { dateOfBirth: '1990-03-07' };

describe('checkPinChoice', () => {
  it('accepts PIN1 of 4 to 12 digits and PIN2 of 5 to 12 digits that are hard to guess', () => {
    expect(checkPinChoice('4821', 'authentication', person)).toBeNull();
    expect(checkPinChoice('482193775102', 'authentication', person)).toBeNull();
    expect(checkPinChoice('48219', 'signing', { ...person, pin1: '4821' })).toBeNull();
  });

  it('refuses the wrong length or anything but digits', () => {
    for (const pin of ['482', '4821937751023', '48a1', '', ' 4821']) {
      expect(checkPinChoice(pin, 'authentication', person)).toBe('FORMAT');
    }
    expect(checkPinChoice('4821', 'signing', person)).toBe('FORMAT');
  });

  it('refuses one digit or one block repeated', () => {
    for (const pin of ['0000', '7777777', '1212', '123123', '56785678']) {
      expect(checkPinChoice(pin, 'authentication', person)).toBe('REPEATED');
    }
  });

  it('refuses runs of consecutive digits up or down, wrapping from 9 to 0', () => {
    for (const pin of ['1234', '56789', '7890', '9876', '32109', '0123456789']) {
      expect(checkPinChoice(pin, 'authentication', person)).toBe('SEQUENTIAL');
    }
    expect(checkPinChoice('1357', 'authentication', person)).toBeNull();
  });

  it("refuses the person's birth date in its usual spellings, alone or inside a longer PIN", () => {
    for (const pin of ['0703', '0307', '1990', '070390', '900307', '07031990', '19900307', '4407031990']) {
      expect(checkPinChoice(pin, 'authentication', person)).toBe('BIRTH_DATE');
    }
    expect(checkPinChoice('0703', 'authentication', { dateOfBirth: null })).toBeNull();
  });

  it('refuses a PIN2 equal to PIN1', () => {
    expect(checkPinChoice('48219', 'signing', { ...person, pin1: '48219' })).toBe('SAME_AS_PIN1');
  });
});
