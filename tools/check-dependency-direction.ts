/**
 * The dependency-direction check: every import in a workspace must point down the layers of
 * `tools/layers.json`, at a workspace package its `package.json` declares, and never into `apps/`
 * or out of its own folder by a relative path.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCOPE = '@tessera/';
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;
/** Test code: colocated `*.test.ts` files and anything under a `test/` folder. */
const TEST_FILE = /(\.test\.[cm]?[jt]sx?$)|(^|\/)test\//;
const IMPORT =
  /(?:^|[\s;}])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

/** One broken rule, as a sentence naming the file. */
export interface DependencyViolation {
  file: string;
  message: string;
}

interface Workspace {
  kind: 'packages' | 'apps';
  name: string;
  dir: string;
  declared: Set<string>;
}

function listWorkspaces(root: string): Workspace[] {
  const out: Workspace[] = [];
  for (const kind of ['packages', 'apps'] as const) {
    let names: string[] = [];
    try {
      names = readdirSync(join(root, kind));
    } catch {
      continue;
    }
    for (const name of names) {
      const dir = join(root, kind, name);
      let manifest: { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      const declared = new Set([
        ...Object.keys(manifest.dependencies ?? {}),
        ...Object.keys(manifest.devDependencies ?? {}),
      ]);
      out.push({ kind, name, dir, declared });
    }
  }
  return out;
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...listSources(path));
    else if (SOURCE.test(entry)) out.push(path);
  }
  return out;
}

/** Every import specifier in a source text. */
export function importSpecifiers(source: string): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(IMPORT)) out.push((m[1] ?? m[2] ?? m[3])!);
  return out;
}

/** Checks a repository (this one by default); an empty list means every rule holds. */
export function checkDependencyDirection(root = repoRoot): DependencyViolation[] {
  const rules: { packages: Record<string, string[]>; apps: Record<string, string[]>; testOnly: string[] } =
    JSON.parse(readFileSync(join(root, 'tools', 'layers.json'), 'utf8'));
  const layers = rules.packages;
  const workspaces = listWorkspaces(root);
  const packageNames = new Set(workspaces.filter((w) => w.kind === 'packages').map((w) => w.name));
  const appNames = new Set(workspaces.filter((w) => w.kind === 'apps').map((w) => w.name));
  const violations: DependencyViolation[] = [];

  for (const ws of workspaces) {
    if (ws.kind === 'packages' && !(ws.name in layers)) {
      violations.push({
        file: relative(root, ws.dir),
        message: `packages/${ws.name} has no layer in tools/layers.json`,
      });
    }
    for (const file of listSources(ws.dir)) {
      const rel = relative(root, file);
      for (const spec of importSpecifiers(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) {
          const target = resolve(dirname(file), spec);
          if (!(target + sep).startsWith(ws.dir + sep)) {
            violations.push({ file: rel, message: `imports ${spec}, outside ${ws.kind}/${ws.name}` });
          }
          continue;
        }
        if (!spec.startsWith(SCOPE)) continue;
        const target = spec.slice(SCOPE.length).split('/')[0]!;
        if (target === ws.name) continue;
        if (rules.testOnly.includes(target)) {
          if (!TEST_FILE.test(rel))
            violations.push({ file: rel, message: `imports ${spec}, which only tests may use` });
          else if (!ws.declared.has(`${SCOPE}${target}`)) {
            violations.push({
              file: rel,
              message: `imports ${spec}, which ${ws.kind}/${ws.name}/package.json does not declare`,
            });
          }
          continue;
        }
        if (appNames.has(target) && !packageNames.has(target)) {
          if (ws.kind === 'packages') violations.push({ file: rel, message: `imports the app ${spec}` });
          else if (!(rules.apps[ws.name] ?? []).includes(target)) {
            violations.push({ file: rel, message: `imports another app (${spec}); apps talk over HTTP` });
          }
          if (ws.kind === 'packages' || !(rules.apps[ws.name] ?? []).includes(target)) continue;
        }
        if (!ws.declared.has(`${SCOPE}${target}`)) {
          violations.push({
            file: rel,
            message: `imports ${spec}, which ${ws.kind}/${ws.name}/package.json does not declare`,
          });
        }
        if (ws.kind === 'packages' && !(layers[ws.name] ?? []).includes(target)) {
          violations.push({
            file: rel,
            message: `imports ${spec}, a layer packages/${ws.name} may not depend on`,
          });
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const violations = checkDependencyDirection();
  for (const v of violations) console.error(`${v.file}: ${v.message}`);
  console.log(
    violations.length === 0
      ? 'dependency direction: ok'
      : `dependency direction: ${violations.length} violation(s)`,
  );
  process.exit(violations.length === 0 ? 0 : 1);
}
