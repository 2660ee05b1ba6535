import { readFile } from 'node:fs/promises';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import { UsageError } from '../report-error.js';

// jsqr is CommonJS whose module.exports is the function; its types describe it as an ES default export.
const jsQR = jsQRModule as unknown as typeof import('jsqr')['default'];

/**
 * The text of the QR code in a PNG file (a screenshot of a relying party's QR code, as the headless device's
 * camera). A missing file, a file that is not a PNG, or a PNG without a readable QR code is a UsageError
 * saying so.
 */
export async function readQrPng(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UsageError(`Cannot read ${path}.`);
  }
  let image: PNG;
  try {
    image = PNG.sync.read(bytes);
  } catch {
    throw new UsageError(`${path} is not a PNG image.`);
  }
  const code = jsQR(
    new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length),
    image.width,
    image.height,
  );
  if (code === null || code.data === '') throw new UsageError(`${path} shows no readable QR code.`);
  return code.data;
}
