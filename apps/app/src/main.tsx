import { fetchServerInfo } from '@tessera/device';
import { render } from 'preact';
import { PhoneApp } from './phone/phone-app.js';
import { createDeviceContext } from './platform/create-device-context.js';
import './styles.css';
import { PhoneOnly, WatchApp } from './watch/watch-app.js';
import { readWatchState } from './watch/watch-state-store.js';

/**
 * The app's entry: registers the service worker (offline shell, push), asks the server whether it is a sandbox,
 * and shows the phone app (or, at `/device-link`, the phone app opening that link); at `/watch`, the watch.
 */
async function main() {
  const root = document.getElementById('app')!;
  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' }).catch(() => {
      // Without a service worker the app still works online; it only loses the offline shell and push.
    });
  }
  if (location.pathname === '/watch') return render(<WatchApp />, root);
  // A browser paired as a watch has no phone pages: accounts and settings live on the phone.
  if ((await readWatchState()) !== null) return render(<PhoneOnly />, root);
  const context = createDeviceContext();
  // Offline, the app starts from its shell without the server's facts: no sandbox banner, push set up later.
  const info = await fetchServerInfo(context).catch(() => null);
  const link = location.pathname === '/device-link' ? location.href : null;
  render(
    <PhoneApp
      context={context}
      sandbox={info?.sandbox ?? false}
      webPushPublicKey={info?.webPushPublicKey}
      initialLink={link}
    />,
    root,
  );
}

void main();
