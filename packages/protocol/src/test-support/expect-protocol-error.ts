import { expect } from 'vitest';
import { ProtocolError, type ProtocolErrorCode } from '../protocol-error.js';

/** Runs `fn`, expects a ProtocolError with `code`, and returns it for further checks. */
export function expectProtocolError(fn: () => unknown, code: ProtocolErrorCode): ProtocolError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ProtocolError);
    expect((error as ProtocolError).code).toBe(code);
    return error as ProtocolError;
  }
  throw new Error(`Expected a ProtocolError ${code}, but nothing was thrown.`);
}
