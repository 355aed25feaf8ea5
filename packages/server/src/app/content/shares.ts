import { createHash, randomBytes } from 'node:crypto';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId } from '../../id.js';
import type { StoreBatchOptions } from '../../ingest/store-batch.js';
import { visibleAccounts, visibleContacts } from '../../store/access.js';
import { currentVersion, findVisibleAsset } from '../../store/asset.repo.js';
import type { Db } from '../../store/db.js';
import type { AssetRow, AssetVersionRow, ShareLinkRow, ShareViewRow } from '../../store/schema.js';
import { type InternalTrack, recordInternalEvents } from '../internal-events.js';
import { notify } from '../notifications/notify.js';
import type { Viewer } from '../viewer.js';

/** Share tokens carry 128 random bits; only their sha256 is stored. */
export const hashShareToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Seconds one ping may add at most: pings come every 15 s while the page is visible. */
export const maxPingSeconds = 20;

/**
 * A rep shares an asset with a contact or an account they can see. The link's token is returned
 * once, here; the library keeps only its hash. Approved assets can be shared, and a rep's own
 * suggestions (drafts) too; retired ones cannot.
 */
export async function createShare(
  db: Db,
  input: {
    viewer: Viewer;
    now: Date;
    assetId: string;
    contactId?: string | undefined;
    accountId?: string | undefined;
    emailGate: boolean;
    expiresAt?: Date | undefined;
  },
): Promise<{ share: ShareLinkRow; token: string }> {
  const { viewer, now } = input;
  if (!input.contactId && !input.accountId) throw invalid('/contactId', 'share with a contact or an account');
  if (input.expiresAt && input.expiresAt.getTime() <= now.getTime())
    throw invalid('/expiresAt', 'must be in the future');
  return db.transaction().execute(async (trx) => {
    const asset = await findVisibleAsset(trx, viewer, input.assetId);
    if (!asset) throw notFound('asset');
    if (asset.status === 'retired')
      throw new AppError('conflict', 'a retired asset cannot be shared', { field: '/status' });
    if (asset.current_version === 0)
      throw new AppError('conflict', 'the asset has no file or link yet', { field: '/file' });
    let accountId = input.accountId ?? null;
    if (input.contactId) {
      const contact = await visibleContacts(trx, viewer)
        .select(['contact.id', 'contact.account_id'])
        .where('contact.id', '=', input.contactId)
        .executeTakeFirst();
      if (!contact) throw invalid('/contactId', 'no such contact');
      accountId ??= contact.account_id;
    }
    if (input.accountId) {
      const account = await visibleAccounts(trx, viewer)
        .select('account.id')
        .where('account.id', '=', input.accountId)
        .executeTakeFirst();
      if (!account) throw invalid('/accountId', 'no such account');
    }
    const token = randomBytes(16).toString('base64url');
    const share = await trx
      .insertInto('share_link')
      .values({
        workspace_id: viewer.workspaceId,
        id: newId(now.getTime()),
        token_hash: hashShareToken(token),
        asset_id: asset.id,
        contact_id: input.contactId ?? null,
        account_id: accountId,
        rep_id: viewer.userId,
        email_gate: input.emailGate,
        expires_at: input.expiresAt ?? null,
        revoked_at: null,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { share, token };
  });
}

/** The sharing rep (or marketing, or an admin) ends a link; it answers 410 from then on. */
export async function revokeShare(
  db: Db,
  input: { viewer: Viewer; now: Date; shareId: string },
): Promise<ShareLinkRow> {
  const { viewer } = input;
  const row = await db
    .selectFrom('share_link')
    .selectAll()
    .where('workspace_id', '=', viewer.workspaceId)
    .where('id', '=', input.shareId)
    .executeTakeFirst();
  const mayRevoke = viewer.role === 'admin' || viewer.role === 'marketing' || row?.rep_id === viewer.userId;
  if (!row || !mayRevoke) throw notFound('share');
  if (row.revoked_at) return row;
  return db
    .updateTable('share_link')
    .set({ revoked_at: input.now })
    .where('workspace_id', '=', viewer.workspaceId)
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export type OpenedShare =
  | { kind: 'missing' }
  | { kind: 'gone'; reason: 'expired' | 'revoked' | 'retired' }
  | {
      kind: 'ok';
      share: ShareLinkRow;
      asset: AssetRow;
      version: AssetVersionRow;
      contactEmail: string | null;
      repName: string | null;
    };

/** What a token opens, looked up by its hash; links past expiry, revoked or of a retired asset are gone. */
export async function openShare(db: Db, token: string, now: Date): Promise<OpenedShare> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return { kind: 'missing' };
  const share = await db
    .selectFrom('share_link')
    .selectAll()
    .where('token_hash', '=', hashShareToken(token))
    .executeTakeFirst();
  if (!share) return { kind: 'missing' };
  if (share.revoked_at) return { kind: 'gone', reason: 'revoked' };
  if (share.expires_at && share.expires_at.getTime() <= now.getTime())
    return { kind: 'gone', reason: 'expired' };
  const asset = await db
    .selectFrom('asset')
    .selectAll()
    .where('workspace_id', '=', share.workspace_id)
    .where('id', '=', share.asset_id)
    .executeTakeFirst();
  if (!asset || asset.status === 'retired') return { kind: 'gone', reason: 'retired' };
  const version = await currentVersion(db, asset);
  if (!version) return { kind: 'missing' };
  const contact = share.contact_id
    ? await db
        .selectFrom('contact')
        .select('email')
        .where('workspace_id', '=', share.workspace_id)
        .where('id', '=', share.contact_id)
        .executeTakeFirst()
    : undefined;
  const rep = share.rep_id
    ? await db
        .selectFrom('app_user')
        .select('name')
        .where('workspace_id', '=', share.workspace_id)
        .where('id', '=', share.rep_id)
        .executeTakeFirst()
    : undefined;
  return {
    kind: 'ok',
    share,
    asset,
    version,
    contactEmail: contact?.email ?? null,
    repName: rep?.name ?? null,
  };
}

type Opened = Extract<OpenedShare, { kind: 'ok' }>;

const trackOf = (
  opened: Opened,
  view: ShareViewRow,
  event: 'Content Viewed' | 'Content Downloaded',
  messageId: string,
  at: Date,
): InternalTrack | null => {
  const email = view.viewer_email ?? opened.contactEmail;
  if (!email) return null;
  return {
    messageId,
    event,
    email,
    anonymousId: `share-view:${view.id}`,
    properties: {
      assetId: opened.asset.id,
      assetTitle: opened.asset.title,
      stage: opened.asset.stage,
      shareId: opened.share.id,
      seconds: view.seconds,
    },
    occurredAt: at,
  };
};

/**
 * A visit of the viewer page starts a view session: the sharing rep is notified (once per
 * session) in the same transaction, then `Content Viewed` is recorded on the viewer — the gate's
 * email, else the shared contact's — so it feeds identity and Interest scoring.
 */
export async function startView(
  db: Db,
  input: { opened: Opened; email: string | null; now: Date; events: StoreBatchOptions },
): Promise<ShareViewRow> {
  const { opened, now } = input;
  const { share, asset } = opened;
  const view = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('share_view')
      .values({
        workspace_id: share.workspace_id,
        id: newId(now.getTime()),
        share_id: share.id,
        asset_id: asset.id,
        viewer_email: input.email,
        started_at: now,
        last_ping_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (share.rep_id) {
      const who = input.email ?? opened.contactEmail ?? 'Someone at the account';
      await notify(trx, {
        workspaceId: share.workspace_id,
        type: 'content.viewed',
        recipientUserIds: [share.rep_id],
        subject: { type: 'asset', id: asset.id },
        title: `${who} is viewing ${asset.title}`,
        body: `Opened the link you shared on ${share.created_at.toISOString().slice(0, 10)}.`,
        data: {
          assetId: asset.id,
          shareId: share.id,
          viewId: row.id,
          contactId: share.contact_id,
          accountId: share.account_id,
          email: input.email ?? opened.contactEmail,
        },
        occurredAt: now,
        skipEmail: true,
      });
    }
    return row;
  });
  const track = trackOf(opened, view, 'Content Viewed', `content-view:${view.id}`, now);
  if (track) await recordInternalEvents(db, input.events, share.workspace_id, [track]);
  return view;
}

/** The view session `viewId` of this share, or null when it is not one of its sessions. */
export async function findView(
  db: Db,
  share: ShareLinkRow,
  viewId: string | undefined,
): Promise<ShareViewRow | null> {
  if (!viewId || !/^[0-9a-f-]{36}$/.test(viewId)) return null;
  const row = await db
    .selectFrom('share_view')
    .selectAll()
    .where('workspace_id', '=', share.workspace_id)
    .where('share_id', '=', share.id)
    .where('id', '=', viewId)
    .executeTakeFirst();
  return row ?? null;
}

/**
 * A ping from a visible viewer page: the time since the previous ping counts, capped at
 * `maxPingSeconds` so a page left in a background tab or a replayed ping adds little.
 */
export async function pingView(db: Db, view: ShareViewRow, now: Date): Promise<void> {
  const elapsed = Math.floor((now.getTime() - view.last_ping_at.getTime()) / 1000);
  const add = Math.max(0, Math.min(maxPingSeconds, elapsed));
  await db
    .updateTable('share_view')
    .set((eb) => ({ seconds: eb('seconds', '+', add), last_ping_at: now }))
    .where('workspace_id', '=', view.workspace_id)
    .where('id', '=', view.id)
    .where('last_ping_at', '<', now)
    .execute();
}

/** A download from the viewer page: counted on the session and recorded as `Content Downloaded`. */
export async function recordDownload(
  db: Db,
  input: { opened: Opened; view: ShareViewRow; now: Date; events: StoreBatchOptions },
): Promise<void> {
  const view = await db
    .updateTable('share_view')
    .set((eb) => ({ downloads: eb('downloads', '+', 1) }))
    .where('workspace_id', '=', input.view.workspace_id)
    .where('id', '=', input.view.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const track = trackOf(
    input.opened,
    view,
    'Content Downloaded',
    `content-download:${view.id}:${view.downloads}`,
    input.now,
  );
  if (track) await recordInternalEvents(db, input.events, view.workspace_id, [track]);
}
