import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { Type } from 'typebox';
import {
  addUrlVersion,
  createAsset,
  moveAsset,
  updateAsset,
  uploadAssetFile,
} from '../../app/content/assets.js';
import { createShare, revokeShare } from '../../app/content/shares.js';
import { assetFormats, assetStages, assetStatuses } from '../../core/content/asset.js';
import { allowedType } from '../../core/content/sniff.js';
import { notFound } from '../../errors.js';
import { assetVersions, findVisibleAsset, listAssets } from '../../store/asset.repo.js';
import { type AssetFileStore, assetFileStore } from '../../store/asset-files.js';
import type { AssetRow, AssetVersionRow, MarketingRequestRow, ShareLinkRow } from '../../store/schema.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const NullableUuid = Type.Union([Uuid, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const NullableString = Type.Union([Type.String(), Type.Null()]);
const Tags = Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { maxItems: 30 });
const tags = ['content'];

const Version = Type.Object({
  id: Uuid,
  version: Type.Integer(),
  kind: Type.Enum(['file', 'url']),
  url: NullableString,
  fileName: NullableString,
  mime: NullableString,
  sizeBytes: Type.Union([Type.Integer(), Type.Null()]),
  sha256: NullableString,
  note: NullableString,
  createdBy: NullableUuid,
  createdAt: DateTime,
});

const Asset = Type.Object({
  id: Uuid,
  title: Type.String(),
  description: Type.String(),
  stage: Type.Enum(assetStages),
  personas: Type.Array(Type.String()),
  products: Type.Array(Type.String()),
  industries: Type.Array(Type.String()),
  tags: Type.Array(Type.String()),
  status: Type.Enum(assetStatuses),
  format: Type.Union([Type.Enum(assetFormats), Type.Null()]),
  currentVersion: Type.Integer(),
  origin: Type.Enum(['marketing', 'sales']),
  createdBy: NullableUuid,
  requestId: NullableUuid,
  approvedBy: NullableUuid,
  approvedAt: NullableDateTime,
  retiredAt: NullableDateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
});

const AssetWithVersions = Type.Intersect([Asset, Type.Object({ versions: Type.Array(Version) })]);
const SuggestionRequest = Type.Union([
  Type.Object({ id: Uuid, title: Type.String(), status: Type.String() }),
  Type.Null(),
]);

const Share = Type.Object({
  id: Uuid,
  assetId: Uuid,
  contactId: NullableUuid,
  accountId: NullableUuid,
  repId: NullableUuid,
  emailGate: Type.Boolean(),
  expiresAt: NullableDateTime,
  revokedAt: NullableDateTime,
  createdAt: DateTime,
});

const metadataFields = {
  title: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.String({ maxLength: 5000 }),
  stage: Type.Enum(assetStages),
  personas: Tags,
  products: Tags,
  industries: Tags,
  tags: Tags,
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function assetView(a: AssetRow) {
  return {
    id: a.id,
    title: a.title,
    description: a.description,
    stage: a.stage,
    personas: a.personas,
    products: a.products,
    industries: a.industries,
    tags: a.tags,
    status: a.status,
    format: a.format,
    currentVersion: a.current_version,
    origin: a.origin,
    createdBy: a.created_by,
    requestId: a.request_id,
    approvedBy: a.approved_by,
    approvedAt: iso(a.approved_at),
    retiredAt: iso(a.retired_at),
    createdAt: a.created_at.toISOString(),
    updatedAt: a.updated_at.toISOString(),
  };
}

const versionView = (v: AssetVersionRow) => ({
  id: v.id,
  version: v.version,
  kind: v.kind,
  url: v.url,
  fileName: v.file_name,
  mime: v.mime,
  sizeBytes: v.size_bytes,
  sha256: v.sha256,
  note: v.note,
  createdBy: v.created_by,
  createdAt: v.created_at.toISOString(),
});

const shareView = (s: ShareLinkRow) => ({
  id: s.id,
  assetId: s.asset_id,
  contactId: s.contact_id,
  accountId: s.account_id,
  repId: s.rep_id,
  emailGate: s.email_gate,
  expiresAt: iso(s.expires_at),
  revokedAt: iso(s.revoked_at),
  createdAt: s.created_at.toISOString(),
});

const requestSummary = (r: MarketingRequestRow | null) =>
  r ? { id: r.id, title: r.title, status: r.status } : null;

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266). */
export function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a stored file with the type it was sniffed as, never one a browser could reinterpret:
 * `nosniff`, a sandboxing policy, and a download disposition unless it is shown inline.
 */
