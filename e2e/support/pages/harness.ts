import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApiKey, createWorkspace } from '../../../packages/server/src/app/workspaces.js';
import { loadConfig } from '../../../packages/server/src/config.js';
import { type App, buildApp } from '../../../packages/server/src/http/build-app.js';
import { type Db, openPGlite } from '../../../packages/server/src/store/db.js';
import { migrateToLatest } from '../../../packages/server/src/store/migrate.js';

const pagesDir = path.dirname(fileURLToPath(import.meta.url));
const sdkDir = path.resolve(pagesDir, '../../../packages/sdk');

/** Builds packages/sdk/dist/tandem.js from the current sources (the API serves it at /sdk.js). */
export function buildSnippet(): void {
  execFileSync(process.execPath, [path.join(sdkDir, 'build.mjs')], { cwd: sdkDir, stdio: 'pipe' });
}

export interface IngestApi {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  app: App;
  db: Db;
  workspaceId: string;
  writeKey: string;
  close(): Promise<void>;
}

/** A Tandem API on a fresh in-memory PGlite database, listening on 127.0.0.1, with a workspace and a write key. */
export async function startIngestApi(): Promise<IngestApi> {
  const handle = await openPGlite({});
  try {
    await migrateToLatest(handle.db);
    const config = loadConfig({ TANDEM_DEMO: 'false', LOG_LEVEL: 'silent' });
    const app = await buildApp({ db: handle.db, dbKind: 'pglite', config, logger: false });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = app.server.address() as AddressInfo;
    const workspace = await createWorkspace(handle.db, { name: 'Snippet Test' });
    const key = await createApiKey(handle.db, { workspaceId: workspace.id, kind: 'write', name: 'Website' });
    return {
      url: `http://127.0.0.1:${port}`,
      port,
      app,
      db: handle.db,
      workspaceId: workspace.id,
      writeKey: key.key,
      async close() {
        try {
          await app.close();
        } finally {
          await handle.close();
        }
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** The Segment browser client bundled for a test page (segment-page.ts), as one script. */
export async function bundleSegmentPage(): Promise<string> {
  // The esbuild the SDK package declares, not whichever one another tool hoisted.
  const esbuild = createRequire(path.join(sdkDir, 'package.json'))('esbuild') as typeof import('esbuild');
  const result = await esbuild.build({
    entryPoints: [path.join(pagesDir, 'segment-page.ts')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    write: false,
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.outputFiles[0]!.text;
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the HTML pages of this folder on 127.0.0.1 (another origin than the API, so the
 * browser applies CORS), filling `{{API}}` and `{{WRITE_KEY}}`; `scripts` adds in-memory files.
 */
export async function startPageServer(
  api: IngestApi,
  scripts: Record<string, string> = {},
): Promise<PageServer> {
  const server: Server = createServer(async (request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const script = scripts[pathname];
    if (script !== undefined) {
      response.writeHead(200, { 'content-type': 'application/javascript; charset=utf-8' });
      response.end(script);
      return;
    }
    const name = path.basename(pathname);
    if (!/^[a-z0-9-]+\.html$/.test(name)) {
      response.writeHead(404).end();
      return;
    }
    try {
      const html = (await readFile(path.join(pagesDir, name), 'utf8'))
        .replaceAll('{{API}}', api.url)
        .replaceAll('{{WRITE_KEY}}', api.writeKey);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      response.end(html);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Retries `check` until it returns a value without throwing, for at most `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
