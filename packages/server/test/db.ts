import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { inject } from 'vitest';
import { type DbHandle, openDb, openPGlite } from '../src/store/db.js';
import { adminQuery } from './postgres-cluster.js';

/** Which engine this integration project runs on ("pglite" or "postgres"). */
export const testDbKind = (): 'pglite' | 'postgres' => inject('testDb');

let template: Blob | undefined;

/**
 * A fresh, migrated database for one test file: PGlite cloned in memory from the template
 * dump, or a new PostgreSQL database created from the template database. Close it in afterAll.
 */
export async function createTestDb(): Promise<DbHandle & { url?: string }> {
  if (testDbKind() === 'pglite') {
    template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openPGlite({ loadDataDir: template });
  }
  const base = inject('postgresBaseUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await adminQuery(`${base}postgres`, `create database ${name} template tandem_template`);
  const url = `${base}${name}`;
  const handle = await openDb({ databaseUrl: url, poolSize: 5 });
  return { ...handle, url };
}