export async function sendAssetFile(
  reply: FastifyReply,
  files: AssetFileStore,
  version: AssetVersionRow,
  disposition: 'inline' | 'attachment',
) {
  const opened = version.sha256 ? await files.open(version.workspace_id, version.sha256) : null;
  if (!opened || !version.mime) throw notFound('file');
  const type = allowedType(version.mime);
  const mime = version.mime.startsWith('text/') ? `${version.mime}; charset=utf-8` : version.mime;
  return reply
    .header('content-type', mime)
    .header('content-length', opened.size)
    .header('x-content-type-options', 'nosniff')
    .header(
      'content-disposition',
      contentDisposition(type?.inline ? disposition : 'attachment', version.file_name ?? 'file'),
    )
    .header('cache-control', 'private, no-store')
    .send(opened.stream);
}

/** The asset library: search, create, edit, approve/retire, versions, files and share links. */
export async function contentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const files = assetFileStore(app.deps.config.dataDir);

  r.get(
    '/api/v1/assets',
    {
      schema: {
        tags,
        summary: 'Search the asset library',
        description:
          '`q` matches words in the title, description and tags. Marketing and admins see every asset; ' +
          'others see approved assets (and sales their own suggestions).',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 200 })),
          stage: Type.Optional(Type.Enum(assetStages)),
          persona: Type.Optional(Type.String({ maxLength: 80 })),
          product: Type.Optional(Type.String({ maxLength: 80 })),
          industry: Type.Optional(Type.String({ maxLength: 80 })),
          status: Type.Optional(Type.Enum(assetStatuses)),
          type: Type.Optional(Type.Enum(assetFormats)),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
        }),
        response: { 200: Type.Object({ items: Type.Array(Asset) }) },
      },
    },
    async (request) => {
      const { q, stage, persona, product, industry, status, type, limit } = request.query;
      const rows = await listAssets(app.deps.db, requestViewer(request), {
        ...(q ? { q } : {}),
        ...(stage ? { stage } : {}),
        ...(persona ? { persona } : {}),
        ...(product ? { product } : {}),
        ...(industry ? { industry } : {}),
        ...(status ? { status } : {}),
        ...(type ? { format: type } : {}),
        limit: limit ?? 200,
      });
      return { items: rows.map(assetView) };
    },
  );

  r.post(
    '/api/v1/assets',
    {
      schema: {
        tags,
        summary: 'Add an asset (marketing) or suggest one (sales)',
        description:
          'Creates a draft, with a first version when `url` is given (upload a file with PUT …/file). ' +
          'From sales it is a suggestion: a request to marketing of kind `asset` opens with it.',
        body: Type.Object({
          title: metadataFields.title,
          description: Type.Optional(metadataFields.description),
          stage: metadataFields.stage,
          personas: Type.Optional(Tags),
          products: Type.Optional(Tags),
          industries: Type.Optional(Tags),
          tags: Type.Optional(Tags),
          url: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
        }),
        response: { 201: Type.Intersect([AssetWithVersions, Type.Object({ request: SuggestionRequest })]) },
      },
      config: { roles: ['admin', 'marketing', 'sales_rep', 'sales_manager'] },
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      const b = request.body;
      const { asset, request: opened } = await createAsset(app.deps.db, {
        viewer,
        now: app.deps.clock(),
        metadata: {
          title: b.title,
          description: b.description ?? '',
          stage: b.stage,
          personas: b.personas ?? [],
          products: b.products ?? [],
          industries: b.industries ?? [],
          tags: b.tags ?? [],
        },
        url: b.url,
      });
      const versions = await assetVersions(app.deps.db, viewer.workspaceId, asset.id);
      return reply
        .code(201)
        .send({ ...assetView(asset), versions: versions.map(versionView), request: requestSummary(opened) });
    },
  );

  r.get(
    '/api/v1/assets/:id',
    {
      schema: {
        tags,
        summary: 'One asset with its version history (newest first)',
        params: Type.Object({ id: Uuid }),
        response: { 200: AssetWithVersions },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const asset = await findVisibleAsset(app.deps.db, viewer, request.params.id);
      if (!asset) throw notFound('asset');
      const versions = await assetVersions(app.deps.db, viewer.workspaceId, asset.id);
      return { ...assetView(asset), versions: versions.map(versionView) };
    },
  );

  r.patch(
    '/api/v1/assets/:id',
    {
      schema: {
        tags,
        summary: 'Edit an asset’s metadata (marketing), or suggest an edit (sales)',
        description:
          'A rep may edit their own draft suggestion; any other edit from sales is not applied but becomes ' +
          'a request to marketing (answer 202 with the request).',
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object(metadataFields)),
        response: {
          200: Asset,
          202: Type.Object({ asset: Asset, request: SuggestionRequest }),
        },
      },
      config: { roles: ['admin', 'marketing', 'sales_rep', 'sales_manager'] },
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      const { asset, request: opened } = await updateAsset(app.deps.db, {
        viewer,
        now: app.deps.clock(),
        assetId: request.params.id,
        changes: request.body,
      });
      if (opened) return reply.code(202).send({ asset: assetView(asset), request: requestSummary(opened) });
      return assetView(asset);
    },
  );

  for (const move of ['approve', 'retire'] as const) {
    r.post(
      `/api/v1/assets/:id/${move}`,
      {
        schema: {
          tags,
          summary: move === 'approve' ? 'Approve an asset (marketing)' : 'Retire an asset (marketing)',
          description:
            move === 'approve'
              ? 'A draft with a file or link (or a retired asset) becomes approved and shareable.'
              : 'Its share links answer 410 from then on.',
          params: Type.Object({ id: Uuid }),
          response: { 200: Asset },
        },
        config: { roles: ['admin', 'marketing'] },
      },
      async (request) =>
        assetView(
          await moveAsset(app.deps.db, {
            viewer: requestViewer(request),
            now: app.deps.clock(),
            assetId: request.params.id,
            move,
          }),
        ),
    );
  }

  r.post(
    '/api/v1/assets/:id/versions',
    {
      schema: {
        tags,
        summary: 'Add a version that is an external link',
        description: 'Only http and https URLs. Upload a file version with PUT /api/v1/assets/{id}/file.',
        params: Type.Object({ id: Uuid }),
        body: Type.Object({
          url: Type.String({ minLength: 1, maxLength: 2000 }),
          note: Type.Optional(Type.String({ maxLength: 1000 })),
        }),
        response: { 201: Version },
      },
      config: { roles: ['admin', 'marketing', 'sales_rep', 'sales_manager'] },
    },
    async (request, reply) => {
      const row = await addUrlVersion(app.deps.db, {
        viewer: requestViewer(request),
        now: app.deps.clock(),
        assetId: request.params.id,
        url: request.body.url,
        note: request.body.note ?? null,
      });
      return reply.code(201).send(versionView(row));
    },
  );

  // Raw upload bodies: this scope reads the request stream itself instead of parsing it.
  await app.register(async (upload) => {
    upload.removeAllContentTypeParsers();
    upload.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    upload.withTypeProvider<TypeBoxTypeProvider>().put(
      '/api/v1/assets/:id/file',
      {
        schema: {
          tags,
          summary: 'Upload a file as the asset’s new version (raw body)',
          description:
            'Send the bytes as the body with their `Content-Type` and `?filename=`. The content is sniffed: ' +
            'a declared type that does not match the bytes answers 415 (`unsupported_media_type`, field `file`); ' +
            'past TANDEM_ASSET_MAX_BYTES answers 413 (`payload_too_large`). Allowed: PDF, PNG, JPEG, GIF, WebP, ' +
            'MP4, docx, pptx, xlsx, plain text and CSV.',
          params: Type.Object({ id: Uuid }),
          querystring: Type.Object({
            filename: Type.String({ minLength: 1, maxLength: 255 }),
            note: Type.Optional(Type.String({ maxLength: 1000 })),
          }),
          response: { 201: Version },
        },
        config: { roles: ['admin', 'marketing', 'sales_rep', 'sales_manager'] },
      },
      async (request, reply) => {
        const length = Number(request.headers['content-length']);
        const row = await uploadAssetFile(app.deps.db, {
          viewer: requestViewer(request),
          now: app.deps.clock(),
          assetId: request.params.id,
          files,
          body: request.body as NodeJS.ReadableStream as import('node:stream').Readable,
          declaredType: request.headers['content-type'] ?? '',
          fileName: request.query.filename,
          declaredLength: Number.isFinite(length) ? length : undefined,
          maxBytes: app.deps.config.assetMaxBytes,
          note: request.query.note ?? null,
        });
        return reply.code(201).send(versionView(row));
      },
    );
  });

  r.get(
    '/api/v1/assets/:id/file',
    {
      schema: {
        tags,
        summary: 'The asset’s file (current version, or `?version=`)',
        description:
          'Served with its sniffed type and `X-Content-Type-Options: nosniff`; `?download=true` to save it.',
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object({
          version: Type.Optional(Type.Integer({ minimum: 1 })),
          download: Type.Optional(Type.Boolean()),
        }),
      },
    },
    async (request, reply) => {
      const viewer = requestViewer(request);
      const asset = await findVisibleAsset(app.deps.db, viewer, request.params.id);
      if (!asset) throw notFound('asset');
      const wanted = request.query.version ?? asset.current_version;
      const version = (await assetVersions(app.deps.db, viewer.workspaceId, asset.id)).find(
        (v) => v.version === wanted && v.kind === 'file',
      );
      if (!version) throw notFound('file');
      return sendAssetFile(reply, files, version, request.query.download ? 'attachment' : 'inline');
    },
  );

  r.post(
    '/api/v1/assets/:id/shares',
    {
      schema: {
        tags,
        summary: 'Share an asset with a contact or an account',
        description:
          'Answers the link once (`url`); only a hash of its token is kept. Optional email gate and expiry. ' +
          'Views are recorded as `Content Viewed` / `Content Downloaded` events and notify the rep.',
        params: Type.Object({ id: Uuid }),
        body: Type.Object({
          contactId: Type.Optional(Uuid),
          accountId: Type.Optional(Uuid),
          emailGate: Type.Optional(Type.Boolean({ default: false })),
          expiresAt: Type.Optional(DateTime),
        }),
        response: { 201: Type.Intersect([Share, Type.Object({ url: Type.String(), token: Type.String() })]) },
      },
      config: { roles: ['admin', 'sales_rep', 'sales_manager'] },
    },
    async (request, reply) => {
      const b = request.body;
      const { share, token } = await createShare(app.deps.db, {
        viewer: requestViewer(request),
        now: app.deps.clock(),
        assetId: request.params.id,
        contactId: b.contactId,
        accountId: b.accountId,
        emailGate: b.emailGate ?? false,
        expiresAt: b.expiresAt ? new Date(b.expiresAt) : undefined,
      });
      return reply
        .code(201)
        .send({ ...shareView(share), token, url: `${app.deps.config.publicUrl}/s/${token}` });
    },
  );

  r.get(
    '/api/v1/shares',
    {
      schema: {
        tags,
        summary: 'My share links, newest first, with their views',
        querystring: Type.Object({
          assetId: Type.Optional(Uuid),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 200 })),
        }),
        response: {
          200: Type.Object({
            items: Type.Array(
              Type.Intersect([
                Share,
                Type.Object({
                  assetTitle: Type.String(),
                  views: Type.Integer(),
                  seconds: Type.Integer(),
                  downloads: Type.Integer(),
                  lastViewedAt: NullableDateTime,
                }),
              ]),
            ),
          }),
        },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      let q = app.deps.db
        .selectFrom('share_link')
        .innerJoin('asset', (j) =>
          j
            .onRef('asset.workspace_id', '=', 'share_link.workspace_id')
            .onRef('asset.id', '=', 'share_link.asset_id'),
        )
        .leftJoin('share_view', (j) =>
          j
            .onRef('share_view.workspace_id', '=', 'share_link.workspace_id')
            .onRef('share_view.share_id', '=', 'share_link.id'),
        )
        .selectAll('share_link')
        .select((eb) => [
          'asset.title as asset_title',
          eb.fn.count<number>('share_view.id').as('views'),
          eb.fn.coalesce(eb.fn.sum<number>('share_view.seconds'), eb.lit(0)).as('seconds'),
          eb.fn.coalesce(eb.fn.sum<number>('share_view.downloads'), eb.lit(0)).as('downloads'),
          eb.fn.max('share_view.started_at').as('last_viewed_at'),
        ])
        .where('share_link.workspace_id', '=', viewer.workspaceId)
        .where('share_link.rep_id', '=', viewer.userId ?? '00000000-0000-0000-0000-000000000000')
        .groupBy(['share_link.workspace_id', 'share_link.id', 'asset.title']);
      if (request.query.assetId) q = q.where('share_link.asset_id', '=', request.query.assetId);
      const rows = await q
        .orderBy('share_link.created_at', 'desc')
        .limit(request.query.limit ?? 200)
        .execute();
      return {
        items: rows.map((row) => ({
          ...shareView(row),
          assetTitle: row.asset_title,
          views: Number(row.views),
          seconds: Number(row.seconds),
          downloads: Number(row.downloads),
          lastViewedAt: row.last_viewed_at ? new Date(row.last_viewed_at).toISOString() : null,
        })),
      };
    },
  );

  r.post(
    '/api/v1/shares/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Revoke a share link (it answers 410 from then on)',
        params: Type.Object({ id: Uuid }),
        response: { 200: Share },
      },
    },
    async (request) =>
      shareView(
        await revokeShare(app.deps.db, {
          viewer: requestViewer(request),
          now: app.deps.clock(),
          shareId: request.params.id,
        }),
      ),
  );
}
