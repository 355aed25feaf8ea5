import { type Kysely, sql } from 'kysely';

/**
 * Ingestion: rejected events are kept with their reason (never silently lost); events keep the
 * Segment fields the foundation table lacked (traits, groupId, previousId) and their UTM
 * parameters and referrer as columns, so attribution reads them without parsing JSON.
 * Accounts get the `groupId` of Segment `group` calls as an external id.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table event_rejection (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      received_at timestamptz not null,
      message_id text,
      code text not null,
      field text,
      detail text not null,
      payload jsonb not null default '{}',
      primary key (workspace_id, id)
    );
    create index event_rejection_received on event_rejection (workspace_id, received_at desc);

    alter table event
      add column traits jsonb not null default '{}',
      add column group_id text,
      add column previous_id text,
      add column utm_source text,
      add column utm_medium text,
      add column utm_campaign text,
      add column utm_term text,
      add column utm_content text,
      add column referrer text,
      add column page_url text;

    -- Timelines page newest first by (occurred_at, id); the id makes the cursor exact.
    drop index event_contact;
    drop index event_account;
    create index event_contact on event (workspace_id, contact_id, occurred_at desc, id desc);
    create index event_account on event (workspace_id, account_id, occurred_at desc, id desc);
    -- Stitching finds a user's events recorded before the user was known.
    create index event_user_unstitched on event (workspace_id, user_id)
      where contact_id is null and user_id is not null;

    alter table account add column external_id text;
    create unique index account_external on account (workspace_id, external_id) where external_id is not null;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index account_external;
    alter table account drop column external_id;
    drop index event_user_unstitched;
    drop index event_contact;
    drop index event_account;
    create index event_contact on event (workspace_id, contact_id, occurred_at desc);
    create index event_account on event (workspace_id, account_id, occurred_at desc);
    alter table event
      drop column traits, drop column group_id, drop column previous_id, drop column utm_source,
      drop column utm_medium, drop column utm_campaign, drop column utm_term, drop column utm_content,
      drop column referrer, drop column page_url;
    drop table event_rejection;
  `.execute(db);
}
