// Runs every check of the test suite and prints one closing line "N passed, N failed".
// Each whole-repository check (type check, lint) counts as one test; vitest's tests count one each.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const reportPath = 'test-output/vitest.json';
mkdirSync('test-output', { recursive: true });
rmSync(reportPath, { force: true });

let passed = 0;
let failed = 0;

function check(name, command, args) {
  console.log(`\n== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status === 0) passed++;
  else {
    failed++;
    console.log(`== ${name} FAILED`);
  }
}

check('type check', 'npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
check('lint', 'npx', ['biome', 'ci', '.']);

console.log('\n== tests: vitest run');
const vitest = spawnSync(
  'npx',
  [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportPath}`,
    ...process.argv.slice(2),
  ],
  { stdio: 'inherit' },
);
try {
  const report = JSON.parse(readFileSync(reportPath, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no failed test of its own: count it.
  failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
  if (vitest.status !== 0 && report.numFailedTests === 0) failed++;
} catch {
  console.log('== vitest wrote no report');
  failed++;
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
