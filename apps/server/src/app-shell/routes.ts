/**
 * The app's pages and files from its built bundle (`@tessera/app`, built by Vite): the one page at `/`,
 * `/device-link` (Web2App/App2App links and QR codes open here) and `/watch` (the watch companion), the
 * service worker at the root (its scope covers those paths), the manifest, the icons and the hashed assets.
 * The files are read once at start; nothing is looked up on disk per request.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { HttpError } from '../http-error.js';

/** Options of the app shell plugin. */
export interface AppShellRoutesOptions {
  /** The built bundle's directory (`index.html`, `sw.js`, `assets/`). */
  readonly bundleDir: string;
}

const MEDIA_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/** The pages that are the app itself. */
const PAGES = ['/', '/device-link', '/watch'];

/**
 * What the page may do: its own scripts and styles only, the camera picture (QR scanning), requests to this
 * origin. A device link carries the session's authCode in its query: no referrer leaves the page.
 */
const PAGE_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob: mediastream:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-cache',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Serves the app bundle. Throws at registration when the bundle has no `index.html` or `sw.js`. */
export const appShellRoutes: FastifyPluginAsync<AppShellRoutesOptions> = async (app, { bundleDir }) => {
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const path of filesUnder(bundleDir)) {
    const type = MEDIA_TYPES[extname(path)];
    if (type === undefined) continue;
    files.set(`/${relative(bundleDir, path).split(sep).join('/')}`, { body: readFileSync(path), type });
  }
  const page = files.get('/index.html');
  if (page === undefined || !files.has('/sw.js')) {
    throw new Error(`The app bundle in ${bundleDir} lacks index.html or sw.js: build it again.`);
  }
  const send = (reply: FastifyReply, file: { body: Buffer; type: string }, cache: string) =>
    reply.header('content-type', file.type).header('cache-control', cache).send(file.body);

  for (const path of PAGES) {
    app.get(
      path,
      { schema: { tags: ['app'], summary: 'The app (phone, device links, watch): its one HTML page.' } },
      async (_request, reply) =>
        reply.headers(PAGE_HEADERS).header('content-type', page.type).send(page.body),
    );
  }
  const serveFile = async (path: string, reply: FastifyReply) => {
    const file = files.get(path);
    if (file === undefined || path === '/index.html') {
      throw new HttpError(404, 'NOT_FOUND', `No route for GET ${path}.`);
    }
    if (path === '/sw.js') reply.header('service-worker-allowed', '/');
    return send(
      reply,
      file,
      path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
  };
  app.get<{ Params: { name: string } }>(
    '/assets/:name',
    {
      schema: {
        tags: ['app'],
        summary: "A script or style sheet of the app's bundle (content-hashed, immutable).",
      },
    },
    async (request, reply) => serveFile(`/assets/${request.params.name}`, reply),
  );
  app.get<{ Params: { name: string } }>(
    '/:name',
    { schema: { tags: ['app'], summary: "The app's service worker, manifest or icons." } },
    async (request, reply) => serveFile(`/${request.params.name}`, reply),
  );
};
