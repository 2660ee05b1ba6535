/**
 * Closing the server answers the long polls parked on it at once (as at their deadline) instead of waiting out
 * their timeouts, so a deploy or a test teardown is never held for minutes by a relying party's poll.
 */
import { describe, expect, it } from 'vitest';
import { startTestIdentityServer } from '../support/identity-server.js';
import { startDeviceLinkAuthentication } from '../support/relying-party.js';

describe('closing the server', () => {
  it('answers a parked session-status long poll with the running state instead of holding the close', async () => {
    // On PostgreSQL the aborted poll's last read takes a round trip: the close must wait for that answer, or its
    // keep-alive connection holds the close for the keep-alive timeout (72 s).
    const server = await startTestIdentityServer({}, 'postgresql');
    const session = await startDeviceLinkAuthentication(server.url);
    // The longest poll a relying party may ask for; the test's own timeout (30 s) is far shorter.
    const poll = fetch(`${server.url}/v3/session/${session.sessionID}?timeoutMs=120000`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await server.close();
    const response = await poll;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ state: 'RUNNING' });
  });
});
