import { SIGNATURE_ALGORITHM_NAMES } from './algorithms.js';
import { compact, FieldChecker } from './field-checker.js';
import { INTERACTION_TYPES_BY_FLOW } from './interactions.js';
import { readCertificate } from './read-response-fields.js';
import type { V2CompleteSessionStatus, V2SessionStatusResponse } from './rp-api-v2-types.js';
import { SESSION_STATES, V2_END_RESULTS } from './session-results.js';

/**
 * Checks a v2 session status response (spec §8.1): when `OK`, `documentNumber` and `cert` are required;
 * `signature` is `{value, algorithm}` (absent for certificate choice). Throws `INVALID_RESPONSE`.
 */
export function validateV2SessionStatusResponse(body: unknown): V2SessionStatusResponse {
  const c = new FieldChecker('INVALID_RESPONSE', 'response body');
  const o = c.root(body);
  const state = c.oneOf(o, '', 'state', SESSION_STATES, true);
  if (state !== 'COMPLETE') return c.done({ state: state! });
  const r = c.object(o, '', 'result', true);
  const endResult = r && c.oneOf(r, '/result', 'endResult', V2_END_RESULTS, true);
  const ok = endResult === 'OK';
  const documentNumber = r && c.string(r, '/result', 'documentNumber', { required: ok, minLength: 1 });
  const s = c.object(o, '', 'signature');
  const signature =
    s === undefined
      ? undefined
      : {
          value: c.base64(s, '/signature', 'value', { required: true, minBytes: 1 })!,
          algorithm: c.oneOf(s, '/signature', 'algorithm', SIGNATURE_ALGORITHM_NAMES, true)!,
        };
  const status = compact({
    state,
    result: compact({ endResult: endResult!, documentNumber }),
    signature,
    cert: readCertificate(c, o, ok),
    ignoredProperties: c.stringArray(o, '', 'ignoredProperties'),
    interactionFlowUsed: c.oneOf(o, '', 'interactionFlowUsed', INTERACTION_TYPES_BY_FLOW.v2),
    deviceIpAddress: c.string(o, '', 'deviceIpAddress'),
  });
  return c.done(status as V2CompleteSessionStatus);
}
