/**
 * The service worker: keeps the app shell for offline starts (the bundle's files, listed at build time), shows
 * a notification for each push message and tells open windows to look for requests, and opens the app when the
 * notification is tapped. It never touches the device vault or the app API.
 */
import { strings } from '../strings.js';

// The build replaces this with the bundle's file list (see vite.config.ts).
const PRECACHE = '__TESSERA_PRECACHE__' as unknown as string[];
const CACHE = `tessera-shell-${PRECACHE.join(',').length}-${PRECACHE.find((f) => f.includes('/app-')) ?? ''}`;
/** The paths of the page itself; everything else on the origin (APIs, PKI, docs) goes to the network untouched. */
const PAGES = new Set(['/', '/device-link', '/watch']);

interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface NotificationEventLike extends ExtendableEventLike {
  readonly notification: Notification;
}
interface WindowClientLike {
  readonly url: string;
  postMessage(message: unknown): void;
  focus(): Promise<unknown>;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
  addEventListener(type: 'push', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'notificationclick', listener: (event: NotificationEventLike) => void): void;
  readonly registration: ServiceWorkerRegistration;
  readonly clients: {
    matchAll(options: { type: 'window'; includeUncontrolled: boolean }): Promise<WindowClientLike[]>;
    openWindow(url: string): Promise<unknown>;
    claim(): Promise<void>;
  };
  skipWaiting(): Promise<void>;
}

const worker = globalThis as unknown as WorkerScope;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key !== CACHE).map((key) => caches.delete(key))))
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== globalThis.location.origin) return;
  if (request.mode === 'navigate' && PAGES.has(url.pathname)) {
    // The page from the network when there is one, else the shell kept at install.
    event.respondWith(
      fetch(request).catch(async () => (await caches.match('/', { ignoreSearch: true })) ?? Response.error()),
    );
  } else if (PRECACHE.includes(url.pathname)) {
    event.respondWith(caches.match(request).then((cached) => cached ?? fetch(request)));
  }
});

worker.addEventListener('push', (event) => {
  // Every push from the server means one thing: requests are waiting (the payload says so, and nothing else).
  event.waitUntil(
    Promise.all([
      worker.registration.showNotification(strings.notifications.message.title, {
        body: strings.notifications.message.body,
        tag: 'tessera-request',
        icon: '/icon.svg',
      }),
      worker.clients.matchAll({ type: 'window', includeUncontrolled: true }).then((windows) => {
        for (const w of windows) w.postMessage({ type: 'transactions-pending' });
      }),
    ]),
  );
});

worker.addEventListener('notificationclick', (event) => {
  event.notification.close();
  event.waitUntil(
    worker.clients.matchAll({ type: 'window', includeUncontrolled: true }).then(async (windows) => {
      const open = windows.find((w) => new URL(w.url).pathname === '/');
      if (open === undefined) return worker.clients.openWindow('/');
      open.postMessage({ type: 'transactions-pending' });
      return open.focus();
    }),
  );
});
