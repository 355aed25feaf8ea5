import type { Readable } from 'node:stream';
import type { AssetFormat, AssetStage } from '../../core/content/asset.js';
import {
  allowedType,
  allowedTypes,
  declaredMatches,
  sniffContent,
  zipEntryNames,
} from '../../core/content/sniff.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId } from '../../id.js';
import { findVisibleAsset, lockAsset } from '../../store/asset.repo.js';
import type { AssetFileStore } from '../../store/asset-files.js';
import type { Db } from '../../store/db.js';
import type { Executor } from '../../store/executor.js';
import type { AssetRow, AssetVersionRow, MarketingRequestRow } from '../../store/schema.js';
import { openRequest } from '../requests.js';
import type { Viewer } from '../viewer.js';

const marketing = new Set(['marketing', 'admin']);
const sales = new Set(['sales_rep', 'sales_manager']);

export interface AssetMetadata {
  title: string;
  description: string;
  stage: AssetStage;
  personas: string[];
  products: string[];
  industries: string[];
  tags: string[];
}

const tidy = (values: readonly string[]) => [...new Set(values.map((v) => v.trim()).filter((v) => v !== ''))];

/** Only http(s) URLs are stored: the viewer page redirects to it, so nothing else may get in. */
function checkUrl(url: string, field: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(field, 'not a URL');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw invalid(field, 'only http and https links can be shared');
  return parsed.toString();
}

/**
 * Marketing adds an asset to the library as a draft; a rep's new asset is a suggestion: a draft
 * plus a request to marketing (kind `asset`), which runs under marketing's request clock.
 */
