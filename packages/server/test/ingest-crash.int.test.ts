import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createWorkspace } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { openConfiguredDb } from '../src/store/open-configured-db.js';
import { createTestDb, testDbKind } from './db.js';
import { basicAuth } from './ingest-setup.js';
import { freePort, type ServerProcess, spawnServer } from './server-process.js';

const batches = 40;
const perBatch = 15;
const kills = 3;

/**
 * The real server process killed with SIGKILL again and again while clients that retry (as the
 * Segment libraries do) send a known set of events: afterwards every event is stored exactly once.
 */
describe('ingestion across crashes', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let workspaceId: string;
  let writeKey: string;
  let cleanup: (() => Promise<void>) | undefined;
  let server: ServerProcess | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-crash-'));
    env = {
      TANDEM_DATA_DIR: dataDir,
      PORT: String(await freePort()),
      TANDEM_DEMO: 'false',
      LOG_LEVEL: 'warn',
    };
    if (testDbKind() === 'postgres') {
      const handle = await createTestDb();
      env.DATABASE_URL = handle.url!;
      cleanup = () => handle.close();
    }
    const handle = await openConfiguredDb(loadConfig(env), 'test');
    await migrateToLatest(handle.db);
    workspaceId = (await createWorkspace(handle.db, { name: 'Crash test' })).id;
    writeKey = (await createApiKey(handle.db, { workspaceId, kind: 'write' })).key;
    await handle.close();
  });
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    if (server) await server.exited;
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every acknowledged event exactly once', async () => {
    const url = `http://127.0.0.1:${env.PORT}`;
    const pending = Array.from({ length: batches }, (_, b) =>
      Array.from({ length: perBatch }, (_, i) => ({
        type: 'track',
        event: 'Crash Tested',
        userId: `user-${b}`,
        messageId: `crash-${b}-${i}`,
        properties: { b, i },
      })),
    );
    let acknowledged = 0;
    let attempts = 0;

    // Four clients, each retrying its batch until the server answers 200.
    const client = async (): Promise<void> => {
      for (let batch = pending.shift(); batch; batch = pending.shift()) {
        for (;;) {
          attempts++;
          const status = await fetch(`${url}/v1/batch`, {
            method: 'POST',
            headers: { authorization: basicAuth(writeKey), 'content-type': 'application/json' },
            body: JSON.stringify({ batch, sentAt: new Date().toISOString() }),
            signal: AbortSignal.timeout(5_000),
          }).then(
            (res) => res.status,
            () => 0,
          );
          if (status === 200) break;
          expect([0, 429, 503]).toContain(status);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        acknowledged++;
      }
    };
    const clients = Promise.all(Array.from({ length: 4 }, client));

    for (let k = 0; k < kills && pending.length > 0; k++) {
      server = await spawnServer(env).process;
      // Let some batches through, then kill it mid-stream.
      const target = acknowledged + 3;
      const deadline = Date.now() + 3_000;
      while (acknowledged < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      server.child.kill('SIGKILL');
      await server.exited;
    }
    server = await spawnServer(env).process;
    await clients;
    expect(acknowledged).toBe(batches);
    expect(attempts).toBeGreaterThan(batches);

    server.child.kill('SIGTERM');
    await server.exited;
    server = undefined;
    const handle = await openConfiguredDb(loadConfig(env), 'test');
    try {
      const counts = await handle.db
        .selectFrom('event')
        .select([
          sql<number>`count(*)::int`.as('rows'),
          sql<number>`count(distinct message_id)::int`.as('ids'),
        ])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      expect(counts).toEqual({ rows: batches * perBatch, ids: batches * perBatch });
    } finally {
      await handle.close();
    }
  }, 120_000);
});
