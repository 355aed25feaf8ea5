import { type Clock, systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { type App, buildApp } from '../src/http/build-app.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

export interface TestApp {
  app: App;
  handle: DbHandle;
  close(): Promise<void>;
}

/** A fresh database and an app over it (not listening; use app.inject). */
export async function createTestApp(
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestApp> {
  const handle = await createTestDb();
  const config = loadConfig({ TANDEM_DEMO: 'false', ...options.env });
  const app = await buildApp({
    db: handle.db,
    dbKind: handle.kind,
    config,
    clock: options.clock ?? systemClock,
    logger: false,
    ...(handle.listen ? { listen: handle.listen } : {}),
  });
  await app.ready();
  return {
    app,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
