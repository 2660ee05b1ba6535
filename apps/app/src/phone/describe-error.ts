import { DeviceError } from '@tessera/device';
import { strings } from '../strings.js';

/** One sentence for a failed device operation: the server's own sentence when it refused, else by error code. */
export function describeError(error: unknown): string {
  if (!(error instanceof DeviceError)) return strings.errors.unknown;
  if (error.code === 'SERVER_ERROR' && error.status !== undefined && error.status < 500) {
    return error.message.replace(/^The server refused: /, '');
  }
  return strings.errors[error.code];
}

/** The problem code of a server refusal, if that is what `error` is. */
export function problemCodeOf(error: unknown): string | undefined {
  return error instanceof DeviceError ? error.problemCode : undefined;
}
