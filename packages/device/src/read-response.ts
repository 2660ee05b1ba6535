import { DeviceError } from './device-error.js';

/**
 * The parsed JSON of an app API answer (null for 204). An HTTP error becomes `SERVER_ERROR` carrying the
 * status and the problem's `detail` and first `errors[].code` (RFC 9457) when the server sent them, so the app can say what
 * went wrong in a sentence; a 2xx that is not JSON is `INVALID_RESPONSE`.
 */
export async function readResponse(response: Response): Promise<unknown> {
  if (!response.ok) {
    let problem: { detail?: unknown; title?: unknown; errors?: { code?: unknown }[] } = {};
    try {
      problem = (await response.json()) ?? {};
    } catch {
      // Not a problem document: the status says enough.
    }
    const said =
      typeof problem.detail === 'string'
        ? problem.detail
        : typeof problem.title === 'string'
          ? problem.title
          : `HTTP ${response.status}`;
    const code = Array.isArray(problem.errors) ? problem.errors[0]?.code : undefined;
    throw new DeviceError('SERVER_ERROR', `The server refused: ${said}`, {
      status: response.status,
      ...(typeof code === 'string' ? { problemCode: code } : {}),
    });
  }
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch (cause) {
    throw new DeviceError('INVALID_RESPONSE', 'The server answer is not JSON.', { cause });
  }
}
