import { unlinkSync } from 'node:fs';
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors.js';

/** Contents of `<dataDir>/tandem.lock`. */
export interface DataDirLockInfo {
  pid: number;
  purpose: string;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly file: string;
  release(): Promise<void>;
}

const lockFile = (dataDir: string) => path.join(dataDir, 'tandem.lock');

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function readDataDirLock(dataDir: string): Promise<DataDirLockInfo | undefined> {
  try {
    const info = JSON.parse(await readFile(lockFile(dataDir), 'utf8')) as DataDirLockInfo;
    return typeof info.pid === 'number' ? info : undefined;
  } catch {
    return undefined;
  }
}

/** A lock is stale when its process is gone (or it was written on another host and is unreadable). */
async function isStale(dataDir: string): Promise<boolean> {
  const info = await readDataDirLock(dataDir);
  if (!info) return true;
  if (info.host !== os.hostname()) return false; // cannot tell: assume held
  return !isAlive(info.pid);
}

/**
 * Takes the data directory for this process. The embedded database is single-process: a second
 * server or CLI on the same directory must stop at once with a clear message instead of
 * corrupting it. A lock left by a process that died is taken over.
 */
export async function acquireDataDirLock(dataDir: string, purpose: string): Promise<DataDirLock> {
  await mkdir(dataDir, { recursive: true });
  const file = lockFile(dataDir);
  const info: DataDirLockInfo = {
    pid: process.pid,
    purpose,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(JSON.stringify(info));
      await handle.sync();
      await handle.close();
      const onExit = () => {
        try {
          unlinkSync(file);
        } catch {
          // already gone
        }
      };
      process.once('exit', onExit);
      let released = false;
      return {
        file,
        async release() {
          if (released) return;
          released = true;
          process.off('exit', onExit);
          const current = await readDataDirLock(dataDir);
          if (current?.pid === process.pid) await unlink(file).catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (attempt === 0 && (await isStale(dataDir))) {
        await unlink(file).catch(() => undefined);
        continue;
      }
      const holder = await readDataDirLock(dataDir);
      const who = holder
        ? `process ${holder.pid} (${holder.purpose}, since ${holder.startedAt})`
        : 'another process';
      throw new AppError(
        'conflict',
        `data directory ${dataDir} is in use by ${who}. Stop it first, or set TANDEM_DATA_DIR to another directory.`,
        { field: 'TANDEM_DATA_DIR' },
      );
    }
  }
  throw new AppError('conflict', `could not lock data directory ${dataDir}`, { field: 'TANDEM_DATA_DIR' });
}
