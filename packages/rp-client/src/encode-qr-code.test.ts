import jsQRModule from 'jsqr';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { encodeQrCode, type QrCode, renderQrCodeSvg, renderQrCodeText } from './encode-qr-code.js';

// jsqr is CommonJS whose module.exports is the function; its types describe it as an ES default export.
const jsQR = jsQRModule as unknown as typeof import('jsqr')['default'];

/** What a camera reads: the modules drawn 4 px each inside a 4-module quiet zone, decoded by jsqr. */
function scan(code: QrCode): string | undefined {
  const scale = 4;
  const side = (code.size + 8) * scale;
  const pixels = new Uint8ClampedArray(side * side * 4).fill(255);
  code.modules.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (!dark) return;
      for (let dy = 0; dy < scale; dy++) {
        for (let dx = 0; dx < scale; dx++) {
          const at = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
          pixels.fill(0, at, at + 3);
        }
      }
    });
  });
  return jsQR(pixels, side, side)?.data;
}

const DEVICE_LINK =
  'https://127.0.0.1:8080/device-link?deviceLinkType=QR&elapsedSeconds=7&sessionToken=wGIrqveE6AuGDATZKmR1mtAZ' +
  '&sessionType=auth&version=1.0&lang=eng&authCode=A0mHB-lPhkXuek831E3p9B0-oc7FO02_1VBztVigd70';

describe('encodeQrCode', () => {
  it('encodes a device link that a QR reader reads back', () => {
    const code = encodeQrCode(DEVICE_LINK);
    expect(code.size).toBe(17 + 4 * code.version);
    expect(scan(code)).toBe(DEVICE_LINK);
  });

  it.each(['L', 'M', 'Q', 'H'] as const)(
    'at level %s, picks the smallest version as the reference encoder does, from version 1 to 40, and reads back',
    (errorCorrection) => {
      for (const length of [1, 17, 40, 100, 150, 230, 300, 400, 700, 1200, 2000, 2900]) {
        const text = 'https://x.example/'.padEnd(length, 'ab0-_Z').slice(0, length);
        let code: QrCode;
        try {
          code = encodeQrCode(text, { errorCorrection });
        } catch (error) {
          expect(error).toBeInstanceOf(RangeError);
          expect(() => QRCode.create(text, { errorCorrectionLevel: errorCorrection })).toThrow();
          continue;
        }
        expect(code.version, `${length} bytes`).toBe(
          QRCode.create(text, { errorCorrectionLevel: errorCorrection }).version,
        );
        expect(scan(code), `${length} bytes, version ${code.version}`).toBe(text);
      }
    },
  );

  it('encodes UTF-8 text', () => {
    expect(scan(encodeQrCode('Žõõ ütleb: allkirjasta €10?'))).toBe('Žõõ ütleb: allkirjasta €10?');
  });

  it('refuses text too long for version 40', () => {
    expect(() => encodeQrCode('x'.repeat(3000))).toThrow(RangeError);
  });
});

describe('rendering', () => {
  it('draws an SVG with a quiet zone and one path', () => {
    const svg = renderQrCodeSvg(encodeQrCode('hello'), { moduleSize: 2 });
    expect(svg).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 29 29" width="58" height="58"/,
    );
    expect(svg.match(/<path /g)).toHaveLength(1);
  });

  it('draws text two module rows per line', () => {
    const text = renderQrCodeText(encodeQrCode('hello'));
    expect(text.trimEnd().split('\n')).toHaveLength(Math.ceil((21 + 4) / 2));
  });
});
