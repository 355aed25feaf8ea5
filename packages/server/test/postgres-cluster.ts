import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests, started from the installed server binaries as an
 * unprivileged user, listening on 127.0.0.1 and a free port, removed when stopped.
 */
export interface TestCluster {
  url(database: string): string;
  version: string;
  stop(): Promise<void>;
}

function findBinDir(): string | undefined {
  const candidates: string[] = [];
  const debianRoot = '/usr/lib/postgresql';
  if (existsSync(debianRoot)) {
    for (const version of readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(debianRoot, version, 'bin'));
    }
  }
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) if (dir) candidates.push(dir);
  return candidates.find(
    (dir) => existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres')),
  );
}

function unprivilegedUser(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      if (Number.isInteger(uid) && uid > 0) return { uid, gid };
    } catch {
      // try the next candidate
    }
  }
  throw new Error('Running as root and no unprivileged user (postgres, nobody) exists to run PostgreSQL');
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export const missingPostgresMessage = [
  '',
  '################################################################################',
  '#  PostgreSQL server binaries (initdb, postgres) were not found.               #',
  '#  The integration tests must run on PostgreSQL as well as PGlite.             #',
  '#  Install them: apt-get install -y postgresql   (or run .ci/run)              #',
  '################################################################################',
  '',
].join('\n');

export async function startTestCluster(): Promise<TestCluster> {
  const binDir = findBinDir();
  if (!binDir) {
    console.error(missingPostgresMessage);
    throw new Error('PostgreSQL server binaries not found (install the postgresql package)');
  }
  const user = unprivilegedUser();
  const root = mkdtempSync(path.join(os.tmpdir(), 'tandem-pg-'));
  const dataDir = path.join(root, 'data');
  if (user) chownSync(root, user.uid, user.gid);
  const asUser = user ? { uid: user.uid, gid: user.gid } : {};
  execFileSync(
    path.join(binDir, 'initdb'),
    ['-D', dataDir, '-U', 'tandem', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'],
    { ...asUser, stdio: 'pipe', cwd: root },
  );
  const version = execFileSync(path.join(binDir, 'postgres'), ['--version'], { encoding: 'utf8' }).trim();
  const port = await freePort();
  const child: ChildProcess = spawn(
    path.join(binDir, 'postgres'),
    [
      '-D',
      dataDir,
      '-h',
      '127.0.0.1',
      '-p',
      String(port),
      '-k',
      root,
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    { ...asUser, stdio: ['ignore', 'ignore', 'pipe'], cwd: root },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (database: string) => `postgres://tandem@127.0.0.1:${port}/${database}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch (error) {
      await client.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(root, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${String(error)}\n${stderr}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  return {
    url,
    version,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGINT'); // fast shutdown
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Runs one statement on the cluster's maintenance database. */
export async function adminQuery(url: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
