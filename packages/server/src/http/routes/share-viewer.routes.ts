import { randomBytes } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  findView,
  type OpenedShare,
  openShare,
  pingView,
  recordDownload,
  startView,
} from '../../app/content/shares.js';
import { internalEventOptions } from '../../app/internal-events.js';
import { allowedType } from '../../core/content/sniff.js';
import { renderViewerPage, type ViewerPage, viewerPagePolicy } from '../../core/content/viewer-page.js';
import { assetFileStore } from '../../store/asset-files.js';
import { sendAssetFile } from './content.routes.js';

const tags = ['content'];
const Token = Type.String({ maxLength: 100 });
const emailPattern = /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/;
const publicRoute = { auth: 'public' } as const;

/**
 * The public side of share links: a small server-rendered page (no web app, everything escaped,
 * one nonce'd script), the file behind it, the external link it opens, the email gate and the
 * time-spent ping. Every answer is `no-store` and `noindex`.
 */
export async function shareViewerRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const files = assetFileStore(app.deps.config.dataDir);
  const events = () => internalEventOptions(app.deps);

  // The gate posts an ordinary HTML form.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  const page = (reply: FastifyReply, status: number, content: ViewerPage) => {
    const nonce = randomBytes(16).toString('base64');
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', viewerPagePolicy(nonce))
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('cache-control', 'no-store')
      .send(renderViewerPage(content, nonce));
  };
  /** The page for a link that is not open (404 unknown, 410 expired, revoked or retired). */
  const closed = (reply: FastifyReply, opened: Exclude<OpenedShare, { kind: 'ok' }>) =>
    opened.kind === 'missing' ? page(reply, 404, { kind: 'missing' }) : page(reply, 410, opened);

  const show = async (
    reply: FastifyReply,
    token: string,
    opened: Extract<OpenedShare, { kind: 'ok' }>,
    email: string | null,
  ) => {
    const view = await startView(app.deps.db, { opened, email, now: app.deps.clock(), events: events() });
    const { asset, version } = opened;
    return page(reply, 200, {
      kind: 'asset',
      token,
      viewId: view.id,
      title: asset.title,
      description: asset.description,
      repName: opened.repName,
      format: asset.format ?? 'link',
      inline: version.mime ? (allowedType(version.mime)?.inline ?? false) : false,
      fileName: version.file_name,
      linkHost: version.url ? new URL(version.url).host : null,
    });
  };

  const params = Type.Object({ token: Token });

  r.get(
    '/s/:token',
    {
      schema: {
        tags,
        summary: 'A share link’s viewer page (public, HTML)',
        description: 'Starts a view session; 410 when the link expired, was revoked or its asset retired.',
        params,
      },
      config: publicRoute,
    },
    async (request, reply) => {
      const opened = await openShare(app.deps.db, request.params.token, app.deps.clock());
      if (opened.kind !== 'ok') return closed(reply, opened);
      if (opened.share.email_gate)
        return page(reply, 200, {
          kind: 'gate',
          token: request.params.token,
          title: opened.asset.title,
          error: null,
        });
      return show(reply, request.params.token, opened, null);
    },
  );

  r.post(
    '/s/:token/gate',
    {
      schema: {
        tags,
        summary: 'The email gate of a share link (public, HTML form post)',
        params,
        body: Type.Object({ email: Type.Optional(Type.String({ maxLength: 254 })) }),
      },
      config: publicRoute,
    },
    async (request, reply) => {
      const opened = await openShare(app.deps.db, request.params.token, app.deps.clock());
      if (opened.kind !== 'ok') return closed(reply, opened);
      const email = request.body.email?.trim().toLowerCase() ?? '';
      if (!emailPattern.test(email))
        return page(reply, 400, {
          kind: 'gate',
          token: request.params.token,
          title: opened.asset.title,
          error: 'Enter a valid email address.',
        });
      return show(reply, request.params.token, opened, email);
    },
  );

  const viewQuery = Type.Object({ v: Type.Optional(Type.String({ maxLength: 36 })) });

  r.get(
    '/s/:token/file',
    {
      schema: {
        tags,
        summary: 'The file behind a share link (public; `v` is the page’s view session)',
        description: '`download=1` saves it and records `Content Downloaded`. Sniffed type, `nosniff`.',
        params,
        querystring: Type.Object({
          v: Type.Optional(Type.String({ maxLength: 36 })),
          download: Type.Optional(Type.String({ maxLength: 5 })),
        }),
      },
      config: publicRoute,
    },
    async (request, reply) => {
      const now = app.deps.clock();
      const opened = await openShare(app.deps.db, request.params.token, now);
      if (opened.kind !== 'ok') return closed(reply, opened);
      const view = await findView(app.deps.db, opened.share, request.query.v);
      // Only through the page: that is where the gate is and the view session starts.
      if (!view || opened.version.kind !== 'file') return page(reply, 404, { kind: 'missing' });
      const download = request.query.download === '1' || request.query.download === 'true';
      if (download) await recordDownload(app.deps.db, { opened, view, now, events: events() });
      return sendAssetFile(reply, files, opened.version, download ? 'attachment' : 'inline');
    },
  );

  r.get(
    '/s/:token/open',
    {
      schema: {
        tags,
        summary: 'Opens a shared external link (public)',
        description:
          'Redirects only ever to the URL stored on the asset’s current version, never to one from the request.',
        params,
        querystring: viewQuery,
      },
      config: publicRoute,
    },
    async (request, reply) => {
      const opened = await openShare(app.deps.db, request.params.token, app.deps.clock());
      if (opened.kind !== 'ok') return closed(reply, opened);
      const view = await findView(app.deps.db, opened.share, request.query.v);
      const target = opened.version.kind === 'url' ? opened.version.url : null;
      if (!view || !target || !/^https?:\/\//i.test(target)) return page(reply, 404, { kind: 'missing' });
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(target, 302);
    },
  );

  r.post(
    '/s/:token/ping',
    {
      schema: {
        tags,
        summary: 'Time spent on a viewer page (public; sent every 15 s while visible)',
        params,
        body: Type.Object({ viewId: Type.String({ maxLength: 36 }) }),
      },
      config: publicRoute,
    },
    async (request, reply) => {
      const now = app.deps.clock();
      const opened = await openShare(app.deps.db, request.params.token, now);
      if (opened.kind !== 'ok') return reply.code(opened.kind === 'missing' ? 404 : 410).send();
      const view = await findView(app.deps.db, opened.share, request.body.viewId);
      if (!view) return reply.code(404).send();
      await pingView(app.deps.db, view, now);
      return reply.code(204).send();
    },
  );
}
