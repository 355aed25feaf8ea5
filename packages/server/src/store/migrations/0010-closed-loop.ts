import { type Kysely, sql } from 'kysely';

/**
 * Closed-loop reporting, first part: campaigns get UTM source/medium patterns and monthly costs;
 * opportunities get configurable pipeline stages, contact roles and a won reason; touchpoints
 * are derived from events and activities by a job that follows a cursor per source, so the
 * ingest path is untouched.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table campaign
      add column utm_source_pattern text,
      add column utm_medium_pattern text,
      add column updated_at timestamptz not null default now();
    create unique index campaign_name on campaign (workspace_id, lower(name));

    create table campaign_cost (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      campaign_id uuid not null,
      month date not null check (date_part('day', month) = 1),
      amount_cents bigint not null check (amount_cents >= 0),
      currency text not null default 'USD',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, campaign_id, month),
      foreign key (workspace_id, campaign_id) references campaign (workspace_id, id) on delete cascade
    );

    create table pipeline_stage (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      key text not null,
      name text not null,
      position integer not null,
      probability integer not null check (probability between 0 and 100),
      outcome text not null default 'open' check (outcome in ('open', 'won', 'lost')),
      primary key (workspace_id, id),
      unique (workspace_id, key)
    );

    alter table opportunity add column won_reason text;
    create index opportunity_created on opportunity (workspace_id, created_at);
    create index opportunity_closed on opportunity (workspace_id, closed_at) where closed_at is not null;

    create table opportunity_contact_role (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      opportunity_id uuid not null,
      contact_id uuid not null,
      role text not null,
      is_primary boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, opportunity_id, contact_id),
      foreign key (workspace_id, opportunity_id) references opportunity (workspace_id, id) on delete cascade,
      foreign key (workspace_id, contact_id) references contact (workspace_id, id)
    );
    create index opportunity_contact_role_contact on opportunity_contact_role (workspace_id, contact_id);

    create table touchpoint (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      source text not null check (source in ('event', 'activity')),
      source_id uuid not null,
      occurred_at timestamptz not null,
      contact_id uuid,
      account_id uuid,
      campaign_id uuid,
      channel text not null,
      kind text not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, source, source_id)
    );
    create index touchpoint_contact on touchpoint (workspace_id, contact_id, occurred_at);
    create index touchpoint_account on touchpoint (workspace_id, account_id, occurred_at);
    -- Touches recorded before their visitor was identified, waiting to be linked to a contact.
    create index touchpoint_unlinked on touchpoint (workspace_id, source_id) where contact_id is null;

    create table touchpoint_cursor (
      workspace_id uuid not null references workspace (id),
      source text not null check (source in ('event', 'activity')),
      last_id uuid not null,
      updated_at timestamptz not null,
      primary key (workspace_id, source)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table touchpoint_cursor, touchpoint, opportunity_contact_role, pipeline_stage, campaign_cost;
    drop index opportunity_closed;
    drop index opportunity_created;
    alter table opportunity drop column won_reason;
    drop index campaign_name;
    alter table campaign drop column utm_source_pattern, drop column utm_medium_pattern, drop column updated_at;
  `.execute(db);
}
