import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { openDb, openPGlite } from '../src/store/db.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { adminQuery, startTestCluster } from './postgres-cluster.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: 'pglite' | 'postgres';
    /** PGlite: path of a dumped, migrated data directory to clone per test file. */
    pgliteTemplate: string;
    /** PostgreSQL: connection URL without database name, e.g. postgres://tandem@127.0.0.1:5432/ */
    postgresBaseUrl: string;
    postgresVersion: string;
  }
}

/** Builds one migrated template per run; each test file clones it (see test/db.ts). */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kind = project.config.env.TANDEM_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  project.provide('testDb', kind);
  if (kind === 'pglite') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-pglite-'));
    const handle = await openPGlite({});
    await migrateToLatest(handle.db);
    const dump = await dumpPGlite(handle);
    await handle.close();
    const file = path.join(dir, 'template.tar');
    writeFileSync(file, dump);
    project.provide('pgliteTemplate', file);
    project.provide('postgresBaseUrl', '');
    project.provide('postgresVersion', '');
    return async () => rmSync(dir, { recursive: true, force: true });
  }
  const cluster = await startTestCluster();
  await adminQuery(cluster.url('postgres'), 'create database tandem_template');
  const handle = await openDb({ databaseUrl: cluster.url('tandem_template') });
  await migrateToLatest(handle.db);
  await handle.close();
  project.provide('postgresBaseUrl', cluster.url(''));
  project.provide('postgresVersion', cluster.version);
  project.provide('pgliteTemplate', '');
  return async () => cluster.stop();
}

async function dumpPGlite(handle: Awaited<ReturnType<typeof openPGlite>>): Promise<Buffer> {
  const blob = await handle.dump!();
  return Buffer.from(await blob.arrayBuffer());
}
