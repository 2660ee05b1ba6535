import { PkiError } from '@tessera/pki';
import { describe, expect, it } from 'vitest';
import { CaError } from './ca/ca-error.js';
import { HttpError } from './http-error.js';
import { toProblem } from './problem.js';

describe('toProblem', () => {
  it('turns refused input into a 4xx problem with its code, in the Smart-ID RP API shape', () => {
    expect(toProblem(new PkiError('WRONG_KEY_SIZE', 'The RSA key has 1024 bits.'))).toEqual({
      type: 'about:blank',
      status: 400,
      title: 'Bad Request',
      detail: 'The RSA key has 1024 bits.',
      errors: [{ code: 'WRONG_KEY_SIZE' }],
    });
    expect(toProblem(new CaError('CERTIFICATE_NOT_FOUND', 'No such serial.'))).toMatchObject({
      status: 404,
      title: 'Not Found',
    });
    expect(
      toProblem(new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/ocsp-request.')),
    ).toMatchObject({
      status: 415,
      errors: [{ code: 'UNSUPPORTED_MEDIA_TYPE' }],
    });
  });

  it('never shows the detail or the code of a server-side failure', () => {
    for (const error of [
      new Error('token PIN 1234 rejected'),
      new CaError('HSM_LOGIN_FAILED', 'Logging in to the token failed.'),
      new PkiError('SIGNER_MISMATCH', 'key mismatch'),
      'a string',
      undefined,
    ]) {
      const problem = toProblem(error);
      expect(problem.status).toBeGreaterThanOrEqual(500);
      expect(problem.detail).toBe('The server could not complete the request.');
      expect(problem).not.toHaveProperty('errors');
    }
  });
});
