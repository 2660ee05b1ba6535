/**
 * Builds the app's bundle with Vite when its sources changed since the last build, and says where it is. The
 * sources are the app's own files and the workspace packages it bundles; their digest is kept next to the bundle,
 * so an unchanged tree is not built again. Builds go to a fresh directory that replaces the old one at the end,
 * so a server never serves half a bundle and two processes building at once do not clash.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));
const REPOSITORY = join(APP_DIR, '../..');
const DIGEST_FILE = '.source-digest';
/** Everything the bundle is made of. */
const SOURCES = [
  'apps/app/index.html',
  'apps/app/vite.config.ts',
  'apps/app/public',
  'apps/app/src',
  'packages/crypto/src',
  'packages/protocol/src',
  'packages/device/src',
  'package-lock.json',
];

/** The default place of the bundle: `apps/app/dist` (not committed). */
export const DEFAULT_APP_BUNDLE_DIR = join(APP_DIR, 'dist');

function filesUnder(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .flatMap((name) => filesUnder(join(path, name)))
    .filter((file) => !file.endsWith('.test.ts'));
}

/** The digest of the bundle's sources: every file's path and bytes. */
export function digestAppSources(): string {
  const hash = createHash('sha256');
  for (const source of SOURCES) {
    for (const file of filesUnder(join(REPOSITORY, source))) {
      hash.update(`${relative(REPOSITORY, file)}\0`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex');
}

/**
 * The directory of an up-to-date bundle: `outDir` as it is when its digest matches the sources, else built
 * anew (a few seconds). Throws with Vite's own message when the build fails.
 */
export async function ensureAppBundle(outDir: string = DEFAULT_APP_BUNDLE_DIR): Promise<string> {
  const digest = digestAppSources();
  const current = join(outDir, DIGEST_FILE);
  if (existsSync(current) && readFileSync(current, 'utf8') === digest) return outDir;
  const building = `${outDir}.building-${process.pid}-${Date.now()}`;
  const { build } = await import('vite');
  try {
    await build({
      configFile: join(APP_DIR, 'vite.config.ts'),
      build: { outDir: building },
      logLevel: 'error',
    });
    writeFileSync(join(building, DIGEST_FILE), digest);
    for (let attempt = 0; ; attempt++) {
      if (existsSync(current) && readFileSync(current, 'utf8') === digest) break;
      rmSync(outDir, { recursive: true, force: true });
      try {
        renameSync(building, outDir);
        break;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
  return outDir;
}
