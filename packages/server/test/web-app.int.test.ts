import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { type App, buildApp } from '../src/http/build-app.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

/** The built web app served at / without login, with client-side routes falling back to index.html. */
describe('web app serving', () => {
  let root: string;
  let handle: DbHandle;
  let app: App;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'tandem-web-'));
    const webDir = path.join(root, 'dist');
    mkdirSync(path.join(webDir, 'assets'), { recursive: true });
    writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><title>Tandem</title>');
    writeFileSync(path.join(webDir, 'assets', 'app.js'), 'console.log(1);');
    writeFileSync(path.join(root, 'secret.txt'), 'outside the web directory');
    handle = await createTestDb();
    app = await buildApp({
      db: handle.db,
      dbKind: handle.kind,
      config: loadConfig({ TANDEM_DEMO: 'false' }),
      webDir,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await handle?.close();
    rmSync(root, { recursive: true, force: true });
  });

  const html = { accept: 'text/html,application/xhtml+xml' };

  it('serves the app shell and its assets to visitors without a session', async () => {
    const index = await app.inject({ method: 'GET', url: '/', headers: html });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.body).toContain('<title>Tandem</title>');
    const asset = await app.inject({ method: 'GET', url: '/assets/app.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('answers browser navigations to client-side routes with the app shell', async () => {
    for (const url of ['/leads?stage=mql', '/settings', '/no-such-page']) {
      const res = await app.inject({ method: 'GET', url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<title>Tandem</title>');
    }
  });

  it('keeps problem+json 404s for API paths, even when a browser asks', async () => {
    for (const url of ['/api/v1/nothing', '/v1/nothing', '/docs/nothing']) {
      const res = await app.inject({ method: 'GET', url, headers: html });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('answers missing files and paths outside the directory with a 404, never the file', async () => {
    for (const url of [
      '/assets/missing.js',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/assets/..%2f..%2fsecret.txt',
    ]) {
      const res = await app.inject({ method: 'GET', url, headers: { accept: '*/*' } });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.body, url).not.toContain('outside the web directory');
      // A browser navigation gets the app shell at worst.
      const nav = await app.inject({ method: 'GET', url, headers: html });
      expect(nav.body, url).not.toContain('outside the web directory');
    }
  });

  it('lists the catch-all as an explicitly public route', () => {
    expect(app.routeTable).toContainEqual({ method: 'GET', url: '/*', auth: 'public' });
  });
});
