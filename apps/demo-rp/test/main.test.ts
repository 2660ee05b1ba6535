/**
 * The demo relying party's command line against a stand-in server on loopback: a bad option, an unreadable trust
 * file, an unreachable or malformed server each give one sentence and exit 2; nobody answering in time gives
 * "no answer in time" and exit 1, with the long poll cut at --timeout-s.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemoRp } from '../src/main.js';

/** A self-signed P-256 certificate (openssl req -x509): a trust anchor that nothing here chains to. */
const ANCHOR_PEM = `-----BEGIN CERTIFICATE-----
MIIBpzCCAU2gAwIBAgIUXnS8+2pIzjoz3ipJfy+lC/gVNO8wCgYIKoZIzj0EAwIw
KDEmMCQGA1UEAwwdVGVzc2VyYSBSUCBjbGllbnQgdGVzdCBhbmNob3IwIBcNMjYx
MTIyMTg0MjMwWhgPMjEyNjEwMjkxODQyMzBaMCgxJjAkBgNVBAMMHVRlc3NlcmEg
UlAgY2xpZW50IHRlc3QgYW5jaG9yMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE
uYoJrEWDcxheprcTod8St8v++8O9MD1KknU6bixAfnLhhSfglpf62vjfkm0qhgPs
7CKZas4ZBsnJ4V27mPRgmqNTMFEwHQYDVR0OBBYEFDnPrX8S7A4+uPbsgS7dRMsh
DejWMB8GA1UdIwQYMBaAFDnPrX8S7A4+uPbsgS7dRMshDejWMA8GA1UdEwEB/wQF
MAMBAf8wCgYIKoZIzj0EAwIDSAAwRQIgcwZXHAJsNSgLcdhTOjDVrdMeoWylpMg5
TMXDADwajOACIQC5eYMmdvyHa0CDH4Lk6x9eBZVHe4cGF5f79M4V8TVJLg==
-----END CERTIFICATE-----
`;
let TRUST_FILE: string;
let server: Server;
let url: string;
let statusPolls = 0;

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'demo-rp-'));
  TRUST_FILE = join(dir, 'ca.pem');
  await writeFile(TRUST_FILE, ANCHOR_PEM);
  server = createServer((request, response) => {
    const send = (body: unknown) =>
      response.setHeader('content-type', 'application/json').end(JSON.stringify(body));
    if (request.url === '/pki/ca-chain.pem') return response.end(ANCHOR_PEM);
    if (request.url?.startsWith('/v3/session/')) {
      statusPolls++;
      return setTimeout(() => send({ state: 'RUNNING' }), 300);
    }
    if (request.url === '/v3/authentication/notification/etsi/PNOEE-40504040001')
      return send({ nothing: 'useful' });
    return send({ sessionID: 'de305d54-75b4-431b-adb2-eb6b9e546014' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await rm(join(TRUST_FILE, '..'), { recursive: true, force: true });
});

async function demo(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDemoRp(argv, {
    write: (t) => out.push(t),
    writeError: (t) => err.push(t),
    isTerminal: false,
  });
  return { code, out: out.join(''), err: err.join('') };
}

describe('demo-rp', () => {
  it('refuses an unreadable --trust file with a sentence', async () => {
    const result = await demo(
      'login',
      'notification',
      '--server',
      url,
      '--etsi',
      'PNOEE-30303039914',
      '--trust',
      '/nonexistent/ca.pem',
    );
    expect(result).toMatchObject({ code: 2, err: 'demo-rp: --trust: cannot read /nonexistent/ca.pem.\n' });
  });

  it('says so when the server cannot be reached', async () => {
    const result = await demo('login', 'qr', '--server', 'http://127.0.0.1:1', '--trust', TRUST_FILE);
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^demo-rp: The server at http:\/\/127\.0\.0\.1:1 cannot be reached\.\n$/);
  });

  it('says so when the server answers something malformed', async () => {
    const result = await demo(
      'login',
      'notification',
      '--server',
      url,
      '--etsi',
      'PNOEE-40504040001',
      '--trust',
      TRUST_FILE,
    );
    expect(result.code).toBe(2);
    expect(result.err).toMatch(/^demo-rp: The server's answer to .* is malformed/);
  });

  it('gives up at --timeout-s when nobody answers', async () => {
    statusPolls = 0;
    const started = Date.now();
    const result = await demo(
      'login',
      'notification',
      '--server',
      url,
      '--etsi',
      'PNOEE-30303039914',
      '--trust',
      TRUST_FILE,
      '--timeout-s',
      '1',
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/verification code: \d{4}\nlogin failed: no answer in time\n$/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(statusPolls).toBeGreaterThan(0);
  });
});
