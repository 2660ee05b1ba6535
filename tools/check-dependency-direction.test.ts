import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencyDirection, importSpecifiers } from './check-dependency-direction.js';

describe('dependency direction', () => {
  it('holds across the whole repository', () => {
    expect(checkDependencyDirection()).toEqual([]);
  });

  it('reports upward, undeclared, cross-app and escaping imports', () => {
    const root = mkdtempSync(join(tmpdir(), 'tessera-deps-'));
    mkdirSync(join(root, 'tools'));
    cpSync(new URL('./layers.json', import.meta.url), join(root, 'tools', 'layers.json'));
    const workspace = (path: string, deps: string[], source: string) => {
      mkdirSync(join(root, path, 'src'), { recursive: true });
      const dependencies = Object.fromEntries(deps.map((d) => [d, '0.1.0']));
      writeFileSync(join(root, path, 'package.json'), JSON.stringify({ dependencies }));
      writeFileSync(join(root, path, 'src', 'index.ts'), source);
    };
    workspace('packages/crypto', ['@tessera/protocol'], "import { x } from '@tessera/protocol';\n");
    workspace(
      'packages/protocol',
      [],
      "import { y } from '@tessera/crypto';\nimport '../../pki/src/index.js';\n",
    );
    workspace('packages/pki', [], "import { z } from '@tessera/server';\n");
    workspace('apps/server', ['@tessera/cli'], "import { w } from '@tessera/cli';\n");
    workspace('apps/cli', ['@tessera/server'], "import { v } from '@tessera/server';\n");
    workspace('packages/test-support', [], '');
    workspace('packages/device', [], "import { u } from '@tessera/test-support';\n");
    const messages = checkDependencyDirection(root).map((v) => `${v.file}: ${v.message}`);
    expect(messages).toEqual([
      'packages/crypto/src/index.ts: imports @tessera/protocol, a layer packages/crypto may not depend on',
      'packages/device/src/index.ts: imports @tessera/test-support, which only tests may use',
      'packages/pki/src/index.ts: imports the app @tessera/server',
      'packages/protocol/src/index.ts: imports @tessera/crypto, which packages/protocol/package.json does not declare',
      'packages/protocol/src/index.ts: imports ../../pki/src/index.js, outside packages/protocol',
      'apps/server/src/index.ts: imports another app (@tessera/cli); apps talk over HTTP',
    ]);
  });

  it('finds static, re-exported, side-effect and dynamic imports', () => {
    const source = [
      "import { a } from '@tessera/core';",
      "import type { B } from '../x.js';",
      "export { c } from '@tessera/store';",
      "import '@tessera/pki';",
      "const d = await import('@tessera/device');",
    ].join('\n');
    expect(importSpecifiers(source)).toEqual([
      '@tessera/core',
      '../x.js',
      '@tessera/store',
      '@tessera/pki',
      '@tessera/device',
    ]);
  });
});
