import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../errors.js';

/**
 * Where the built snippet is: `packages/sdk/dist/tandem.js` next to this package in the
 * repository (found the same way from src/ and dist/ by walking up), or the installed
 * `@tandem/sdk` package.
 */
export function findSnippet(from = path.dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = from;
  for (;;) {
    for (const candidate of [
      path.join(dir, 'packages', 'sdk', 'dist', 'tandem.js'),
      path.join(dir, 'node_modules', '@tandem', 'sdk', 'dist', 'tandem.js'),
    ]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

interface Loaded {
  file: string;
  mtimeMs: number;
  body: Buffer;
  gzipped: Buffer;
  etag: string;
}

/**
 * `GET /sdk.js`: the tracking snippet, public, cacheable, reloaded when the file is rebuilt.
 * `snippetFile` overrides where it is looked for (tests).
 */
export async function sdkRoutes(app: FastifyInstance, options: { snippetFile?: string } = {}): Promise<void> {
  let loaded: Loaded | undefined;

  const load = async (): Promise<Loaded | undefined> => {
    const file = options.snippetFile ?? loaded?.file ?? findSnippet();
    if (!file) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (!info) {
      loaded = undefined;
      return undefined;
    }
    if (loaded?.file === file && loaded.mtimeMs === info.mtimeMs) return loaded;
    const body = await readFile(file);
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`;
    loaded = { file, mtimeMs: info.mtimeMs, body, gzipped: gzipSync(body, { level: 9 }), etag };
    return loaded;
  };

  app.get(
    '/sdk.js',
    {
      config: { auth: 'public' },
      schema: {
        tags: ['ingestion'],
        summary: 'The tracking snippet (tandem.js)',
        description:
          'Minified JavaScript for websites: page views, events, identify, form capture, engaged time, ' +
          'consent. Load it with the install snippet from the SDK README.',
        security: [],
      },
    },
    async (request, reply) => {
      const snippet = await load();
      if (!snippet) throw notFound('the tracking snippet (build it with `npm run build`)');
      void reply
        .header('content-type', 'application/javascript; charset=utf-8')
        // Cached an hour by browsers and CDNs, then revalidated cheaply by ETag.
        .header('cache-control', 'public, max-age=3600, stale-while-revalidate=86400')
        .header('etag', snippet.etag)
        // Sites on other origins embed it.
        .header('cross-origin-resource-policy', 'cross-origin')
        .header('access-control-allow-origin', '*')
        .header('x-content-type-options', 'nosniff')
        .header('vary', 'Accept-Encoding');
      const known = request.headers['if-none-match']?.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
      if (known?.includes(snippet.etag)) return reply.status(304).send();
      // Every page of a site loads it: send it compressed whenever the browser accepts gzip.
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        return reply.header('content-encoding', 'gzip').send(snippet.gzipped);
      }
      return reply.send(snippet.body);
    },
  );
}
