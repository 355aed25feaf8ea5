import { type Kysely, sql } from 'kysely';

/**
 * A cheaper event row to insert (issue 3's throughput targets; docs/decisions/0005-event-row-and-ingest-flushes.md).
 * Timelines and scoring only ever look up events of a known contact or account, so those two
 * indexes skip the anonymous events (most traffic) instead of indexing NULLs. `context` is written
 * and returned but never queried, so it is kept as `json` (validated text) rather than paying for
 * a `jsonb` conversion of every event.
 *
 * Live scoring rewrites a lead's score on every flush that brings it events: `score_state` is
 * only ever read whole, so it becomes `json` too, and the lead table leaves room in each page
 * (fillfactor 70) so those updates can stay on their page without touching the lead indexes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index event_contact;
    drop index event_account;
    create index event_contact on event (workspace_id, contact_id, occurred_at desc, id desc)
      where contact_id is not null;
    create index event_account on event (workspace_id, account_id, occurred_at desc, id desc)
      where account_id is not null;
    alter table event alter column context drop default;
    alter table event alter column context type json using context::json;
    alter table event alter column context set default '{}';
    alter table lead alter column score_state type json using score_state::json;
    alter table lead set (fillfactor = 70);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lead reset (fillfactor);
    alter table lead alter column score_state type jsonb using score_state::jsonb;
    alter table event alter column context drop default;
    alter table event alter column context type jsonb using context::jsonb;
    alter table event alter column context set default '{}';
    drop index event_contact;
    drop index event_account;
    create index event_contact on event (workspace_id, contact_id, occurred_at desc, id desc);
    create index event_account on event (workspace_id, account_id, occurred_at desc, id desc);
  `.execute(db);
}
