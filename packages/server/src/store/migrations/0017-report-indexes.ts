import { type Kysely, sql } from 'kysely';

/**
 * Reports find every lead of a person, closed ones included (attribution's lead-creation
 * milestone); the unique index on open leads does not cover those.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index lead_contact on lead (workspace_id, contact_id, created_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index lead_contact`.execute(db);
}
