import { type DeviceContext, registerPushSubscription, unregisterPushSubscription } from '@tessera/device';
import { useEffect, useState } from 'preact/hooks';
import { strings } from '../strings.js';
import { describeError } from './describe-error.js';

const t = strings.notifications;

type State =
  | { name: 'checking' }
  | { name: 'unavailable' }
  | { name: 'off' }
  | { name: 'denied' }
  | { name: 'on' }
  | { name: 'failed'; message: string };

function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

/** The browser's push subscription as the app API takes it. */
function toRegistration(subscription: PushSubscription) {
  const json = subscription.toJSON();
  return { endpoint: subscription.endpoint, keys: { p256dh: json.keys!.p256dh!, auth: json.keys!.auth! } };
}

async function pushManager(): Promise<PushManager | null> {
  if (!('serviceWorker' in navigator) || !('PushManager' in globalThis) || !('Notification' in globalThis))
    return null;
  return (await navigator.serviceWorker.ready).pushManager;
}

/**
 * Web Push for this app: turned on by the person (the browser asks for permission), registered with the server
 * under the device's key, and registered again at every start so the server always has the current one. Without
 * push (no key from the server, a browser without it, permission refused) the manual refresh remains.
 */
export function NotificationsSetting({
  context,
  webPushPublicKey,
}: {
  context: DeviceContext;
  webPushPublicKey: string | undefined;
}) {
  const [state, setState] = useState<State>({ name: 'checking' });

  useEffect(() => {
    void (async () => {
      const manager = webPushPublicKey === undefined ? null : await pushManager();
      if (manager === null) return setState({ name: 'unavailable' });
      if (Notification.permission === 'denied') return setState({ name: 'denied' });
      const subscription = await manager.getSubscription();
      if (subscription === null) return setState({ name: 'off' });
      try {
        await registerPushSubscription(context, toRegistration(subscription));
        setState({ name: 'on' });
      } catch (error) {
        setState({ name: 'failed', message: describeError(error) });
      }
    })();
  }, [context, webPushPublicKey]);

  async function turnOn() {
    try {
      const manager = await pushManager();
      if (manager === null || webPushPublicKey === undefined) return setState({ name: 'unavailable' });
      if ((await Notification.requestPermission()) !== 'granted') return setState({ name: 'denied' });
      const subscription = await manager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: decodeBase64Url(webPushPublicKey),
      });
      await registerPushSubscription(context, toRegistration(subscription));
      setState({ name: 'on' });
    } catch (error) {
      setState({ name: 'failed', message: describeError(error) });
    }
  }

  async function turnOff() {
    try {
      await unregisterPushSubscription(context);
      await (await (await pushManager())?.getSubscription())?.unsubscribe();
      setState({ name: 'off' });
    } catch (error) {
      setState({ name: 'failed', message: describeError(error) });
    }
  }

  switch (state.name) {
    case 'checking':
      return null;
    case 'unavailable':
      return <p class="note">{t.unavailable}</p>;
    case 'denied':
      return <p class="note">{t.denied}</p>;
    case 'on':
      return (
        <p class="setting" data-testid="notifications">
          <span>{t.on}</span>
          <button type="button" class="link" onClick={() => void turnOff()}>
            {t.turnOff}
          </button>
        </p>
      );
    case 'off':
    case 'failed':
      return (
        <div class="setting" data-testid="notifications">
          {state.name === 'failed' && <p role="alert">{state.message}</p>}
          <button type="button" class="secondary" onClick={() => void turnOn()}>
            {t.turnOn}
          </button>
        </div>
      );
  }
}
