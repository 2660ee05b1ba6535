import { ProtocolError } from './protocol-error.js';
import { RP_API_LIMITS } from './wire-values.js';

/**
 * The long-poll timeout of `GET /v3|v2/session/{id}?timeoutMs=N`: 1000–120000 ms, 60500 when absent (or
 * empty). Throws `INVALID_REQUEST` for anything else, including a repeated parameter.
 */
export function parseTimeoutMs(value: string | readonly string[] | undefined): number {
  const { min, max, default: fallback } = RP_API_LIMITS.timeoutMs;
  if (value === undefined || value === '') return fallback;
  const n = typeof value === 'string' && /^[0-9]{1,6}$/.test(value) ? Number(value) : Number.NaN;
  if (n >= min && n <= max) return n;
  throw new ProtocolError('INVALID_REQUEST', 'timeoutMs is invalid.', {
    issues: [
      { paramName: 'timeoutMs', reason: 'INVALID', detail: `timeoutMs must be an integer ${min}–${max}.` },
    ],
  });
}
