import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorkspace } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import { acquireDataDirLock } from '../src/store/data-dir-lock.js';
import { migrateToLatest } from '../src/store/migrate.js';
import { openConfiguredDb } from '../src/store/open-configured-db.js';
import { findWorkspaceBySlug } from '../src/store/workspace.repo.js';
import { createTestDb, testDbKind } from './db.js';
import { freePort, type ServerProcess, spawnServer } from './server-process.js';

/** The real process: start-up, the data-directory lock, and draining on SIGTERM. */
describe('server process', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-lifecycle-'));
    env = { TANDEM_DATA_DIR: dataDir };
    if (testDbKind() === 'postgres') {
      const handle = await createTestDb();
      env.DATABASE_URL = handle.url!;
      cleanup = () => handle.close();
    }
    const config = loadConfig(env);
    const handle = await openConfiguredDb(config, 'test');
    await migrateToLatest(handle.db);
    await createWorkspace(handle.db, { name: 'Persisted', slug: 'persisted' });
    await handle.close();
  });
  afterAll(async () => {
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('drains in-flight requests on SIGTERM, exits 0 and keeps the data', async () => {
    const server: ServerProcess = await spawnServer({ ...env, PORT: String(await freePort()) }).process;
    expect((await fetch(`${server.url}/health`)).status).toBe(200);

    // A request whose body is still arriving when SIGTERM comes must be answered in full.
    const body = JSON.stringify({ email: 'nobody@example.com', password: 'not-the-password' });
    const url = new URL('/api/v1/auth/login', server.url);
    const inFlight = new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          agent: false,
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.write(body.slice(0, 10));
      setTimeout(() => {
        server.child.kill('SIGTERM');
        setTimeout(() => request.end(body.slice(10)), 300);
      }, 200);
    });
    expect(await inFlight).toBe(401);
    expect(await server.exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'tandem.lock'))).toBe(false);

    const handle = await openConfiguredDb(loadConfig(env), 'test');
    expect(await findWorkspaceBySlug(handle.db, 'persisted')).toBeDefined();
    await handle.close();
  });

  it.runIf(testDbKind() === 'pglite')(
    'refuses a second process on the same data directory at once, with a clear message',
    async () => {
      const first = await spawnServer({ ...env, PORT: String(await freePort()) }).process;
      try {
        const second = spawnServer({ ...env, PORT: String(await freePort()) });
        await expect(second.process).rejects.toThrow(/is in use by process \d+/);
        expect(await second.process.catch(() => second.child.exitCode)).toBe(1);
        expect((await fetch(`${first.url}/health`)).status).toBe(200);
      } finally {
        first.child.kill('SIGTERM');
        expect(await first.exited).toBe(0);
      }
    },
  );

  it.runIf(testDbKind() === 'pglite')(
    'takes over a lock left by a dead process, and refuses a live one',
    async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'tandem-lock-'));
      try {
        const lock = await acquireDataDirLock(dir, 'first');
        await expect(acquireDataDirLock(dir, 'second')).rejects.toMatchObject({ code: 'conflict' });
        await lock.release();
        const again = await acquireDataDirLock(dir, 'third');
        await again.release();
        // A lock file naming a process that no longer exists is stale.
        const { writeFileSync } = await import('node:fs');
        writeFileSync(
          path.join(dir, 'tandem.lock'),
          JSON.stringify({ pid: 2 ** 22 + 12345, purpose: 'gone', host: os.hostname(), startedAt: '' }),
        );
        const taken = await acquireDataDirLock(dir, 'fourth');
        await taken.release();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
