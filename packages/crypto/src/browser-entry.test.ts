import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const sourceDirectory = dirname(fileURLToPath(import.meta.url));
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;
const builtins = new Set(builtinModules);

/** Every (file, specifier) pair reachable from `entry` through relative imports. */
function walkImports(entry: string): { file: string; specifier: string }[] {
  const seen = new Set<string>();
  const found: { file: string; specifier: string }[] = [];
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (m[1] ?? m[2] ?? m[3])!;
      found.push({ file, specifier });
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    }
  }
  return found;
}

const isNodeOnly = (specifier: string) =>
  specifier.startsWith('node:') || builtins.has(specifier.split('/')[0]!);

describe('the browser entry point', () => {
  it('imports nothing from Node, directly or through any file it reaches', () => {
    const imports = walkImports(resolve(sourceDirectory, 'index.ts'));
    expect(imports.length).toBeGreaterThan(20);
    expect(imports.filter((i) => isNodeOnly(i.specifier))).toEqual([]);
  });

  it('is told apart from the Node entry, which does reach node:crypto', () => {
    const imports = walkImports(resolve(sourceDirectory, 'node.ts'));
    expect(imports.some((i) => i.specifier === 'node:crypto')).toBe(true);
  });
});
