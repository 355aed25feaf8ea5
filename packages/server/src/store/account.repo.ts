import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { AccountRow } from './schema.js';

export async function findAccountById(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findAccountByDomain(
  db: Executor,
  workspaceId: string,
  domain: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('domain', '=', domain)
    .executeTakeFirst();
}

export async function findAccountByExternalId(
  db: Executor,
  workspaceId: string,
  externalId: string,
): Promise<AccountRow | undefined> {
  return db
    .selectFrom('account')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

/**
 * Creates an account; when a concurrent writer created one with the same domain or external id
 * first, returns that one instead of failing.
 */
export async function insertAccountOrGetExisting(
  db: Executor,
  input: {
    workspaceId: string;
    id: string;
    name: string;
    domain: string | null;
    externalId: string | null;
    at: Date;
  },
): Promise<AccountRow> {
  const inserted = await db
    .insertInto('account')
    .values({
      workspace_id: input.workspaceId,
      id: input.id,
      name: input.name,
      domain: input.domain,
      external_id: input.externalId,
      created_at: input.at,
      updated_at: input.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing =
    (input.externalId ? await findAccountByExternalId(db, input.workspaceId, input.externalId) : undefined) ??
    (input.domain ? await findAccountByDomain(db, input.workspaceId, input.domain) : undefined);
  if (!existing) throw new Error('account insert conflicted but no account has that domain or external id');
  return existing;
}

export interface AccountChanges {
  name?: string;
  industry?: string;
  employees?: number;
  country?: string;
  domain?: string;
  external_id?: string;
}

/** Sets the given columns and merges `traits` (JSON) into the traits document. */
export async function updateAccount(
  db: Executor,
  input: { workspaceId: string; id: string; changes: AccountChanges; traits: string | null; at: Date },
): Promise<AccountRow> {
  return db
    .updateTable('account')
    .set({
      ...input.changes,
      ...(input.traits !== null ? { traits: sql`traits || ${input.traits}::jsonb` } : {}),
      updated_at: input.at,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
