import { type Kysely, sql } from 'kysely';

/**
 * Revenue goals: a target for a period, optionally for one funnel, that the reverse funnel turns
 * into the leads, MQLs, SQLs and opportunities it takes. Reports read stage history by time and
 * by stage and time, so stage_transition gets indexes for both.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table goal (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      period_start date not null,
      period_end date not null,
      target_cents bigint not null check (target_cents >= 0),
      currency text not null default 'USD',
      funnel text,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id),
      check (period_end >= period_start)
    );
    create index goal_period on goal (workspace_id, period_start);
    create index stage_transition_stage on stage_transition (workspace_id, to_stage, at);
    create index stage_transition_at on stage_transition (workspace_id, at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index stage_transition_at;
    drop index stage_transition_stage;
    drop table goal;
  `.execute(db);
}
