import { sql } from 'kysely';
import type { EnrollmentRule } from '../core/nurture/enrollment-rules.js';
import type { NurtureStep } from '../core/nurture/program.js';
import type { Executor } from './executor.js';
import type {
  EmailSuppressionRow,
  EmailTemplateRow,
  NurtureEnrollmentRow,
  NurtureProgramRow,
  NurtureSendRow,
} from './schema.js';

/** A program as the rest of the code sees it. */
export interface NurtureProgram {
  id: string;
  name: string;
  description: string;
  status: 'draft' | 'active' | 'paused';
  rules: EnrollmentRule[];
  steps: NurtureStep[];
  sendRatePerMinute: number;
  requireOptIn: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export const programOf = (row: NurtureProgramRow): NurtureProgram => ({
  id: row.id,
  name: row.name,
  description: row.description,
  status: row.status,
  rules: row.rules as EnrollmentRule[],
  steps: row.steps as NurtureStep[],
  sendRatePerMinute: row.send_rate_per_minute,
  requireOptIn: row.require_opt_in,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function findProgram(
  db: Executor,
  workspaceId: string,
  id: string,
  options: { lock?: boolean } = {},
): Promise<NurtureProgram | undefined> {
  let query = db
    .selectFrom('nurture_program')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id);
  if (options.lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? programOf(row) : undefined;
}

export async function listPrograms(db: Executor, workspaceId: string): Promise<NurtureProgram[]> {
  const rows = await db
    .selectFrom('nurture_program')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
  return rows.map(programOf);
}

export async function findTemplate(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<EmailTemplateRow | undefined> {
  return db
    .selectFrom('email_template')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function listTemplates(db: Executor, workspaceId: string): Promise<EmailTemplateRow[]> {
  return db
    .selectFrom('email_template')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('name')
    .execute();
}

export async function lockEnrollment(
  db: Executor,
  workspaceId: string,
  id: string,
): Promise<NurtureEnrollmentRow | undefined> {
  return db
    .selectFrom('nurture_enrollment')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function findSendByToken(db: Executor, token: string): Promise<NurtureSendRow | undefined> {
  return db.selectFrom('nurture_send').selectAll().where('token', '=', token).executeTakeFirst();
}

export async function findSendOfEmail(
  db: Executor,
  workspaceId: string,
  emailMessageId: string,
): Promise<NurtureSendRow | undefined> {
  return db
    .selectFrom('nurture_send')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('email_message_id', '=', emailMessageId)
    .executeTakeFirst();
}

/** What a step decision reads of the enrollment's sends: which steps sent, engagement, the last one. */
export async function sendsOfEnrollment(
  db: Executor,
  workspaceId: string,
  enrollmentId: string,
): Promise<Array<Pick<NurtureSendRow, 'step_id' | 'created_at' | 'opened_at' | 'clicked_at' | 'id'>>> {
  return db
    .selectFrom('nurture_send')
    .select(['id', 'step_id', 'created_at', 'opened_at', 'clicked_at'])
    .where('workspace_id', '=', workspaceId)
    .where('enrollment_id', '=', enrollmentId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function isSuppressed(db: Executor, workspaceId: string, email: string): Promise<boolean> {
  const row = await db
    .selectFrom('email_suppression')
    .select('email')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row !== undefined;
}

/** Adds an address to the suppression list; an existing entry keeps its first reason. */
export async function suppressAddress(
  db: Executor,
  input: {
    workspaceId: string;
    email: string;
    reason: EmailSuppressionRow['reason'];
    note?: string | null;
    at: Date;
  },
): Promise<boolean> {
  const inserted = await db
    .insertInto('email_suppression')
    .values({
      workspace_id: input.workspaceId,
      email: input.email.toLowerCase(),
      reason: input.reason,
      note: input.note ?? null,
      at: input.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('email')
    .executeTakeFirst();
  return inserted !== undefined;
}

export async function listSuppressions(
  db: Executor,
  input: { workspaceId: string; limit: number; after?: string; search?: string },
): Promise<EmailSuppressionRow[]> {
  let query = db
    .selectFrom('email_suppression')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .orderBy('email')
    .limit(input.limit);
  if (input.after) query = query.where('email', '>', input.after);
  if (input.search)
    query = query.where('email', 'like', `%${input.search.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
  return query.execute();
}

export async function removeSuppression(db: Executor, workspaceId: string, email: string): Promise<boolean> {
  const result = await db
    .deleteFrom('email_suppression')
    .where('workspace_id', '=', workspaceId)
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Per step of a program: emails written, opened and clicked. */
export async function stepResults(
  db: Executor,
  workspaceId: string,
  programId: string,
): Promise<Array<{ stepId: string; sent: number; opened: number; clicked: number }>> {
  const rows = await db
    .selectFrom('nurture_send')
    .select([
      'step_id',
      sql<string>`count(*)`.as('sent'),
      sql<string>`count(opened_at)`.as('opened'),
      sql<string>`count(clicked_at)`.as('clicked'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('program_id', '=', programId)
    .groupBy('step_id')
    .execute();
  return rows.map((r) => ({
    stepId: r.step_id,
    sent: Number(r.sent),
    opened: Number(r.opened),
    clicked: Number(r.clicked),
  }));
}

/** Enrollment counts of a program by status. */
export async function enrollmentCounts(
  db: Executor,
  workspaceId: string,
  programId: string,
): Promise<{ active: number; completed: number; exited: number }> {
  const rows = await db
    .selectFrom('nurture_enrollment')
    .select(['status', sql<string>`count(*)`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('program_id', '=', programId)
    .groupBy('status')
    .execute();
  const counts = { active: 0, completed: 0, exited: 0 };
  for (const r of rows) counts[r.status] = Number(r.n);
  return counts;
}
