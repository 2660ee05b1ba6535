/**
 * A Web Push service for tests, on 127.0.0.1: it records every push it is sent and answers each path with the
 * status set for it; and the browser's side of a subscription, which can decrypt what was pushed to it
 * (aes128gcm, RFC 8188 records with the RFC 8291 key derivation).
 */
import { createDecipheriv, createECDH, type ECDH, hkdfSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake push service received. */
export interface ReceivedPush {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A running fake push service. */
export interface FakePushService {
  /** `http://127.0.0.1:<port>`: subscription endpoints are paths under it. */
  readonly origin: string;
  readonly received: ReceivedPush[];
  /** The status a path answers with (201 when not set). */
  readonly statusByPath: Map<string, number>;
  close(): Promise<void>;
}

/** Starts a fake push service on a free loopback port. */
export async function startFakePushService(): Promise<FakePushService> {
  const received: ReceivedPush[] = [];
  const statusByPath = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      const path = request.url ?? '/';
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(statusByPath.get(path) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    statusByPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A browser's side of a subscription: the P-256 key pair and auth secret the push is encrypted to. */
export interface SubscriptionKeys {
  readonly ecdh: ECDH;
  readonly auth: Buffer;
  /** As `PushSubscription.toJSON().keys` gives them: base64url. */
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

/** A fresh subscription key pair and auth secret. */
export function newSubscriptionKeys(): SubscriptionKeys {
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  const auth = randomBytes(16);
  return {
    ecdh,
    auth,
    keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
  };
}

/** Decrypts a one-record aes128gcm Web Push body sent to `subscriber`; throws when it is not one. */
export function decryptPush(body: Buffer, subscriber: SubscriptionKeys): string {
  const salt = body.subarray(0, 16);
  const recordSize = body.readUInt32BE(16);
  const idLength = body[20]!;
  const serverPublic = body.subarray(21, 21 + idLength);
  const ciphertext = body.subarray(21 + idLength);
  if (idLength !== 65) throw new Error(`The key id is ${idLength} octets, not an uncompressed P-256 key.`);
  if (ciphertext.length > recordSize) throw new Error('The body holds more than one record.');
  const ecdhSecret = subscriber.ecdh.computeSecret(serverPublic);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    subscriber.ecdh.getPublicKey(),
    serverPublic,
  ]);
  const ikm = Buffer.from(hkdfSync('sha256', ecdhSecret, subscriber.auth, keyInfo, 32));
  const cek = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: aes128gcm\0'), 16));
  const nonce = Buffer.from(hkdfSync('sha256', ikm, salt, Buffer.from('Content-Encoding: nonce\0'), 12));
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - 16));
  const padded = Buffer.concat([
    decipher.update(ciphertext.subarray(0, ciphertext.length - 16)),
    decipher.final(),
  ]);
  // The last record ends with the delimiter 0x02 followed by any number of zero octets.
  let end = padded.length - 1;
  while (end >= 0 && padded[end] === 0) end -= 1;
  if (padded[end] !== 2) throw new Error('The record lacks the last-record delimiter.');
  return padded.subarray(0, end).toString('utf8');
}
