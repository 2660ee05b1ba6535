import { createPublicKey, verify } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  bigintToBytes,
  bytesToBigint,
  completeSignature,
  createOpensslModExp,
  decodeBase64url,
  encodeBase64url,
  encodeLengthPrefixed,
  exportEnvelopePublicKey,
  generateEnvelopeKeyPair,
  hashMessage,
  openEnvelope,
} from '@tessera/crypto/node';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './support/launch-chromium.js';
import { serveStatic } from './support/serve-static.js';

const entry = fileURLToPath(new URL('../packages/crypto/src/index.ts', import.meta.url));
const message = 'Log in to Example Bank';

let browser: Browser;
let site: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
  });
  site = await serveStatic({
    '/': [
      'text/html',
      '<!doctype html><title>crypto</title><script type="module">import * as c from "/crypto.js"; window.tesseraCrypto = c;</script>',
    ],
    '/crypto.js': ['text/javascript', bundle.outputFiles[0]!.text],
  });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('@tessera/crypto in Chromium', () => {
  it('enrols and signs as the device in the browser, and the Node server completes a signature node:crypto accepts', async () => {
    const server = await generateEnvelopeKeyPair();
    const serverPublicKey = encodeBase64url(await exportEnvelopePublicKey(server.publicKey, 'raw'));
    const digest = encodeBase64url(hashMessage('SHA-256', new TextEncoder().encode(message)));
    const page = await browser.newPage();
    await page.goto(site.url);
    await page.waitForFunction(() => 'tesseraCrypto' in window);

    // Everything in this function runs in the page, with only the bundled browser entry.
    const device = await page.evaluate(
      async ({ serverPublicKey, digest }) => {
        // biome-ignore lint/suspicious/noExplicitAny: the bundle's exports, as the page sees them.
        const c = (window as any).tesseraCrypto;
        const recipientPublicKey = await c.importEnvelopePublicKey(c.decodeBase64url(serverPublicKey));
        const key = await c.generateSplitKey({ profile: 'test-2048', random: c.systemRandom });
        const maskedShare = c.maskDeviceShare({
          deviceShare: key.deviceShare,
          bits: key.deviceShareBits,
          pin: '4719',
          keyId: 'browser-key',
          random: c.systemRandom,
        });
        const seal = async (plaintext: Uint8Array, purpose: string) =>
          c.encodeBase64url(
            await c.sealEnvelope({
              recipientPublicKey,
              plaintext,
              associatedData: c.encodeLengthPrefixed([purpose, 'browser-key']),
              random: c.systemRandom,
            }),
          );
        const k = Math.ceil(c.bitLength(key.publicKey.modulus) / 8);
        const expected = { encoding: 'pkcs1-v1_5', algorithm: 'SHA-256', digest: c.decodeBase64url(digest) };
        const encodedMessage = c.encodeMessage({
          ...expected,
          modulusBits: c.bitLength(key.publicKey.modulus),
        });
        const partial = c.signPartiallyWithPin({
          modulus: key.publicKey.modulus,
          maskedShare,
          pin: '4719',
          encodedMessage,
          expected,
          modExp: c.bigintModExp,
        });
        return {
          modulus: c.encodeBase64url(c.bigintToBytes(key.publicKey.modulus, k)),
          sealedServerShare: await seal(c.bigintToBytes(key.serverShare, k), 'enrolment'),
          sealedPartial: await seal(partial, 'partial-signature'),
          encodedMessage: c.encodeBase64url(encodedMessage),
          usesNodeBuiltins: typeof (globalThis as { process?: unknown }).process !== 'undefined',
        };
      },
      { serverPublicKey, digest },
    );
    await page.close();

    expect(device.usesNodeBuiltins).toBe(false);
    const open = (envelope: string, purpose: string) =>
      openEnvelope({
        recipient: server,
        envelope,
        associatedData: encodeLengthPrefixed([purpose, 'browser-key']),
      });
    const modulus = bytesToBigint(decodeBase64url(device.modulus));
    const result = completeSignature({
      modulus,
      publicExponent: 65537n,
      serverShare: bytesToBigint(await open(device.sealedServerShare, 'enrolment')),
      encodedMessage: decodeBase64url(device.encodedMessage),
      partialSignature: await open(device.sealedPartial, 'partial-signature'),
      modExp: createOpensslModExp(),
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const publicKey = createPublicKey({
      key: { kty: 'RSA', n: device.modulus, e: encodeBase64url(bigintToBytes(65537n, 3)) },
      format: 'jwk',
    });
    expect(verify('sha256', new TextEncoder().encode(message), publicKey, result.signature)).toBe(true);
  });
});
