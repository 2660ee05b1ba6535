/** The sandbox's demo relying party. */
const DEMO_RP = { relyingPartyUUID: '00000000-0000-4000-8000-000000000000', relyingPartyName: 'DEMO' };

/** `[{"type":"displayTextAndPIN","displayText60":"Log in?"}]`, as the RP API v3 carries interactions (base64). */
export const LOG_IN_INTERACTIONS = Buffer.from(
  JSON.stringify([{ type: 'displayTextAndPIN', displayText60: 'Log in?' }]),
).toString('base64');

/** What the device signs with: RSASSA-PSS over SHA3-512 unless a test names another algorithm. */
const PSS_SHA3_512 = {
  signatureAlgorithm: 'rsassa-pss',
  signatureAlgorithmParameters: { hashAlgorithm: 'SHA3-512' },
};

/**
 * Starts an anonymous device-link (QR) login at `serverUrl` as the sandbox's demo RP, with ACSP_V2 over
 * `rpChallenge` (base64), and returns the server's answer as it came.
 */
export function startAnonymousLogin(
  serverUrl: string,
  rpChallenge: string,
  options: { signatureAlgorithm?: Record<string, unknown>; interactions?: string } = {},
): Promise<Response> {
  return fetch(`${serverUrl}/v3/authentication/device-link/anonymous`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      ...DEMO_RP,
      signatureProtocol: 'ACSP_V2',
      signatureProtocolParameters: { rpChallenge, ...(options.signatureAlgorithm ?? PSS_SHA3_512) },
      interactions: options.interactions ?? LOG_IN_INTERACTIONS,
    }),
  });
}
