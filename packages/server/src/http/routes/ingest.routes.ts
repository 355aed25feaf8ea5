import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { verifyApiKey } from '../../app/api-keys.js';
import { AppError } from '../../errors.js';
import { createGroupCommit, QueueFullError } from '../../ingest/group-commit.js';
import { ingestLimits } from '../../ingest/limits.js';
import { type IngestKind, parseIngestRequest } from '../../ingest/parse-request.js';
import { parseJsonBody, readLimitedBody } from '../../ingest/read-body.js';
import { type IngestUnit, storeBatch } from '../../ingest/store-batch.js';
import { createWriteKeyCache } from '../../ingest/write-key-cache.js';
import { presentedKey } from '../plugins/auth.js';

/** Endpoint paths of the Segment HTTP Tracking API and the browser client's short forms. */
const endpoints: ReadonlyArray<{ path: string; kind: IngestKind }> = [
  { path: '/v1/batch', kind: 'batch' },
  { path: '/v1/import', kind: 'batch' },
  { path: '/v1/identify', kind: 'identify' },
  { path: '/v1/track', kind: 'track' },
  { path: '/v1/page', kind: 'page' },
  { path: '/v1/screen', kind: 'screen' },
  { path: '/v1/group', kind: 'group' },
  { path: '/v1/alias', kind: 'alias' },
  { path: '/v1/b', kind: 'batch' },
  { path: '/v1/i', kind: 'identify' },
  { path: '/v1/t', kind: 'track' },
  { path: '/v1/p', kind: 'page' },
  { path: '/v1/s', kind: 'screen' },
  { path: '/v1/g', kind: 'group' },
  { path: '/v1/a', kind: 'alias' },
];

const RejectedItem = Type.Object({
  index: Type.Integer(),
  messageId: Type.Union([Type.String(), Type.Null()]),
  code: Type.String(),
  field: Type.String(),
  detail: Type.String(),
});
const Accepted = Type.Object({
  success: Type.Literal(true),
  rejected: Type.Optional(Type.Array(RejectedItem)),
});

/** Seconds a client waits before retrying when the database is unreachable or the queue is full. */
const retryAfterUnavailable = 5;
const retryAfterBusy = 1;

/**
 * Flushes in flight on PostgreSQL: the next flush is built and sent while the database writes
 * and commits the previous one.
 */
const ingestFlushesInFlight = 2;

function unavailable(cause: unknown): AppError {
  return new AppError('service_unavailable', 'events could not be stored right now; nothing was stored', {
    retryAfter: retryAfterUnavailable,
    cause,
  });
}

function setCors(request: FastifyRequest, reply: FastifyReply): void {
  const origin = request.headers.origin;
  // Write keys are public and nothing here reads cookies, so any page may send events.
  reply.header('access-control-allow-origin', origin ?? '*');
  // Browser clients honour Retry-After on 429/503 only if they may read it.
  reply.header('access-control-expose-headers', 'Retry-After');
  if (origin) {
    reply.header('access-control-allow-credentials', 'true');
    reply.header('vary', 'Origin');
  }
}

/**
 * The Segment-compatible ingestion API. Requests authenticate with a write key (Basic user name,
 * Bearer, or `writeKey` in the body), are parsed by a size- and depth-capped reader, validated
 * event by event, and acknowledged once committed by the shared group-commit writer.
 */
