import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../src/store/db.js';
import { pendingMigrations } from '../src/store/migrate.js';
import { createTestDb, testDbKind } from './db.js';

describe('test database', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle?.close());

  it('is migrated and runs on the engine of this project', async () => {
    expect(handle.kind).toBe(testDbKind());
    expect(await pendingMigrations(handle.db)).toEqual([]);
    const { rows } = await sql<{ n: number }>`select count(*) as n from workspace`.execute(handle.db);
    expect(rows[0]?.n).toBe(0);
  });
});
