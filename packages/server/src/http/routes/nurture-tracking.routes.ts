import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { recordClick, recordOpen, unsubscribe } from '../../app/nurture/tracking.js';
import { escapeHtml } from '../../core/nurture/template.js';
import { isSendToken } from '../../core/nurture/tracking.js';

/** A transparent 1×1 GIF. */
const pixel = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

const page = (title: string, body: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family: sans-serif; max-width: 32em; margin: 4em auto; line-height: 1.5">
${body}
</body></html>
`;

const html = (reply: FastifyReply, status: number, content: string) =>
  reply
    .status(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'no-referrer')
    .header('x-robots-tag', 'noindex')
    .type('text/html; charset=utf-8')
    .send(content);

const notFoundPage = (reply: FastifyReply) =>
  html(
    reply,
    404,
    page('Link not found', '<h1>Link not found</h1><p>This link is not valid (any more).</p>'),
  );

const Token = Type.String({ maxLength: 100 });
const hidden = { tags: ['nurture tracking'] };

/**
 * The public side of nurture email: the open pixel, click redirects and unsubscribing. No
 * authentication (recipients follow links from their mailbox): a random token per send names
 * everything, and a click redirects only to the URL stored for its link at render time.
 */
export async function nurtureTrackingRoutes(app: FastifyInstance): Promise<void> {
  // RFC 8058 one-click unsubscribe posts `List-Unsubscribe=One-Click` as a form (URL-encoded or
  // multipart); the body is not needed, the token says it all.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string', bodyLimit: 4096 },
    (_request, body, done) => done(null, body),
  );

  app.get<{ Params: { token: string } }>(
    '/t/o/:token.gif',
    {
      config: { auth: 'public' },
      schema: {
        ...hidden,
        summary: 'Open-tracking pixel of a nurture email (records the first open)',
        params: Type.Object({ token: Token }),
      },
    },
    async (request, reply) => {
      if (isSendToken(request.params.token))
        await app.deps.db
          .transaction()
          .execute((trx) => recordOpen(trx, { token: request.params.token, now: app.deps.clock() }));
      return reply.header('cache-control', 'no-store, private').type('image/gif').send(pixel);
    },
  );

  app.get<{ Params: { token: string } }>(
    '/t/c/:token',
    {
      config: { auth: 'public' },
      schema: {
        ...hidden,
        summary: 'Click-tracking redirect of a nurture email link',
        description:
          'Redirects (302) to the URL the link had when the email was rendered, and only to it; an unknown token or link is a 404 page.',
        params: Type.Object({ token: Token }),
      },
    },
    async (request, reply) => {
      const url = await recordClick(app.deps.db, {
        clickToken: request.params.token,
        now: app.deps.clock(),
      });
      if (!url) return notFoundPage(reply);
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'no-referrer')
        .redirect(url, 302);
    },
  );

  app.get<{ Params: { token: string } }>(
    '/u/:token',
    {
      config: { auth: 'public' },
      schema: {
        ...hidden,
        summary: 'Unsubscribe page of a nurture email (asks to confirm; a GET changes nothing)',
        params: Type.Object({ token: Token }),
      },
    },
    async (request, reply) => {
      const send = isSendToken(request.params.token)
        ? await app.deps.db
            .selectFrom('nurture_send')
            .select('to_address')
            .where('token', '=', request.params.token)
            .executeTakeFirst()
        : undefined;
      if (!send) return notFoundPage(reply);
      return html(
        reply,
        200,
        page(
          'Unsubscribe',
          `<h1>Unsubscribe</h1><p>Stop these emails to <strong>${escapeHtml(send.to_address)}</strong>?</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
        ),
      );
    },
  );

  app.post<{ Params: { token: string } }>(
    '/u/:token',
    {
      config: { auth: 'public' },
      schema: {
        ...hidden,
        summary: 'Unsubscribe (the page form, or one-click per RFC 8058)',
        params: Type.Object({ token: Token }),
      },
    },
    async (request, reply) => {
      const email = isSendToken(request.params.token)
        ? await app.deps.db
            .transaction()
            .execute((trx) => unsubscribe(trx, { token: request.params.token, now: app.deps.clock() }))
        : null;
      if (!email) return notFoundPage(reply);
      return html(
        reply,
        200,
        page(
          'Unsubscribed',
          `<h1>Unsubscribed</h1><p>${escapeHtml(email)} will get no more of these emails.</p>`,
        ),
      );
    },
  );
}
