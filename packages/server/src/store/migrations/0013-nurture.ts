import { type Kysely, sql } from 'kysely';

/**
 * Nurture programs: email sequences with waits and conditions, their templates, enrollments,
 * sends with tracking tokens, and the suppression list. Outgoing mail goes through the
 * existing email_message outbox, which gains headers and a stream: marketing email is checked
 * against the suppression list again right before it is handed to SMTP.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table email_template (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      subject text not null,
      html text not null,
      text text not null,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (workspace_id, id)
    );
    create unique index email_template_name on email_template (workspace_id, lower(name));

    create table nurture_program (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      name text not null,
      description text not null default '',
      status text not null default 'draft' check (status in ('draft', 'active', 'paused')),
      rules jsonb not null default '[]',
      steps jsonb not null default '[]',
      send_rate_per_minute integer not null default 60 check (send_rate_per_minute between 1 and 100000),
      require_opt_in boolean not null default false,
      -- The earliest time the next email of this program may be handed to SMTP (rate limit).
      next_send_at timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      primary key (workspace_id, id)
    );
    create unique index nurture_program_name on nurture_program (workspace_id, lower(name));

    create table nurture_enrollment (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      program_id uuid not null,
      lead_id uuid not null,
      contact_id uuid not null,
      status text not null default 'active' check (status in ('active', 'completed', 'exited')),
      exit_reason text,
      current_step text,
      -- Counts advances: the step timer of advance n carries n, so a stale timer does nothing.
      step_seq integer not null default 0,
      next_at timestamptz,
      enrolled_at timestamptz not null,
      enrolled_by text not null check (enrolled_by in ('rule', 'user')),
      enrolled_by_user uuid,
      ended_at timestamptz,
      primary key (workspace_id, id)
    );
    -- One enrollment per lead and program, ever: a lead does not restart a program by itself.
    create unique index nurture_enrollment_lead on nurture_enrollment (workspace_id, program_id, lead_id);
    create index nurture_enrollment_contact on nurture_enrollment (workspace_id, contact_id) where status = 'active';
    create index nurture_enrollment_active_lead on nurture_enrollment (workspace_id, lead_id) where status = 'active';

    create table nurture_send (
      workspace_id uuid not null references workspace (id),
      id uuid not null,
      enrollment_id uuid not null,
      program_id uuid not null,
      step_id text not null,
      email_message_id uuid not null,
      to_address text not null,
      -- Random, unguessable: names the send in the open pixel, click and unsubscribe links.
      token text not null,
      -- The original URL of each tracked link, by index; a click redirects only to these.
      links jsonb not null default '[]',
      created_at timestamptz not null,
      opened_at timestamptz,
      clicked_at timestamptz,
      clicks integer not null default 0,
      primary key (workspace_id, id)
    );
    -- Never two emails for one step of one enrollment, however often the step runs.
    create unique index nurture_send_step on nurture_send (workspace_id, enrollment_id, step_id);
    create unique index nurture_send_token on nurture_send (token);
    create index nurture_send_email on nurture_send (workspace_id, email_message_id);
    create index nurture_send_program on nurture_send (workspace_id, program_id, step_id);

    create table email_suppression (
      workspace_id uuid not null references workspace (id),
      email text not null,
      reason text not null check (reason in ('unsubscribe', 'bounce', 'manual')),
      note text,
      at timestamptz not null,
      primary key (workspace_id, email)
    );

    alter table email_message add column headers jsonb not null default '{}';
    alter table email_message add column stream text not null default 'transactional'
      check (stream in ('transactional', 'marketing'));
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table email_message drop column stream;
    alter table email_message drop column headers;
    drop table email_suppression;
    drop table nurture_send;
    drop table nurture_enrollment;
    drop table nurture_program;
    drop table email_template;
  `.execute(db);
}
