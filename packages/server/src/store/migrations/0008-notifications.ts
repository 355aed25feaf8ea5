import { type Kysely, sql } from 'kysely';

/**
 * Notifications and their delivery channels. A notification is written in the transaction of
 * the change it reports; its inbox rows, email messages and webhook deliveries are written with
 * it, and delivery timers are scheduled there too, so a rolled-back change notifies nobody and
 * a committed one is delivered even across a crash.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      type text not null,
      subject_type text not null,
      subject_id text not null,
      title text not null,
      body text not null,
      data jsonb not null default '{}',
      occurred_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );
    create table notification_recipient (
      workspace_id uuid not null,
      notification_id uuid not null,
      user_id uuid not null,
      read_at timestamptz,
      primary key (workspace_id, notification_id, user_id)
    );
    -- The inbox: one user's notifications, newest first, and the unread count.
    create index notification_recipient_inbox on notification_recipient (workspace_id, user_id, notification_id desc);
    create index notification_recipient_unread on notification_recipient (workspace_id, user_id)
      where read_at is null;

    create table email_message (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      notification_id uuid,
      user_id uuid,
      to_address text not null,
      subject text not null,
      text_body text not null,
      html_body text,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      attempts integer not null default 0,
      last_error text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      primary key (workspace_id, id)
    );
    -- One email per notification and recipient, however often notify() is retried.
    create unique index email_message_notification on email_message (workspace_id, notification_id, user_id)
      where notification_id is not null;

    create table webhook_endpoint (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      url text not null,
      description text not null default '',
      events text[] not null,
      secret text not null,
      active boolean not null default true,
      created_by uuid,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, id)
    );

    create table webhook_delivery (
      workspace_id uuid not null,
      id uuid not null,
      endpoint_id uuid not null,
      notification_id uuid,
      event_type text not null,
      status text not null default 'pending' check (status in ('pending', 'delivered', 'dead')),
      attempts integer not null default 0,
      -- Replays start a new series of attempts; the count keeps their timers apart.
      replays integer not null default 0,
      next_attempt_at timestamptz,
      last_status_code integer,
      last_error text,
      payload text not null,
      created_at timestamptz not null default now(),
      delivered_at timestamptz,
      primary key (workspace_id, id)
    );
    -- One delivery per notification and endpoint (test events have no notification).
    create unique index webhook_delivery_notification on webhook_delivery (workspace_id, endpoint_id, notification_id)
      where notification_id is not null;
    create index webhook_delivery_endpoint on webhook_delivery (workspace_id, endpoint_id, id desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table webhook_delivery;
    drop table webhook_endpoint;
    drop table email_message;
    drop table notification_recipient;
    drop table notification;
  `.execute(db);
}
