import jsQRModule from 'jsqr';
import { useEffect, useRef, useState } from 'preact/hooks';
import { strings } from '../strings.js';
import { Screen } from '../ui/screen.js';

// jsqr is CommonJS whose module.exports is the function; its types describe it as an ES default export.
const jsQR = ((jsQRModule as unknown as { default?: unknown }).default ??
  jsQRModule) as unknown as typeof import('jsqr')['default'];

/** Whether scanned text is a device link (`…/device-link?deviceLinkType=QR&…`); the server checks the rest. */
function isDeviceLink(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.searchParams.has('deviceLinkType');
  } catch {
    return false;
  }
}

/**
 * Scans a QR code with the camera (jsqr over video frames: BarcodeDetector is absent in Chromium on Linux) and
 * hands over the first device link it reads. The camera stops when the screen closes.
 */
export function ScanScreen({ onLink, onCancel }: { onLink: (link: string) => void; onCancel: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    const canvas = document.createElement('canvas');
    const scan = () => {
      const v = video.current;
      if (v === null || v.readyState < 2 || v.videoWidth === 0) return;
      canvas.width = v.videoWidth;
      canvas.height = v.videoHeight;
      const context = canvas.getContext('2d', { willReadFrequently: true })!;
      context.drawImage(v, 0, 0);
      const image = context.getImageData(0, 0, canvas.width, canvas.height);
      const code = jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
      if (code === null) return;
      if (!isDeviceLink(code.data)) return setProblem(strings.scan.notTessera);
      clearInterval(timer);
      onLink(code.data);
    };
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then((s) => {
        stream = s;
        if (stopped) {
          for (const track of s.getTracks()) track.stop();
          return;
        }
        video.current!.srcObject = s;
        void video.current!.play();
        timer = setInterval(scan, 150);
      })
      .catch(() => setProblem(strings.scan.noCamera)) ?? setProblem(strings.scan.noCamera);
    return () => {
      stopped = true;
      clearInterval(timer);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, []);

  return (
    <Screen title={strings.scan.title} name="scan">
      <p>{strings.scan.hint}</p>
      <video ref={video} class="camera" muted playsInline aria-label={strings.scan.title} />
      {problem !== null && (
        <p role="alert" class="problem">
          {problem}
        </p>
      )}
      <button type="button" class="secondary" onClick={onCancel}>
        {strings.cancel}
      </button>
    </Screen>
  );
}