export async function createAsset(
  db: Db,
  input: { viewer: Viewer; now: Date; metadata: AssetMetadata; url?: string | undefined },
): Promise<{ asset: AssetRow; request: MarketingRequestRow | null }> {
  const { viewer, now, metadata } = input;
  const fromSales = sales.has(viewer.role);
  if (!fromSales && !marketing.has(viewer.role))
    throw new AppError('forbidden', 'marketing adds assets; sales may suggest them');
  const url = input.url === undefined ? undefined : checkUrl(input.url, '/url');
  const ws = viewer.workspaceId;
  return db.transaction().execute(async (trx) => {
    const id = newId(now.getTime());
    const request = fromSales
      ? await openRequest(trx, {
          viewer,
          now,
          kind: 'asset',
          title: `Asset suggested: ${metadata.title.trim()}`,
          detail: [metadata.description, url ? `Link: ${url}` : null, `Asset: ${id}`]
            .filter(Boolean)
            .join('\n\n'),
        })
      : null;
    await trx
      .insertInto('asset')
      .values({
        workspace_id: ws,
        id,
        title: metadata.title.trim(),
        description: metadata.description,
        stage: metadata.stage,
        personas: tidy(metadata.personas),
        products: tidy(metadata.products),
        industries: tidy(metadata.industries),
        tags: tidy(metadata.tags),
        format: null,
        origin: fromSales ? 'sales' : 'marketing',
        created_by: viewer.userId,
        request_id: request?.id ?? null,
        approved_by: null,
        approved_at: null,
        retired_at: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    if (url)
      await insertVersion(trx, { viewer, now, assetId: id, version: { kind: 'url', url }, note: null });
    const asset = await lockAsset(trx, ws, id);
    return { asset: asset!, request };
  });
}

/** Who may change an asset directly: marketing, or the rep who suggested it while it is a draft. */
function canEdit(viewer: Viewer, asset: AssetRow): boolean {
  if (marketing.has(viewer.role)) return true;
  return asset.status === 'draft' && asset.created_by !== null && asset.created_by === viewer.userId;
}

/**
 * Changes an asset's metadata. A rep's edit to an asset they may not change becomes a suggestion
 * instead: a request to marketing describing the change; the asset stays as it is.
 */
export async function updateAsset(
  db: Db,
  input: { viewer: Viewer; now: Date; assetId: string; changes: Partial<AssetMetadata> },
): Promise<{ asset: AssetRow; request: MarketingRequestRow | null }> {
  const { viewer, now, changes } = input;
  const ws = viewer.workspaceId;
  return db.transaction().execute(async (trx) => {
    const asset = await visibleForChange(trx, viewer, input.assetId);
    if (!canEdit(viewer, asset)) {
      if (!sales.has(viewer.role)) throw new AppError('forbidden', 'marketing edits assets');
      const lines = Object.entries(changes).map(
        ([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`,
      );
      const request = await openRequest(trx, {
        viewer,
        now,
        kind: 'asset',
        title: `Edit suggested: ${asset.title}`,
        detail: [...lines, `Asset: ${asset.id}`].join('\n'),
      });
      return { asset, request };
    }
    const updated = await trx
      .updateTable('asset')
      .set({
        ...(changes.title !== undefined ? { title: changes.title.trim() } : {}),
        ...(changes.description !== undefined ? { description: changes.description } : {}),
        ...(changes.stage !== undefined ? { stage: changes.stage } : {}),
        ...(changes.personas !== undefined ? { personas: tidy(changes.personas) } : {}),
        ...(changes.products !== undefined ? { products: tidy(changes.products) } : {}),
        ...(changes.industries !== undefined ? { industries: tidy(changes.industries) } : {}),
        ...(changes.tags !== undefined ? { tags: tidy(changes.tags) } : {}),
        updated_at: now,
      })
      .where('workspace_id', '=', ws)
      .where('id', '=', asset.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { asset: updated, request: null };
  });
}

async function visibleForChange(trx: Executor, viewer: Viewer, assetId: string): Promise<AssetRow> {
  if (!(await findVisibleAsset(trx, viewer, assetId))) throw notFound('asset');
  const asset = await lockAsset(trx, viewer.workspaceId, assetId);
  if (!asset) throw notFound('asset');
  return asset;
}

type Move = 'approve' | 'retire';

/** Marketing approves a draft (or brings back a retired asset) or retires an asset. */
export async function moveAsset(
  db: Db,
  input: { viewer: Viewer; now: Date; assetId: string; move: Move },
): Promise<AssetRow> {
  const { viewer, now, move } = input;
  return db.transaction().execute(async (trx) => {
    const asset = await visibleForChange(trx, viewer, input.assetId);
    if (!marketing.has(viewer.role)) throw new AppError('forbidden', 'marketing approves and retires assets');
    const from = move === 'approve' ? ['draft', 'retired'] : ['draft', 'approved'];
    if (!from.includes(asset.status)) {
      const detail = `cannot ${move} an asset that is ${asset.status}`;
      throw new AppError('conflict', detail, {
        errors: [{ field: '/status', detail, code: 'illegal_transition' }],
      });
    }
    if (move === 'approve' && asset.current_version === 0)
      throw new AppError('conflict', 'an asset needs a file or a link before it is approved', {
        field: '/file',
      });
    return trx
      .updateTable('asset')
      .set(
        move === 'approve'
          ? {
              status: 'approved',
              approved_by: viewer.userId,
              approved_at: now,
              retired_at: null,
              updated_at: now,
            }
          : { status: 'retired', retired_at: now, updated_at: now },
      )
      .where('workspace_id', '=', viewer.workspaceId)
      .where('id', '=', asset.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}

type VersionContent =
  | { kind: 'url'; url: string }
  | { kind: 'file'; fileName: string; mime: string; size: number; sha256: string };

async function insertVersion(
  trx: Executor,
  input: { viewer: Viewer; now: Date; assetId: string; version: VersionContent; note: string | null },
): Promise<AssetVersionRow> {
  const ws = input.viewer.workspaceId;
  const asset = await lockAsset(trx, ws, input.assetId);
  if (!asset) throw notFound('asset');
  const number = asset.current_version + 1;
  const v = input.version;
  const format: AssetFormat = v.kind === 'url' ? 'link' : allowedType(v.mime)!.format;
  const row = await trx
    .insertInto('asset_version')
    .values({
      workspace_id: ws,
      id: newId(input.now.getTime()),
      asset_id: asset.id,
      version: number,
      kind: v.kind,
      url: v.kind === 'url' ? v.url : null,
      file_name: v.kind === 'file' ? v.fileName : null,
      mime: v.kind === 'file' ? v.mime : null,
      size_bytes: v.kind === 'file' ? v.size : null,
      sha256: v.kind === 'file' ? v.sha256 : null,
      note: input.note,
      created_by: input.viewer.userId,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await trx
    .updateTable('asset')
    .set({ current_version: number, format, updated_at: input.now })
    .where('workspace_id', '=', ws)
    .where('id', '=', asset.id)
    .execute();
  return row;
}

/** A new version that is an external link. */
export async function addUrlVersion(
  db: Db,
  input: { viewer: Viewer; now: Date; assetId: string; url: string; note: string | null },
): Promise<AssetVersionRow> {
  const url = checkUrl(input.url, '/url');
  return db.transaction().execute(async (trx) => {
    const asset = await visibleForChange(trx, input.viewer, input.assetId);
    if (!canEdit(input.viewer, asset)) throw new AppError('forbidden', 'marketing adds versions of assets');
    return insertVersion(trx, { ...input, version: { kind: 'url', url } });
  });
}

const safeName = (name: string) =>
  name
    .replace(/[\\/]/g, '_')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed.
    .replace(/[\u0000-\u001f\u007f"]/g, '')
    .trim()
    .slice(0, 200) || 'file';

/**
 * A new version that is an uploaded file: streamed to disk while hashed and counted (refused
 * past `maxBytes` without keeping anything), then sniffed by its magic bytes. The declared type
 * must be an allowed one and match what the bytes are, else nothing is kept.
 */
export async function uploadAssetFile(
  db: Db,
  input: {
    viewer: Viewer;
    now: Date;
    assetId: string;
    files: AssetFileStore;
    body: Readable;
    declaredType: string;
    fileName: string;
    declaredLength: number | undefined;
    maxBytes: number;
    note: string | null;
  },
): Promise<AssetVersionRow> {
  const { viewer } = input;
  const asset = await findVisibleAsset(db, viewer, input.assetId);
  if (!asset) throw notFound('asset');
  if (!canEdit(viewer, asset)) throw new AppError('forbidden', 'marketing adds versions of assets');
  const declared = input.declaredType.split(';')[0]!.trim().toLowerCase();
  if (!allowedType(declared))
    throw new AppError(
      'unsupported_media_type',
      `${declared || 'no type'} is not an allowed file type; allowed: ${allowedTypes.map((t) => t.mime).join(', ')}`,
      {
        field: 'file',
      },
    );
  const tooLarge = () =>
    new AppError('payload_too_large', `the file is larger than the limit of ${input.maxBytes} bytes`, {
      field: 'file',
    });
  if (input.declaredLength !== undefined && input.declaredLength > input.maxBytes) throw tooLarge();
  const received = await input.files.receive(input.body, {
    workspaceId: viewer.workspaceId,
    maxBytes: input.maxBytes,
  });
  if (received.kind === 'too_large') throw tooLarge();
  try {
    if (received.size === 0) throw invalid('file', 'the file is empty');
    const zip = received.head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
    const sniffed = sniffContent(received.head, zip ? zipEntryNames(await received.readTail()) : []);
    if (sniffed.kind === 'refused')
      throw new AppError(
        'unsupported_media_type',
        `declared ${declared} but the content is ${sniffed.what}`,
        {
          field: 'file',
        },
      );
    if (!declaredMatches(declared, sniffed.mime))
      throw new AppError(
        'unsupported_media_type',
        `declared ${declared} but the content is ${sniffed.mime}`,
        {
          field: 'file',
        },
      );
    await received.keep();
  } catch (error) {
    await received.discard();
    throw error;
  }
  return db.transaction().execute(async (trx) =>
    insertVersion(trx, {
      viewer,
      now: input.now,
      assetId: asset.id,
      version: {
        kind: 'file',
        fileName: safeName(input.fileName),
        mime: declared,
        size: received.size,
        sha256: received.sha256,
      },
      note: input.note,
    }),
  );
}
