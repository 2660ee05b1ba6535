/**
 * The app's bundle: the phone app and the watch companion (one page, `index.html`) and the service worker
 * (`sw.js`, at the root so its scope covers `/device-link`). The service worker learns the bundle's file names
 * from the build itself, to keep the app shell for offline starts.
 */
import { readdirSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';

const PRECACHE_PLACEHOLDER = /(["'`])__TESSERA_PRECACHE__\1/;

/** Writes the list of every file of the bundle (emitted and copied from `public/`) into the service worker. */
function precacheList(): Plugin {
  return {
    name: 'tessera-precache-list',
    generateBundle(_options, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js' && !name.endsWith('.map'));
      const copied = readdirSync(`${import.meta.dirname}/public`);
      const urls = [
        '/',
        ...[...files, ...copied].filter((name) => name !== 'index.html').map((name) => `/${name}`),
      ];
      const sw = bundle['sw.js'];
      if (sw === undefined || sw.type !== 'chunk') throw new Error('The service worker chunk is missing.');
      if (!PRECACHE_PLACEHOLDER.test(sw.code)) throw new Error('The service worker has no precache list.');
      sw.code = sw.code.replace(PRECACHE_PLACEHOLDER, () => JSON.stringify(urls.sort()));
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    target: 'es2022',
    emptyOutDir: true,
    sourcemap: false,
    rollupOptions: {
      input: {
        app: `${import.meta.dirname}/index.html`,
        sw: `${import.meta.dirname}/src/service-worker/sw.ts`,
      },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  plugins: [precacheList()],
});
