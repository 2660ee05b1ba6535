import { describe, expect, it } from 'vitest';
import { parseTimeoutMs } from './parse-timeout-ms.js';
import { expectProtocolError } from './test-support/expect-protocol-error.js';

describe('parseTimeoutMs (spec §3)', () => {
  it('defaults to the midpoint 60500 when absent', () => {
    expect(parseTimeoutMs(undefined)).toBe(60_500);
    expect(parseTimeoutMs('')).toBe(60_500);
  });

  it('accepts 1000 to 120000', () => {
    expect(parseTimeoutMs('1000')).toBe(1000);
    expect(parseTimeoutMs('5000')).toBe(5000);
    expect(parseTimeoutMs('120000')).toBe(120_000);
  });

  it.each(['999', '120001', '-1000', '1e4', '5000.5', ' 5000', 'abc', '0x1000'])(
    'refuses %j naming timeoutMs',
    (value) => {
      const error = expectProtocolError(() => parseTimeoutMs(value), 'INVALID_REQUEST');
      expect(error.issues).toEqual([expect.objectContaining({ paramName: 'timeoutMs' })]);
    },
  );

  it('refuses a repeated parameter', () => {
    expectProtocolError(() => parseTimeoutMs(['5000', '6000']), 'INVALID_REQUEST');
  });
});
