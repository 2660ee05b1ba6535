import { writeFileSync } from 'node:fs';
import { encodeQrCode } from '@tessera/rp-client';

const WIDTH = 640;
const HEIGHT = 480;

/**
 * Writes a QR code as a Y4M video file, the format Chromium plays as its fake camera
 * (`--use-fake-device-for-media-stream --use-file-for-fake-video-capture=<file>`): black modules on white, centred,
 * a few identical frames (Chromium loops them).
 */
export function writeQrVideo(path: string, text: string): void {
  const code = encodeQrCode(text, { errorCorrection: 'M' });
  const side = code.size + 8;
  const scale = Math.floor(Math.min(WIDTH, HEIGHT) / side);
  const left = Math.floor((WIDTH - side * scale) / 2);
  const top = Math.floor((HEIGHT - side * scale) / 2);
  const luma = Buffer.alloc(WIDTH * HEIGHT, 255);
  for (let y = 0; y < code.size; y++) {
    for (let x = 0; x < code.size; x++) {
      if (!code.modules[y]![x]) continue;
      for (let dy = 0; dy < scale; dy++) {
        const row = (top + (y + 4) * scale + dy) * WIDTH + left + (x + 4) * scale;
        luma.fill(0, row, row + scale);
      }
    }
  }
  const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, frame, frame, frame]));
}
