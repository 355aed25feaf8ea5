import path from 'node:path';
import type { Config } from '../config.js';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.js';
import { type DbHandle, openDb } from './db.js';

/** Where the embedded database lives inside the data directory. */
export const pgliteDir = (config: Pick<Config, 'dataDir'>): string => path.join(config.dataDir, 'pglite');

/**
 * Opens the configured database. For the embedded database the data directory is locked first,
 * and the lock is released when the handle closes.
 */
export async function openConfiguredDb(config: Config, purpose: string): Promise<DbHandle> {
  let lock: DataDirLock | undefined;
  if (!config.databaseUrl) lock = await acquireDataDirLock(config.dataDir, purpose);
  try {
    const handle = await openDb({
      databaseUrl: config.databaseUrl,
      dataDir: config.databaseUrl ? undefined : pgliteDir(config),
      poolSize: config.databasePoolSize,
    });
    return {
      ...handle,
      async close() {
        try {
          await handle.close();
        } finally {
          await lock?.release();
        }
      },
    };
  } catch (error) {
    await lock?.release();
    throw error;
  }
}
