import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { afterAll, describe, expect, it } from 'vitest';
import { readQrPng } from '../src/device/read-qr-png.js';

const dir = mkdtempSync(join(tmpdir(), 'tessera-qr-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readQrPng', () => {
  it('reads the device link in a QR code PNG', async () => {
    const link =
      'https://127.0.0.1:8080/device-link?deviceLinkType=QR&elapsedSeconds=1&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ&sessionType=auth&version=1.0&lang=eng&authCode=abc_-DEF';
    const path = join(dir, 'qr.png');
    await QRCode.toFile(path, link, { type: 'png', width: 300 });
    expect(await readQrPng(path)).toBe(link);
  });

  it('says what is wrong with a missing file, a non-PNG and a PNG without a code', async () => {
    await expect(readQrPng(join(dir, 'none.png'))).rejects.toThrow(/^Cannot read .*none\.png\.$/);
    const text = join(dir, 'text.png');
    writeFileSync(text, 'not an image');
    await expect(readQrPng(text)).rejects.toThrow(/is not a PNG image\.$/);
    const blank = new PNG({ width: 64, height: 64 });
    blank.data.fill(255);
    const empty = join(dir, 'blank.png');
    writeFileSync(empty, PNG.sync.write(blank));
    await expect(readQrPng(empty)).rejects.toThrow(/shows no readable QR code\.$/);
  });
});
