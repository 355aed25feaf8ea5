import { type Kysely, sql } from 'kysely';

/**
 * Content: an asset library (files or external URLs, with immutable versions), share links reps
 * send to a contact or an account, and the view sessions of those links. A share link's token is
 * stored only as its sha256, like a session token.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table asset (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      title text not null,
      description text not null default '',
      stage text not null check (stage in ('awareness', 'consideration', 'decision')),
      personas text[] not null default '{}',
      products text[] not null default '{}',
      industries text[] not null default '{}',
      tags text[] not null default '{}',
      status text not null default 'draft' check (status in ('draft', 'approved', 'retired')),
      format text,
      current_version integer not null default 0,
      origin text not null check (origin in ('marketing', 'sales')),
      created_by uuid,
      request_id uuid,
      approved_by uuid,
      approved_at timestamptz,
      retired_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create index asset_status on asset (workspace_id, status, updated_at);

    create table asset_version (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      asset_id uuid not null,
      version integer not null,
      kind text not null check (kind in ('file', 'url')),
      url text,
      file_name text,
      mime text,
      size_bytes bigint,
      sha256 text,
      note text,
      created_by uuid,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      unique (workspace_id, asset_id, version),
      foreign key (workspace_id, asset_id) references asset (workspace_id, id) on delete cascade,
      check ((kind = 'url') = (url is not null)),
      check ((kind = 'file') = (sha256 is not null and mime is not null and size_bytes is not null))
    );

    create table share_link (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      token_hash text not null unique,
      asset_id uuid not null,
      contact_id uuid,
      account_id uuid,
      rep_id uuid,
      email_gate boolean not null default false,
      expires_at timestamptz,
      revoked_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id),
      foreign key (workspace_id, asset_id) references asset (workspace_id, id) on delete cascade,
      foreign key (workspace_id, contact_id) references contact (workspace_id, id),
      foreign key (workspace_id, account_id) references account (workspace_id, id),
      check (contact_id is not null or account_id is not null)
    );
    create index share_link_asset on share_link (workspace_id, asset_id);
    create index share_link_rep on share_link (workspace_id, rep_id, created_at);

    create table share_view (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      share_id uuid not null,
      asset_id uuid not null,
      viewer_email text,
      started_at timestamptz not null,
      last_ping_at timestamptz not null,
      seconds integer not null default 0,
      downloads integer not null default 0,
      primary key (workspace_id, id),
      foreign key (workspace_id, share_id) references share_link (workspace_id, id) on delete cascade
    );
    create index share_view_share on share_view (workspace_id, share_id, started_at);
    create index share_view_asset on share_view (workspace_id, asset_id, started_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table share_view, share_link, asset_version, asset;`.execute(db);
}
