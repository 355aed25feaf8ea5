import { type Kysely, sql } from 'kysely';

/**
 * The hand-off from marketing to sales and back: funnels, routing rules, business hours,
 * rep capacity, SLA clocks (both directions) and requests from sales to marketing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Several funnels per workspace (e.g. one per product line); lead.funnel holds the key.
    -- One open lead per contact per funnel is the partial unique index lead_open_per_funnel (0001).
    create table funnel (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      key text not null check (key ~ '^[a-z0-9][a-z0-9_-]{0,62}$'),
      name text not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, key)
    );

    -- The ordered routing rules of one funnel (validated by core/routing) and routing's memory
    -- between leads (round-robin cursors, weighted credits). Routing locks this row, so two
    -- hand-offs never take the same turn.
    create table routing_config (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      funnel text not null,
      rules jsonb not null default '[]',
      state jsonb not null default '{}',
      updated_by uuid,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, funnel)
    );

    -- Business hours of a team, or of the workspace when team_id is null (the fallback).
    create table business_hours (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      team_id uuid,
      hours jsonb not null,
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, team_id) references team (workspace_id, id)
    );
    create unique index business_hours_team on business_hours (workspace_id, team_id) where team_id is not null;
    create unique index business_hours_default on business_hours (workspace_id) where team_id is null;

    -- Routing settings per rep: open leads they may hold (null: no cap) and weight in weighted pools.
    create table rep_capacity (
      workspace_id uuid not null references workspace (id),
      user_id uuid not null,
      capacity integer check (capacity is null or capacity >= 0),
      weight integer not null default 1 check (weight between 0 and 1000),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, user_id),
      foreign key (workspace_id, user_id) references app_user (workspace_id, id)
    );

    create table marketing_request (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      kind text not null check (kind in ('campaign', 'asset', 'event_support', 'deal_help')),
      title text not null,
      detail text,
      status text not null default 'open' check (status in ('open', 'accepted', 'delivered', 'declined')),
      requested_by uuid,
      team_id uuid,
      assignee_id uuid,
      lead_id uuid,
      account_id uuid,
      opportunity_id uuid,
      decline_reason text,
      resolution_note text,
      created_at timestamptz not null,
      accepted_at timestamptz,
      delivered_at timestamptz,
      declined_at timestamptz,
      updated_at timestamptz not null,
      primary key (workspace_id, id)
    );
    create index marketing_request_status on marketing_request (workspace_id, status, created_at);

    -- One service-level clock: lead clocks (first touch, accept) run on the assigned rep's team
    -- hours, request clocks on the marketing team's. escalation_level: 0 none, 1 warned,
    -- 2 breached (escalated to the manager), 3 reassigned.
    create table sla_clock (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      subject_type text not null check (subject_type in ('lead', 'request')),
      subject_id uuid not null,
      kind text not null check (kind in ('first_touch', 'accept_reject', 'marketing_request')),
      assignee_id uuid,
      team_id uuid,
      started_at timestamptz not null,
      warn_at timestamptz not null,
      due_at timestamptz not null,
      reassign_at timestamptz,
      stopped_at timestamptz,
      stop_cause text check (stop_cause in ('activity', 'decision', 'cancelled', 'reassigned')),
      outcome text check (outcome in ('met', 'breached')),
      escalation_level integer not null default 0,
      warned_at timestamptz,
      breached_at timestamptz,
      contract_version integer,
      primary key (workspace_id, id)
    );
    create index sla_clock_subject on sla_clock (workspace_id, subject_type, subject_id);
    create index sla_clock_open on sla_clock (workspace_id, assignee_id, due_at) where stopped_at is null;
    create index sla_clock_started on sla_clock (workspace_id, started_at);


    -- When the current owner got the lead (routing or reassignment).
    alter table lead add column assigned_at timestamptz;
    create index activity_user on activity (workspace_id, user_id, occurred_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index activity_user;
    alter table lead drop column assigned_at;
    drop table sla_clock;
    drop table marketing_request;
    drop table rep_capacity;
    drop table business_hours;
    drop table routing_config;
    drop table funnel;
  `.execute(db);
}
