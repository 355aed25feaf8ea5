import { sql } from 'kysely';
import type { Executor } from './executor.js';

export type IdentityKind = 'anonymous_id' | 'user_id';

export interface ResolvedIdentity {
  kind: IdentityKind;
  value: string;
  contactId: string;
  accountId: string | null;
}

/** Advisory lock namespace of ingestion's per-workspace identity lock (any constant of ours). */
const identityLockClass = 0x7a6e;

/**
 * Orders a flush's identity work against the workspace's other flushes, for this transaction:
 * flushes that may identify someone take it exclusively, the others shared. Without it a
 * concurrent flush could insert a visitor's event unattributed while another flush identifies
 * the visitor and stitches, neither seeing the other's uncommitted rows, and the event would
 * stay anonymous. Take it before looking identities up (a statement sees what committed before
 * it started).
 */
export async function lockWorkspaceIdentities(
  db: Executor,
  workspaceId: string,
  mode: 'shared' | 'exclusive',
): Promise<void> {
  const key = sql`${identityLockClass}::int4, hashtext(${workspaceId}::text)`;
  await (mode === 'exclusive'
    ? sql`select pg_advisory_xact_lock(${key})`
    : sql`select pg_advisory_xact_lock_shared(${key})`
  ).execute(db);
}

/** The contacts (and their accounts) known by any of these anonymous ids or user ids. */
export async function findIdentities(
  db: Executor,
  workspaceId: string,
  ids: { anonymousIds: string[]; userIds: string[] },
): Promise<ResolvedIdentity[]> {
  if (ids.anonymousIds.length === 0 && ids.userIds.length === 0) return [];
  const rows = await db
    .selectFrom('identity as i')
    .innerJoin('contact as c', (join) =>
      join.onRef('c.workspace_id', '=', 'i.workspace_id').onRef('c.id', '=', 'i.contact_id'),
    )
    .select(['i.kind', 'i.value', 'i.contact_id', 'c.account_id'])
    .where('i.workspace_id', '=', workspaceId)
    .where((eb) =>
      eb.or([
        eb.and([eb('i.kind', '=', 'anonymous_id'), sql<boolean>`i.value = any(${ids.anonymousIds}::text[])`]),
        eb.and([eb('i.kind', '=', 'user_id'), sql<boolean>`i.value = any(${ids.userIds}::text[])`]),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    kind: r.kind,
    value: r.value,
    contactId: r.contact_id,
    accountId: r.account_id,
  }));
}

/**
 * Ties an id to a contact unless it already belongs to one (the first contact keeps it).
 * Returns the contact the id belongs to afterwards.
 */
export async function linkIdentity(
  db: Executor,
  input: { workspaceId: string; id: string; kind: IdentityKind; value: string; contactId: string; at: Date },
): Promise<string> {
  const inserted = await db
    .insertInto('identity')
    .values({
      workspace_id: input.workspaceId,
      id: input.id,
      kind: input.kind,
      value: input.value,
      contact_id: input.contactId,
      created_at: input.at,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'kind', 'value']).doNothing())
    .returning('contact_id')
    .executeTakeFirst();
  if (inserted) return inserted.contact_id;
  const existing = await db
    .selectFrom('identity')
    .select('contact_id')
    .where('workspace_id', '=', input.workspaceId)
    .where('kind', '=', input.kind)
    .where('value', '=', input.value)
    .executeTakeFirstOrThrow();
  return existing.contact_id;
}
