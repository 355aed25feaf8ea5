import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyApiKey } from '../src/app/api-keys.js';
import { verifyPassword } from '../src/app/passwords.js';
import { type CliOptions, runCli } from '../src/cli/run.js';
import { acquireDataDirLock } from '../src/store/data-dir-lock.js';
import { type DbHandle, openPGlite } from '../src/store/db.js';
import { createTestDb, testDbKind } from './db.js';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  json: <T = Record<string, unknown>>() => T;
}

const sink = (chunks: string[]) =>
  new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });

/** Runs one command line in-process with in-memory streams. */
async function cli(argv: string[], options: CliOptions & { stdin?: string } = {}): Promise<Run> {
  const out: string[] = [];
  const err: string[] = [];
  const { stdin, ...rest } = options;
  const code = await runCli(
    argv,
    { stdin: Readable.from(stdin === undefined ? [] : [stdin]), stdout: sink(out), stderr: sink(err) },
    rest,
  );
  const stdout = out.join('');
  const stderr = err.join('');
  // Results go to stdout, errors to stderr (as JSON too under --json).
  return { code, stdout, stderr, json: <T>() => JSON.parse(stdout || stderr) as T };
}

/** Hands out the test database without closing it when a command ends. */
const shared =
  (handle: DbHandle): CliOptions['openDatabase'] =>
  async () => ({ ...handle, close: async () => {} });

