import { type Kysely, sql } from 'kysely';

/**
 * The core tables of the domain model. Every table carries workspace_id and is keyed by
 * (workspace_id, id) so the schema can be distributed by workspace (see docs/ARCHITECTURE.md).
 * No foreign keys cross workspaces; references inside a workspace are composite.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table workspace (
      id uuid primary key,
      name text not null,
      slug text not null unique,
      timezone text not null default 'UTC',
      created_at timestamptz not null default now()
    );

    create table partner (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      tier text not null default 'registered',
      created_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );

    create table team (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      kind text not null default 'sales' check (kind in ('sales', 'marketing', 'partner')),
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, name)
    );

    create table app_user (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      email text not null,
      name text not null,
      role text not null check (role in ('admin', 'marketing', 'sales_rep', 'sales_manager', 'partner')),
      team_id uuid,
      partner_id uuid,
      password_hash text,
      status text not null default 'active' check (status in ('active', 'disabled')),
      out_of_office boolean not null default false,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, team_id) references team (workspace_id, id),
      foreign key (workspace_id, partner_id) references partner (workspace_id, id),
      check (role <> 'partner' or partner_id is not null)
    );
    create unique index app_user_email on app_user (workspace_id, lower(email));
    create index app_user_email_lookup on app_user (lower(email));

    create table session (
      workspace_id uuid not null references workspace (id),
      id text not null,
      user_id uuid not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      user_agent text,
      primary key (workspace_id, id),
      foreign key (workspace_id, user_id) references app_user (workspace_id, id) on delete cascade
    );
    create unique index session_token on session (id);

    create table api_key (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      kind text not null check (kind in ('write', 'secret')),
      name text not null,
      prefix text not null,
      key_hash text not null,
      created_by uuid,
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz,
      primary key (workspace_id, id)
    );
    create unique index api_key_hash on api_key (key_hash);

    create table account (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      domain text,
      name text not null,
      industry text,
      employees integer,
      country text,
      region text,
      traits jsonb not null default '{}',
      owner_id uuid,
      partner_id uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create unique index account_domain on account (workspace_id, domain) where domain is not null;

    create table contact (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      email text,
      first_name text,
      last_name text,
      title text,
      phone text,
      country text,
      account_id uuid,
      owner_id uuid,
      partner_id uuid,
      traits jsonb not null default '{}',
      consent jsonb not null default '{}',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, account_id) references account (workspace_id, id)
    );
    create unique index contact_email on contact (workspace_id, lower(email)) where email is not null;
    create index contact_account on contact (workspace_id, account_id);

    create table identity (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      kind text not null check (kind in ('anonymous_id', 'user_id')),
      value text not null,
      contact_id uuid not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, kind, value),
      foreign key (workspace_id, contact_id) references contact (workspace_id, id)
    );

    create table campaign (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      channel text not null,
      utm_campaign text,
      cost_cents bigint not null default 0,
      starts_on date,
      ends_on date,
      owner_team_id uuid,
      requested_by_sales boolean not null default false,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create unique index campaign_utm on campaign (workspace_id, lower(utm_campaign)) where utm_campaign is not null;

    create table event (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      message_id text not null,
      type text not null check (type in ('track', 'page', 'screen', 'identify', 'group', 'alias')),
      name text,
      anonymous_id text,
      user_id text,
      contact_id uuid,
      account_id uuid,
      campaign_id uuid,
      occurred_at timestamptz not null,
      received_at timestamptz not null default now(),
      properties jsonb not null default '{}',
      context jsonb not null default '{}',
      primary key (workspace_id, id),
      unique (workspace_id, message_id)
    );
    create index event_contact on event (workspace_id, contact_id, occurred_at desc);
    create index event_account on event (workspace_id, account_id, occurred_at desc);
    create index event_anonymous on event (workspace_id, anonymous_id) where contact_id is null;

    create table lead (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      contact_id uuid not null,
      funnel text not null default 'default',
      stage text not null check (stage in
        ('lead', 'mql', 'accepted', 'sql', 'opportunity', 'won', 'lost', 'recycled', 'disqualified')),
      owner_id uuid,
      team_id uuid,
      partner_id uuid,
      source text,
      fit_points integer not null default 0,
      fit_grade text,
      interest_sum double precision not null default 0,
      interest_ref_at timestamptz,
      contract_version integer,
      mql_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, contact_id) references contact (workspace_id, id)
    );
    create unique index lead_open_per_funnel on lead (workspace_id, contact_id, funnel)
      where stage not in ('won', 'lost', 'disqualified');
    create index lead_owner on lead (workspace_id, owner_id, stage);
    create index lead_team on lead (workspace_id, team_id, stage);
    create index lead_partner on lead (workspace_id, partner_id) where partner_id is not null;

    create table stage_transition (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      lead_id uuid not null,
      from_stage text,
      to_stage text not null,
      at timestamptz not null,
      cause text not null check (cause in ('rule', 'user', 'system', 'import')),
      actor_id uuid,
      reason_code text,
      note text,
      contract_version integer,
      primary key (workspace_id, id),
      foreign key (workspace_id, lead_id) references lead (workspace_id, id)
    );
    create index stage_transition_lead on stage_transition (workspace_id, lead_id, at);

    create table opportunity (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      account_id uuid,
      name text not null,
      amount_cents bigint not null default 0 check (amount_cents >= 0),
      currency text not null default 'USD',
      stage text not null default 'discovery',
      probability integer not null default 10 check (probability between 0 and 100),
      close_date date,
      owner_id uuid,
      partner_id uuid,
      source_lead_id uuid,
      status text not null default 'open' check (status in ('open', 'won', 'lost')),
      closed_at timestamptz,
      lost_reason text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create index opportunity_account on opportunity (workspace_id, account_id);
    create index opportunity_owner on opportunity (workspace_id, owner_id);

    create table activity (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      kind text not null check (kind in ('call', 'email', 'meeting', 'note')),
      lead_id uuid,
      contact_id uuid,
      user_id uuid,
      occurred_at timestamptz not null,
      subject text,
      note text,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create index activity_lead on activity (workspace_id, lead_id, occurred_at);

    create table audit_log (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      actor_kind text not null check (actor_kind in ('user', 'api_key', 'system')),
      actor_id uuid,
      action text not null,
      target_type text,
      target_id text,
      details jsonb not null default '{}',
      ip text,
      at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create index audit_log_at on audit_log (workspace_id, at desc);
    create index audit_log_action on audit_log (workspace_id, action, target_id, at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table audit_log, activity, opportunity, stage_transition, lead, event, campaign, identity,
      contact, account, api_key, session, app_user, team, partner, workspace cascade
  `.execute(db);
}