export async function ingestRoutes(app: FastifyInstance): Promise<void> {
  const { db, clock, config } = app.deps;
  const freemailDomains = new Set(config.freemailDomains);
  // PGlite is one connection: one flush at a time. PostgreSQL works on the next flush while one
  // commits (docs/decisions/0005-event-row-and-ingest-flushes.md).
  const concurrentWriters = app.deps.dbKind === 'postgres';
  const committer = createGroupCommit<IngestUnit>({
    write: (units) => storeBatch(db, units, { freemailDomains, clock, concurrentWriters }),
    maxBatchWeight: 5_000,
    maxWaitMs: 0,
    maxQueuedWeight: 50_000,
    concurrency: concurrentWriters ? ingestFlushesInFlight : 1,
  });
  const writeKeys = createWriteKeyCache({ verify: (key) => verifyApiKey(db, key, 'write', clock()), clock });
  app.addHook('onClose', async () => committer.drain());

  const resolveKey = async (key: string, field: string) => {
    let verified: Awaited<ReturnType<typeof writeKeys.resolve>>;
    try {
      verified = await writeKeys.resolve(key);
    } catch (error) {
      throw unavailable(error);
    }
    if (!verified) throw new AppError('unauthenticated', 'the write key is invalid or revoked', { field });
    return verified;
  };

  // Only these routes read bodies this way; the rest of the API keeps Fastify's JSON parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', async (request: FastifyRequest, payload: FastifyRequest['raw']) => {
    const body = await readLimitedBody(
      payload,
      {
        contentType: request.headers['content-type'],
        contentLength: request.headers['content-length'],
        contentEncoding: request.headers['content-encoding'],
      },
      request.routeOptions.bodyLimit ?? ingestLimits.maxRequestBytes,
    );
    return parseJsonBody(body, ingestLimits.maxJsonDepth);
  });

  app.addHook('onRequest', async (request, reply) => {
    setCors(request, reply);
    if (request.method !== 'POST') return;
    // A key in the headers is checked before the body is read.
    const key = presentedKey(request);
    if (key !== undefined) {
      const verified = await resolveKey(key, 'authorization');
      request.principal = { kind: 'write_key', workspaceId: verified.workspaceId, keyId: verified.keyId };
    }
  });

  for (const { path, kind } of endpoints) {
    app.post(
      path,
      {
        config: { auth: 'write_key' },
        bodyLimit: ingestLimits.maxRequestBytes,
        schema: {
          tags: ['ingestion'],
          summary: kind === 'batch' ? 'Send a batch of events' : `Send one ${kind} call`,
          description:
            'Segment HTTP Tracking API. Write key as the Basic user name, a Bearer token or `writeKey` in the body. ' +
            'Limits: 32 KB per event, 500 KB per request (after gzip), 2,500 events per batch. ' +
            'Events that fail validation are listed in `rejected`; the others are stored.',
          security: [{ writeKey: [] }],
          response: { 200: Accepted },
        },
      },
      async (request) => {
        const receivedAt = clock();
        const parsed = parseIngestRequest(request.body, { kind, receivedAt });
        if (request.principal === null) {
          const bodyKey = parsed.ok ? parsed.value.writeKey : undefined;
          if (bodyKey === undefined) {
            throw new AppError(
              'unauthenticated',
              'send the write key as the Basic auth user name, a Bearer token, or writeKey in the body',
              { field: 'authorization' },
            );
          }
          const verified = await resolveKey(bodyKey, '/writeKey');
          request.principal = { kind: 'write_key', workspaceId: verified.workspaceId, keyId: verified.keyId };
        }
        if (request.principal.kind !== 'write_key')
          throw new AppError('unauthenticated', 'a write key is required');
        if (!parsed.ok) {
          const { code, detail, field } = parsed.rejection;
          throw new AppError(code, detail, { field });
        }
        const { accepted, rejected } = parsed.value;
        try {
          await committer.submit(
            { workspaceId: request.principal.workspaceId, receivedAt, events: accepted, rejected },
            accepted.length + rejected.length,
          );
        } catch (error) {
          if (error instanceof QueueFullError) {
            throw new AppError('rate_limited', 'ingestion is saturated; retry shortly', {
              retryAfter: retryAfterBusy,
            });
          }
          request.log.error({ err: error }, 'storing events failed');
          throw unavailable(error);
        }
        const list = rejected.map((r) => ({
          index: r.index,
          messageId: r.messageId,
          code: r.rejection.code,
          field: r.rejection.field,
          detail: r.rejection.detail,
        }));
        if (accepted.length === 0) {
          // Nothing could be stored: say so with the first reason (the rejections are kept).
          const first = rejected[0]!.rejection;
          throw new AppError(first.code, first.detail, {
            field: first.field,
            errors: list.map((r) => ({ field: r.field, detail: r.detail, code: r.code })),
          });
        }
        return list.length > 0 ? { success: true as const, rejected: list } : { success: true as const };
      },
    );
  }

  app.options('/v1/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    const requested = request.headers['access-control-request-headers'];
    return reply
      .status(204)
      .header('access-control-allow-methods', 'POST, OPTIONS')
      .header(
        'access-control-allow-headers',
        typeof requested === 'string' && requested !== ''
          ? requested
          : 'content-type, authorization, content-encoding',
      )
      .header('access-control-max-age', '86400')
      .send();
  });
}
