import { type Kysely, sql } from 'kysely';

/**
 * Background work on the lead contract. `rescoring_run`: one per version that came into force,
 * rescoring every open lead in chunks; `cursor` is the last lead id done (keyset), so a restart
 * resumes where the last committed chunk ended. `backtest_run`: a backtest's request, progress
 * and result, polled by the web editor and the API.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table rescoring_run (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      version integer not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      total integer not null default 0,
      done integer not null default 0,
      new_mqls integer not null default 0,
      cursor uuid,
      error text,
      created_at timestamptz not null,
      started_at timestamptz,
      finished_at timestamptz,
      primary key (workspace_id, id)
    );
    create index rescoring_run_latest on rescoring_run (workspace_id, created_at desc);
    create table backtest_run (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      request jsonb not null,
      total integer not null default 0,
      done integer not null default 0,
      result jsonb,
      error text,
      created_by uuid,
      created_at timestamptz not null,
      -- Written with every chunk of progress; a run that stops beating was interrupted.
      heartbeat_at timestamptz not null,
      finished_at timestamptz,
      primary key (workspace_id, id)
    );
    -- A restart marks unfinished runs failed: find them without scanning finished ones.
    create index backtest_run_unfinished on backtest_run (status) where status in ('queued', 'running');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table backtest_run; drop table rescoring_run`.execute(db);
}
