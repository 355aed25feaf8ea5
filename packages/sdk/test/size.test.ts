import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';

/** The snippet is on every page of a customer's site: its weight is a feature. */
const budgetBytes = 5 * 1024;

const sdkDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-sdk-size-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('tandem.js', () => {
  it(`stays within ${budgetBytes} bytes gzipped`, () => {
    // Built from the current sources into a scratch directory, so dist/ is never half-written under a reader.
    const outfile = path.join(outDir, 'tandem.js');
    execFileSync(process.execPath, [path.join(sdkDir, 'build.mjs'), outfile], { cwd: sdkDir, stdio: 'pipe' });
    const code = readFileSync(outfile);
    const gzipped = gzipSync(code, { level: 9 }).length;
    expect(code.length).toBeGreaterThan(1_000);
    expect(gzipped).toBeLessThanOrEqual(budgetBytes);
    // Starting node and esbuild can be slow on a busy machine.
  }, 30_000);
});
