import { rename, writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/** The QR code of `text` drawn with Unicode half blocks, for a terminal. */
export function renderQrForTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'utf8', errorCorrectionLevel: 'L', margin: 2 });
}

/** Writes the QR code of `text` as a PNG, atomically (a reader never sees half a file). */
export async function writeQrPng(text: string, path: string): Promise<void> {
  const png = await QRCode.toBuffer(text, { type: 'png', width: 480, errorCorrectionLevel: 'L' });
  await writeFile(`${path}.tmp`, png);
  await rename(`${path}.tmp`, path);
}
