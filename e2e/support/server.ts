import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { loadConfig } from '../../packages/server/src/config.js';
import { startServer } from '../../packages/server/src/server.js';
import type { Db } from '../../packages/server/src/store/db.js';
import { ensureWebBuilt, webDist } from './build-web.js';

export interface TestServer {
  /** Base URL on 127.0.0.1, e.g. http://127.0.0.1:41234 */
  url: string;
  /** The server's database, for tests that make something happen server-side. */
  db: Db;
  close(): Promise<void>;
}

/**
 * A real Tandem server in this process on its own copy of the run's seeded demo database
 * (support/global-setup.ts), serving the built web app.
 */
export async function startTestServer(): Promise<TestServer> {
  await ensureWebBuilt();
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-e2e-'));
  const dataDir = path.join(root, 'data');
  try {
    cpSync(inject('e2eDemoTemplate'), dataDir, { recursive: true });
    const config = loadConfig({
      PORT: '0',
      TANDEM_DATA_DIR: dataDir,
      TANDEM_DEMO: 'true',
      LOG_LEVEL: 'silent',
    });
    const server = await startServer({ config, webDir: webDist, logger: false, seedDemo: true });
    return {
      url: `http://127.0.0.1:${server.port}`,
      db: server.handle.db,
      async close() {
        try {
          await server.close();
        } finally {
          rmSync(root, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}
