import { rename, writeFile } from 'node:fs/promises';
import QRCode from 'qrcode';

/**
 * The QR code of `text` for a terminal: half blocks in explicit black on white (ANSI colours), so it scans on
 * dark and light terminal themes alike.
 */
export function renderQrForTerminal(text: string): Promise<string> {
  return QRCode.toString(text, { type: 'terminal', small: true, errorCorrectionLevel: 'L' });
}

/** Writes the QR code of `text` as a PNG, atomically (a reader never sees half a file). */
export async function writeQrPng(text: string, path: string): Promise<void> {
  const png = await QRCode.toBuffer(text, { type: 'png', width: 480, errorCorrectionLevel: 'L' });
  await writeFile(`${path}.tmp`, png);
  await rename(`${path}.tmp`, path);
}
