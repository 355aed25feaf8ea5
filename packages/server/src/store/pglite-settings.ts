import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';

/**
 * PGlite's own start parameters (its defaults for a single-user, in-process server) followed by
 * ours. PostgreSQL's 128 MB of shared buffers are a third of the embedded server's resident
 * memory; 32 MB keeps the hot indexes of ingestion and the operating system's page cache does the
 * rest (docs/decisions/0005-event-row-and-ingest-flushes.md).
 */
export const pgliteStartParams: readonly string[] = [
  '--single',
  '-F',
  '-O',
  '-j',
  '-c',
  'search_path=public',
  '-c',
  'exit_on_error=false',
  '-c',
  'log_checkpoints=false',
  '-c',
  'max_worker_processes=0',
  '-c',
  'max_parallel_workers=0',
  '-c',
  'max_parallel_workers_per_gather=0',
  '-c',
  'io_method=sync',
  '-c',
  'max_parallel_maintenance_workers=0',
  '-c',
  'shared_buffers=32MB',
  '-c',
  'wal_buffers=1MB',
];

/**
 * Creates a PGlite data directory that does not exist yet in a worker thread. Creating one runs
 * initdb in a second WebAssembly instance whose half a gigabyte of memory the main thread would
 * keep until a garbage collection it may not do for hours; a worker's memory goes when it ends.
 */
export async function initialisePGliteDataDir(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  const module = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { PGlite } = require(workerData.module);
     (async () => {
       const db = await PGlite.create({ dataDir: workerData.dataDir, startParams: workerData.startParams });
       await db.close();
     })().catch((error) => { process.exitCode = 1; throw error; });`,
    { eval: true, workerData: { module, dataDir, startParams: pgliteStartParams } },
  );
  const code = await new Promise<number>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`creating the PGlite data directory ${dataDir} failed (exit ${code})`);
}
