import { type Kysely, sql } from 'kysely';

/**
 * Durable timers: every deadline the product keeps (SLA warn/breach/reassign, nurture steps,
 * sweeps) is a row here, claimed by any server process with FOR UPDATE SKIP LOCKED, so N
 * processes share the work without a coordinator and a crash loses nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table timer (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      kind text not null,
      subject_type text,
      subject_id text,
      due_at timestamptz not null,
      payload jsonb not null default '{}',
      status text not null default 'pending'
        check (status in ('pending', 'running', 'done', 'failed', 'cancelled')),
      attempts integer not null default 0,
      last_error text,
      locked_by text,
      locked_until timestamptz,
      created_at timestamptz not null default now(),
      fired_at timestamptz,
      dedupe_key text,
      primary key (workspace_id, id)
    );
    -- Scheduling the same deadline twice (a retried request, two processes) yields one timer.
    create unique index timer_dedupe on timer (workspace_id, dedupe_key) where dedupe_key is not null;
    -- The claim reads due pending timers and expired leases; both sets stay small.
    create index timer_due on timer (due_at) where status = 'pending';
    create index timer_lease on timer (locked_until) where status = 'running';
    -- Cancelling a subject's clocks (a lead accepted, a request delivered).
    create index timer_subject on timer (workspace_id, subject_type, subject_id) where status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table timer`.execute(db);
}
