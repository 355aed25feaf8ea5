// `npm test`: install if missing, build, typecheck, lint, then every test project: unit,
// integration on PGlite and on a throwaway PostgreSQL, and the browser tests in Chromium.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from './build.mjs';
import { run } from './lib.mjs';

const extra = process.argv.slice(2);
await build();
console.log('\ntandem: typecheck');
await run('npx', ['tsc', '-p', 'tsconfig.json']);
console.log('tandem: lint');
await run('npx', ['biome', 'check', '.']);
console.log('tandem: tests (unit, int:pglite, int:postgres, browser)');
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-test-report-'));
const reportFile = path.join(reportDir, 'report.json');
let failed = false;
try {
  await run('npx', [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${reportFile}`,
    ...extra,
  ]);
} catch {
  failed = true;
}
try {
  const report = JSON.parse(readFileSync(reportFile, 'utf8'));
  const skipped = report.numPendingTests + report.numTodoTests;
  console.log(
    `\nTests: ${report.numPassedTests} passed, ${report.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ''}`,
  );
  if (report.numTotalTests === 0) failed = true;
} catch {
  console.log('\nTests: 0 passed, 1 failed');
  failed = true;
}
rmSync(reportDir, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
