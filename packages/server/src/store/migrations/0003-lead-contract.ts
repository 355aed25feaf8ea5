import { type Kysely, sql } from 'kysely';

/**
 * Lead contract versions and their sign-off. A version is numbered 1, 2, 3… per workspace; each
 * side (marketing, sales) signs at most once and one person signs at most one side, so the
 * database itself refuses a version signed twice by the same hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lead_contract (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      version integer not null check (version > 0),
      status text not null check (status in
        ('draft', 'submitted', 'approved', 'active', 'superseded', 'rejected', 'withdrawn')),
      document jsonb not null,
      source_format text not null check (source_format in ('yaml', 'json')),
      source text,
      author_id uuid,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      submitted_at timestamptz,
      effective_at timestamptz,
      activated_at timestamptz,
      rolled_back_from integer,
      note text,
      primary key (workspace_id, id),
      unique (workspace_id, version)
    );
    create index lead_contract_in_force on lead_contract (workspace_id, effective_at)
      where status in ('approved', 'active', 'superseded');

    create table lead_contract_approval (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      contract_id uuid not null,
      user_id uuid not null,
      side text not null check (side in ('marketing', 'sales')),
      decision text not null check (decision in ('approve', 'reject')),
      comment text,
      at timestamptz not null,
      primary key (workspace_id, id),
      foreign key (workspace_id, contract_id) references lead_contract (workspace_id, id),
      foreign key (workspace_id, user_id) references app_user (workspace_id, id),
      unique (workspace_id, contract_id, side),
      unique (workspace_id, contract_id, user_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table lead_contract_approval, lead_contract`.execute(db);
}
