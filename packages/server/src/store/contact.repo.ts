import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { ContactRow } from './schema.js';

export async function findContactById(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findContactByEmail(
  db: Executor,
  workspaceId: string,
  email: string,
): Promise<ContactRow | undefined> {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where(sql<boolean>`lower(email) = ${email.toLowerCase()}`)
    .executeTakeFirst();
}

/**
 * Creates a contact; when another writer created one with the same email first, returns that one
 * (so concurrent identifications of one person never fail on the unique email).
 */
export async function insertContactOrGetByEmail(
  db: Executor,
  input: { workspaceId: string; id: string; email: string | null; at: Date },
): Promise<ContactRow> {
  const inserted = await db
    .insertInto('contact')
    .values({
      workspace_id: input.workspaceId,
      id: input.id,
      email: input.email,
      created_at: input.at,
      updated_at: input.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returningAll()
    .executeTakeFirst();
  if (inserted) return inserted;
  const existing = input.email ? await findContactByEmail(db, input.workspaceId, input.email) : undefined;
  if (!existing) throw new Error('contact insert conflicted but no contact has that email');
  return existing;
}

/** Contact columns set from Segment traits; everything else goes into the traits document. */
export interface ContactFields {
  email?: string;
  first_name?: string;
  last_name?: string;
  title?: string;
  phone?: string;
  country?: string;
}

export interface ContactChanges extends ContactFields {
  account_id?: string;
}

/** Sets the given columns and merges `traits` (JSON) into the traits document. */
export async function updateContact(
  db: Executor,
  input: { workspaceId: string; id: string; changes: ContactChanges; traits: string | null; at: Date },
): Promise<ContactRow> {
  return db
    .updateTable('contact')
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
