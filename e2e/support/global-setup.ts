import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { seedDemo } from '../../packages/server/src/app/seed-demo.js';
import { openDb } from '../../packages/server/src/store/db.js';
import { migrateToLatest } from '../../packages/server/src/store/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data directory with the migrated demo workspace, copied by every browser test file. */
    e2eDemoTemplate: string;
  }
}

/**
 * Opens, migrates and seeds the embedded database once per run (about 13 s); each browser test
 * file then starts its server on a copy of it (about half a second) instead of doing it again.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-template-'));
  const dataDir = path.join(root, 'data');
  const handle = await openDb({ dataDir });
  try {
    await migrateToLatest(handle.db);
    await seedDemo(handle.db, { now: new Date(), dataDir });
  } finally {
    await handle.close();
  }
  project.provide('e2eDemoTemplate', dataDir);
  return async () => rmSync(root, { recursive: true, force: true });
}