describe('tandem CLI', () => {
  let handle: DbHandle & { url?: string };
  let dataDir: string;
  let env: Record<string, string>;
  let options: CliOptions;

  beforeAll(async () => {
    handle = await createTestDb();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-'));
    // Where the embedded database would live; doctor looks for it before opening anything.
    mkdirSync(path.join(dataDir, 'pglite'));
    env = { TANDEM_DATA_DIR: dataDir, ...(handle.url ? { DATABASE_URL: handle.url } : {}) };
    options = { env, openDatabase: shared(handle) };
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('usage', () => {
    it('prints help with exit code 0 and refuses unknown commands and options with exit code 2', async () => {
      const help = await cli(['--help'], options);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('migrate');
      expect(help.stdout).toContain('doctor');

      const unknown = await cli(['frobnicate'], options);
      expect(unknown.code).toBe(2);
      expect(unknown.stderr).toContain("unknown command 'frobnicate'");

      const missing = await cli(['workspace', 'create', '--json'], options);
      expect(missing.code).toBe(2);
      expect(missing.json<{ error: { code: string; detail: string } }>().error).toMatchObject({
        code: 'usage',
      });
      expect(missing.json<{ error: { detail: string } }>().error.detail).toContain('--name');

      const badKind = await cli(['key', 'create', '--kind', 'public'], options);
      expect(badKind.code).toBe(2);
      expect(badKind.stderr).toContain('write, secret');
    });
  });

  describe('migrate', () => {
    it('reports nothing to apply on a migrated database', async () => {
      const run = await cli(['migrate', '--json'], options);
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({ applied: [] });
      const text = await cli(['migrate'], options);
      expect(text.stdout).toContain('Nothing to apply');
    });

    it('migrates an empty database; other commands refuse it until then', { timeout: 120_000 }, async () => {
      const fresh = await openPGlite({});
      try {
        const opts: CliOptions = { env: { TANDEM_DATA_DIR: dataDir }, openDatabase: shared(fresh) };
        const refused = await cli(['workspace', 'create', '--name', 'Early'], opts);
        expect(refused.code).toBe(1);
        expect(refused.stderr).toContain('not migrated');
        expect(refused.stderr).toContain('tandem migrate');

        const doctor = await cli(['doctor', '--json'], opts);
        expect(doctor.code).toBe(1);
        const migrations = doctor
          .json<{ checks: Array<{ name: string; status: string; detail: string }> }>()
          .checks.find((c) => c.name === 'migrations');
        expect(migrations).toMatchObject({ status: 'fail' });
        expect(migrations?.detail).toContain('0001-foundation');

        const migrated = await cli(['migrate', '--json'], opts);
        expect(migrated.code).toBe(0);
        expect(migrated.json<{ applied: string[] }>().applied).toContain('0001-foundation');
        expect((await cli(['doctor'], opts)).code).toBe(0);
      } finally {
        await fresh.close();
      }
    });
  });

  describe('workspace create', () => {
    it('creates a workspace and prints it', async () => {
      const run = await cli(
        [
          'workspace',
          'create',
          '--name',
          'Acme Corp',
          '--slug',
          'acme',
          '--timezone',
          'Europe/Berlin',
          '--json',
        ],
        options,
      );
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({ name: 'Acme Corp', slug: 'acme', timezone: 'Europe/Berlin' });
      expect(run.json<{ id: string }>().id).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('prints the error detail and field, with exit code 1', async () => {
      const clash = await cli(['workspace', 'create', '--name', 'Acme again', '--slug', 'acme'], options);
      expect(clash.code).toBe(1);
      expect(clash.stderr).toBe('error: workspace "acme" exists (slug)\n');

      const json = await cli(
        ['workspace', 'create', '--name', 'Acme again', '--slug', 'acme', '--json'],
        options,
      );
      expect(json.code).toBe(1);
      expect(json.stdout).toBe('');
      expect(json.json()).toEqual({
        error: { code: 'conflict', detail: 'workspace "acme" exists', field: 'slug' },
      });

      const zone = await cli(
        ['workspace', 'create', '--name', 'Moon', '--timezone', 'Moon/Base', '--json'],
        options,
      );
      expect(zone.code).toBe(1);
      expect(zone.json()).toMatchObject({ error: { code: 'validation_failed', field: 'timezone' } });

      const slug = await cli(['workspace', 'create', '--name', 'Bad', '--slug', 'Not A Slug'], options);
      expect(slug.code).toBe(1);
      expect(slug.stderr).toContain('(slug)');
    });
  });

  describe('key create', () => {
    it('uses the only workspace and prints a key that verifies', async () => {
      const run = await cli(['key', 'create', '--kind', 'secret', '--name', 'CI', '--json'], options);
      expect(run.code).toBe(0);
      const created = run.json<{ key: string; kind: string; name: string; workspace: string }>();
      expect(created).toMatchObject({ kind: 'secret', name: 'CI', workspace: 'acme' });
      const verified = await verifyApiKey(handle.db, created.key, 'secret');
      expect(verified?.kind).toBe('secret');

      const text = await cli(['key', 'create', '--kind', 'write'], options);
      expect(text.code).toBe(0);
      const key = text.stdout.match(/tdw_[A-Za-z0-9_-]+/)?.[0];
      expect(key).toBeDefined();
      expect(text.stdout).toContain('shown only once');
      expect((await verifyApiKey(handle.db, key!, 'write'))?.workspaceId).toBe(verified?.workspaceId);
    });
  });

  describe('user create', () => {
    it('reads the password from standard input, never echoing it', async () => {
      const password = 'correct-horse-battery';
      const run = await cli(
        [
          'user',
          'create',
          '--email',
          'Ann@Acme.test',
          '--name',
          'Ann Lee',
          '--role',
          'sales_rep',
          '--team',
          'Inbound',
        ].concat(['--password-stdin', '--json']),
        { ...options, stdin: `${password}\n` },
      );
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({
        email: 'ann@acme.test',
        role: 'sales_rep',
        team: 'Inbound',
        workspace: 'acme',
        passwordSet: true,
      });
      expect(run.stdout + run.stderr).not.toContain(password);
      const row = await handle.db
        .selectFrom('app_user')
        .select('password_hash')
        .where('email', '=', 'ann@acme.test')
        .executeTakeFirstOrThrow();
      expect(await verifyPassword(row.password_hash, password)).toBe(true);
    });

    it('creates a user without a password when --password-stdin is absent', async () => {
      const run = await cli(
        ['user', 'create', '--email', 'bo@acme.test', '--name', 'Bo', '--role', 'marketing'],
        options,
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('No password set');
    });

    it('refuses bad input with the field at fault', async () => {
      const args = [
        'user',
        'create',
        '--email',
        'cy@acme.test',
        '--name',
        'Cy',
        '--role',
        'admin',
        '--password-stdin',
      ];
      const empty = await cli([...args, '--json'], { ...options, stdin: '' });
      expect(empty.code).toBe(1);
      expect(empty.json()).toMatchObject({ error: { code: 'validation_failed', field: 'password' } });

      const short = await cli([...args, '--json'], { ...options, stdin: 'short\n' });
      expect(short.code).toBe(1);
      expect(short.json()).toMatchObject({ error: { field: 'password' } });

      const email = await cli(
        ['user', 'create', '--email', 'nope', '--name', 'X', '--role', 'admin'],
        options,
      );
      expect(email.code).toBe(1);
      expect(email.stderr).toContain('(email)');

      const duplicate = await cli(
        ['user', 'create', '--email', 'ANN@acme.test', '--name', 'A', '--role', 'admin'],
        options,
      );
      expect(duplicate.code).toBe(1);
      expect(duplicate.stderr).toContain('exists');

      const role = await cli(
        ['user', 'create', '--email', 'd@acme.test', '--name', 'D', '--role', 'boss'],
        options,
      );
      expect(role.code).toBe(2);
      expect(role.stderr).toContain('sales_manager');

      const partner = await cli(
        ['user', 'create', '--email', 'p@acme.test', '--name', 'P', '--role', 'partner'],
        options,
      );
      expect(partner.code).toBe(1);
      expect(partner.stderr).toContain('--partner');
    });

    it('creates a partner user with their organisation', async () => {
      const run = await cli(
        ['user', 'create', '--email', 'pat@northwind.test', '--name', 'Pat', '--role', 'partner'].concat([
          '--partner',
          'Northwind',
          '--json',
        ]),
        options,
      );
      expect(run.code).toBe(0);
      expect(run.json()).toMatchObject({ role: 'partner', partner: 'Northwind' });
    });
  });

  describe('choosing the workspace', () => {
    it('asks which one when there are several, and accepts --workspace', async () => {
      expect((await cli(['workspace', 'create', '--name', 'Globex', '--json'], options)).code).toBe(0);
      const ambiguous = await cli(['key', 'create', '--kind', 'write', '--json'], options);
      expect(ambiguous.code).toBe(1);
      const error = ambiguous.json<{ error: { detail: string; field: string } }>().error;
      expect(error.field).toBe('workspace');
      expect(error.detail).toContain('acme');
      expect(error.detail).toContain('globex');

      const chosen = await cli(
        ['key', 'create', '--kind', 'write', '--workspace', 'globex', '--json'],
        options,
      );
      expect(chosen.code).toBe(0);
      expect(chosen.json()).toMatchObject({ workspace: 'globex' });

      const unknown = await cli(['key', 'create', '--kind', 'write', '--workspace', 'nope'], options);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no workspace with slug "nope"');
    });
  });

  describe('seed', () => {
    it('loads the demo once and then refuses, saying so', { timeout: 240_000 }, async () => {
      const usage = await cli(['seed'], options);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--demo');

      const run = await cli(['seed', '--demo', '--json'], {
        ...options,
        clock: () => new Date('2026-03-02T10:00:00Z'),
      });
      expect(run.code).toBe(0);
      const summary = run.json<{
        workspace: { slug: string };
        counts: { accounts: number; contacts: number };
        credentials: { password: string; secretKey: string };
      }>();
      expect(summary.workspace.slug).toBe('demo');
      expect(summary.counts).toMatchObject({ accounts: 300, contacts: 2000 });
      expect(summary.credentials.password).toBe('tandem-demo-2026');
      expect(await verifyApiKey(handle.db, summary.credentials.secretKey, 'secret')).toBeDefined();

      const again = await cli(['seed', '--demo'], options);
      expect(again.code).toBe(1);
      expect(again.stderr).toContain('the demo workspace already exists');
    });
  });

  describe('doctor', () => {
    it('checks configuration, database and migrations and prints versions', async () => {
      const run = await cli(['doctor', '--json'], options);
      expect(run.code).toBe(0);
      const report = run.json<{
        ok: boolean;
        checks: Array<{ name: string; status: string }>;
        versions: Record<string, string>;
      }>();
      expect(report.ok).toBe(true);
      expect(report.checks.map((c) => c.name)).toEqual(['config', 'data_dir_lock', 'database', 'migrations']);
      expect(report.checks.filter((c) => c.status === 'fail')).toEqual([]);
      expect(report.versions.database).toMatch(/^PostgreSQL \d+/);
      expect(report.versions.pglite).toMatch(/^\d+\.\d+\.\d+/);
      expect(report.versions.node).toBe(process.versions.node);
      const text = await cli(['doctor'], options);
      expect(text.stdout).toContain('All checks passed.');
    });

    it('fails on invalid configuration, listing the problem', async () => {
      const run = await cli(['doctor', '--json'], { ...options, env: { ...env, PORT: 'eighty' } });
      expect(run.code).toBe(1);
      const report = run.json<{
        ok: boolean;
        checks: Array<{ name: string; status: string; detail: string }>;
      }>();
      expect(report.ok).toBe(false);
      expect(report.checks[0]).toMatchObject({ name: 'config', status: 'fail' });
      expect(report.checks[0]?.detail).toContain('PORT');
    });
  });
});

describe('tandem CLI on the configured database', () => {
  let dataDir: string;
  let env: Record<string, string>;
  let cleanup: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-real-'));
    env = { TANDEM_DATA_DIR: dataDir };
    if (testDbKind() === 'postgres') {
      const handle = await createTestDb();
      env.DATABASE_URL = handle.url!;
      cleanup = () => handle.close();
    }
  });
  afterAll(async () => {
    await cleanup?.();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens, migrates and releases the data directory', { timeout: 180_000 }, async () => {
    const migrate = await cli(['migrate', '--json'], { env });
    expect(migrate.code).toBe(0);
    const doctor = await cli(['doctor', '--json'], { env });
    expect(doctor.code).toBe(0);
    expect(doctor.json()).toMatchObject({
      ok: true,
      database: { kind: testDbKind() === 'postgres' ? 'postgres' : 'pglite' },
    });
    expect(existsSync(path.join(dataDir, 'tandem.lock'))).toBe(false);
  });

  it('doctor does not create a database where there is none', async () => {
    const empty = mkdtempSync(path.join(os.tmpdir(), 'tandem-cli-empty-'));
    try {
      const run = await cli(['doctor', '--json'], { env: { TANDEM_DATA_DIR: empty } });
      expect(run.code).toBe(1);
      const checks = run.json<{ checks: Array<{ name: string; status: string; detail: string }> }>().checks;
      expect(checks.find((c) => c.name === 'database')?.detail).toContain('tandem migrate');
      expect(existsSync(path.join(empty, 'pglite'))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('never opens the embedded database while another process holds its lock', async () => {
    const embedded = { TANDEM_DATA_DIR: dataDir };
    mkdirSync(path.join(dataDir, 'pglite'), { recursive: true }); // as a running server would have it
    const lock = await acquireDataDirLock(dataDir, 'server');
    try {
      const refused = await cli(['workspace', 'create', '--name', 'Sneaky', '--json'], { env: embedded });
      expect(refused.code).toBe(1);
      expect(refused.json<{ error: { code: string; detail: string } }>().error.detail).toContain(
        `in use by process ${process.pid} (server`,
      );

      const doctor = await cli(['doctor', '--json'], { env: embedded });
      expect(doctor.code).toBe(0);
      const checks = doctor.json<{ checks: Array<{ name: string; status: string; detail: string }> }>()
        .checks;
      expect(checks.find((c) => c.name === 'data_dir_lock')).toMatchObject({ status: 'warn' });
      expect(checks.find((c) => c.name === 'data_dir_lock')?.detail).toContain(
        `process ${process.pid} (server`,
      );
      expect(checks.find((c) => c.name === 'database')).toMatchObject({ status: 'skip' });
    } finally {
      await lock.release();
    }
  });
});
