/**
 * The few RP API v3 calls the demo relying party makes, over fetch: start an authentication session and
 * long-poll its status. A refusal (RFC 9457 problem) becomes an RpApiRefusedError saying it in a sentence.
 */
import {
  type SessionStatusResponse,
  validateDeviceLinkSessionResponse,
  validateNotificationSessionResponse,
  validateSessionStatusResponse,
} from '@tessera/protocol';

/** The server refused a call; `status` is the HTTP status, the message the problem's detail. */
export class RpApiRefusedError extends Error {
  override readonly name = 'RpApiRefusedError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The relying party's identity at the server. */
export interface RelyingPartyIdentity {
  relyingPartyUUID: string;
  relyingPartyName: string;
}

async function call(url: string, init?: RequestInit): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, init);
  } catch {
    throw new RpApiRefusedError(0, `Cannot reach ${new URL(url).origin}: is the Tessera server running?`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    const detail = (body as { detail?: unknown } | null)?.detail;
    throw new RpApiRefusedError(
      res.status,
      `The server refused (HTTP ${res.status}): ${typeof detail === 'string' ? detail : res.statusText}.`,
    );
  }
  return body;
}

const postJson = (url: string, body: unknown) =>
  call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Starts a device-link authentication (endpoint 1); answers the session id, token, secret and link base. */
export async function startDeviceLinkSession(server: string, body: Record<string, unknown>) {
  return validateDeviceLinkSessionResponse(
    await postJson(`${server}/v3/authentication/device-link/anonymous`, body),
  );
}

/** Starts a notification authentication by semantics identifier or document number (endpoints 4, 5). */
export async function startNotificationSession(
  server: string,
  addressee: { etsi: string } | { document: string },
  body: Record<string, unknown>,
) {
  const path =
    'etsi' in addressee
      ? `etsi/${encodeURIComponent(addressee.etsi)}`
      : `document/${encodeURIComponent(addressee.document)}`;
  return validateNotificationSessionResponse(
    await postJson(`${server}/v3/authentication/notification/${path}`, body),
  );
}

/** One long poll of a session's status (endpoint 14). */
export async function pollSessionStatus(
  server: string,
  sessionID: string,
  timeoutMs: number,
): Promise<SessionStatusResponse> {
  return validateSessionStatusResponse(
    await call(`${server}/v3/session/${encodeURIComponent(sessionID)}?timeoutMs=${timeoutMs}`),
  );
}

/** The CA chain the server publishes (PEM), for a demo's trust anchor. */
export async function fetchCaChain(server: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`${server}/pki/ca-chain.pem`);
  } catch {
    throw new RpApiRefusedError(0, `Cannot reach ${server}: is the Tessera server running?`);
  }
  if (!res.ok) throw new RpApiRefusedError(res.status, `The server has no CA chain (HTTP ${res.status}).`);
  return res.text();
}
