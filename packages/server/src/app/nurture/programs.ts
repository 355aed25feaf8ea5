import type { EnrollmentRule } from '../../core/nurture/enrollment-rules.js';
import { checkSteps, type NurtureStep, templatesOf } from '../../core/nurture/program.js';
import { renderTemplate, unknownVariables } from '../../core/nurture/template.js';
import { AppError, invalid, notFound } from '../../errors.js';
import { newId } from '../../id.js';
import { insertAudit } from '../../store/audit.repo.js';
import type { Db } from '../../store/db.js';
import type { Executor } from '../../store/executor.js';
import { findProgram, findTemplate, type NurtureProgram, programOf } from '../../store/nurture.repo.js';
import type { EmailTemplateRow } from '../../store/schema.js';
import type { Actor } from '../workspaces.js';
import { enrollLeads, rescheduleProgram } from './enroll.js';
import { exitEnrollments } from './exits.js';
import { templateValuesOf } from './render.js';
import { ensureSweep } from './sweep.js';

export interface ProgramFields {
  name: string;
  description: string;
  rules: EnrollmentRule[];
  steps: NurtureStep[];
  sendRatePerMinute: number;
  requireOptIn: boolean;
}

export interface TemplateFields {
  name: string;
  subject: string;
  html: string;
  text: string;
}

const audit = (
  db: Executor,
  workspaceId: string,
  actor: Actor,
  action: string,
  targetId: string,
  details = {},
) =>
  insertAudit(db, {
    workspaceId,
    actorKind: actor.kind,
    actorId: actor.id,
    action,
    targetType: action.split('.')[0]!,
    targetId,
    details,
    ip: actor.ip ?? null,
  });

const uniqueViolation = (error: unknown) =>
  typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';

async function checkProgram(db: Executor, workspaceId: string, fields: ProgramFields): Promise<void> {
  const problem = checkSteps(fields.steps);
  if (problem) throw invalid(problem.field, problem.detail);
  for (const [i, step] of fields.steps.entries()) {
    if (step.type === 'email' && !(await findTemplate(db, workspaceId, step.templateId)))
      throw invalid(`/steps/${i}/templateId`, 'is not a template of this workspace');
  }
  for (const [i, rule] of fields.rules.entries()) {
    if (rule.type !== 'campaign') continue;
    const campaign = await db
      .selectFrom('campaign')
      .select('id')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', rule.campaignId)
      .executeTakeFirst();
    if (!campaign) throw invalid(`/rules/${i}/campaignId`, 'is not a campaign of this workspace');
  }
}

const programValues = (fields: ProgramFields) => ({
  name: fields.name,
  description: fields.description,
  rules: JSON.stringify(fields.rules),
  steps: JSON.stringify(fields.steps),
  send_rate_per_minute: fields.sendRatePerMinute,
  require_opt_in: fields.requireOptIn,
});

/** Creates a program in draft. */
export async function createProgram(
  db: Db,
  input: { workspaceId: string; fields: ProgramFields; actor: Actor; now: Date },
): Promise<NurtureProgram> {
  return db.transaction().execute(async (trx) => {
    await checkProgram(trx, input.workspaceId, input.fields);
    const id = newId(input.now.getTime());
    const row = await trx
      .insertInto('nurture_program')
      .values({
        workspace_id: input.workspaceId,
        id,
        ...programValues(input.fields),
        created_at: input.now,
        updated_at: input.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if (uniqueViolation(error))
          throw new AppError('conflict', 'another program has this name', { field: '/name' });
        throw error;
      });
    await audit(trx, input.workspaceId, input.actor, 'nurture_program.create', id);
    return programOf(row);
  });
}

/**
 * Changes a program. Steps of a program that has enrolled leads may change, but a step that
 * enrollments stand at must remain (they would be lost): such a change is refused.
 */
export async function updateProgram(
  db: Db,
  input: { workspaceId: string; id: string; fields: ProgramFields; actor: Actor; now: Date },
): Promise<NurtureProgram> {
  return db.transaction().execute(async (trx) => {
    const existing = await findProgram(trx, input.workspaceId, input.id, { lock: true });
    if (!existing) throw notFound('program');
    await checkProgram(trx, input.workspaceId, input.fields);
    const ids = new Set(input.fields.steps.map((s) => s.id));
    const standing = await trx
      .selectFrom('nurture_enrollment')
      .select('current_step')
      .distinct()
      .where('workspace_id', '=', input.workspaceId)
      .where('program_id', '=', input.id)
      .where('status', '=', 'active')
      .where('current_step', 'is not', null)
      .execute();
    const lost = standing.find((s) => !ids.has(s.current_step!));
    if (lost)
      throw new AppError(
        'conflict',
        `active enrollments stand at step ${lost.current_step}; keep that step`,
        {
          field: '/steps',
        },
      );
    const row = await trx
      .updateTable('nurture_program')
      .set({ ...programValues(input.fields), updated_at: input.now })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        if (uniqueViolation(error))
          throw new AppError('conflict', 'another program has this name', { field: '/name' });
        throw error;
      });
    await audit(trx, input.workspaceId, input.actor, 'nurture_program.update', input.id);
    return programOf(row);
  });
}

/** Activates or pauses a program. Activation picks paused enrollments up where they stood. */
export async function setProgramStatus(
  db: Db,
  input: { workspaceId: string; id: string; status: 'active' | 'paused'; actor: Actor; now: Date },
): Promise<NurtureProgram> {
  return db.transaction().execute(async (trx) => {
    const program = await findProgram(trx, input.workspaceId, input.id, { lock: true });
    if (!program) throw notFound('program');
    if (program.status === input.status) return program;
    if (input.status === 'active' && !program.steps.some((s) => s.type === 'email'))
      throw invalid('/steps', 'a program needs at least one email step to be activated');
    const row = await trx
      .updateTable('nurture_program')
      .set({ status: input.status, updated_at: input.now })
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (input.status === 'active') {
      await rescheduleProgram(trx, { workspaceId: input.workspaceId, programId: input.id, now: input.now });
      // Workspaces created after the server started have no sweep yet.
      await ensureSweep(trx, input.workspaceId, input.now);
    }
    await audit(
      trx,
      input.workspaceId,
      input.actor,
      `nurture_program.${input.status === 'active' ? 'activate' : 'pause'}`,
      input.id,
    );
    return programOf(row);
  });
}

/** Deletes a program that never enrolled anyone (otherwise pause it: its history stays). */
export async function deleteProgram(
  db: Db,
  input: { workspaceId: string; id: string; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findProgram(trx, input.workspaceId, input.id, { lock: true }))) throw notFound('program');
    const enrolled = await trx
      .selectFrom('nurture_enrollment')
      .select('id')
      .where('workspace_id', '=', input.workspaceId)
      .where('program_id', '=', input.id)
      .limit(1)
      .executeTakeFirst();
    if (enrolled)
      throw new AppError('conflict', 'the program has enrollments; pause it instead', { field: '/id' });
    await trx
      .deleteFrom('nurture_program')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.id)
      .execute();
    await audit(trx, input.workspaceId, input.actor, 'nurture_program.delete', input.id);
  });
}

/**
 * Enrolls leads by hand in an active program. Leads already enrolled in it are skipped; returns
 * how many were enrolled. Unknown leads are refused, naming the first.
 */
export async function enrollByHand(
  db: Db,
  input: { workspaceId: string; programId: string; leadIds: readonly string[]; actor: Actor; now: Date },
): Promise<{ enrolled: number; skipped: number }> {
  return db.transaction().execute(async (trx) => {
    const program = await findProgram(trx, input.workspaceId, input.programId);
    if (!program) throw notFound('program');
    if (program.status !== 'active')
      throw new AppError('conflict', 'activate the program first', { field: '/status' });
    const ids = [...new Set(input.leadIds)];
    const found = new Set(
      (
        await trx
          .selectFrom('lead')
          .select('id')
          .where('workspace_id', '=', input.workspaceId)
          .where('id', 'in', ids)
          .execute()
      ).map((l) => l.id),
    );
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw invalid(`/leadIds/${missing}`, 'is not a lead of this workspace');
    const enrolled = await enrollLeads(trx, {
      workspaceId: input.workspaceId,
      programId: program.id,
      firstStep: program.steps[0]?.id ?? null,
      leadIds: ids,
      by: 'user',
      userId: input.actor.kind === 'user' ? input.actor.id : null,
      now: input.now,
    });
    await audit(trx, input.workspaceId, input.actor, 'nurture_program.enroll', program.id, { enrolled });
    return { enrolled, skipped: ids.length - enrolled };
  });
}

/** Ends one enrollment by hand. */
export async function exitByHand(
  db: Db,
  input: { workspaceId: string; enrollmentId: string; actor: Actor; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const ended = await exitEnrollments(trx, {
      workspaceId: input.workspaceId,
      where: { enrollmentIds: [input.enrollmentId] },
      reason: 'manual',
      now: input.now,
    });
    if (ended.length === 0) throw notFound('active enrollment');
    await audit(trx, input.workspaceId, input.actor, 'nurture_enrollment.exit', input.enrollmentId);
  });
}

function checkTemplate(fields: TemplateFields): void {
  const unknown = unknownVariables(fields);
  if (unknown.length > 0) {
    const field =
      ['subject', 'html', 'text'].find((k) => fields[k as 'subject'].includes(unknown[0]!)) ?? 'html';
    throw invalid(`/${field}`, `unknown variable ${unknown[0]}`);
  }
}

export async function saveTemplate(
  db: Db,
  input: { workspaceId: string; id: string | null; fields: TemplateFields; actor: Actor; now: Date },
): Promise<EmailTemplateRow> {
  checkTemplate(input.fields);
  return db.transaction().execute(async (trx) => {
    const values = {
      name: input.fields.name,
      subject: input.fields.subject,
      html: input.fields.html,
      text: input.fields.text,
    };
    const write =
      input.id === null
        ? trx
            .insertInto('email_template')
            .values({
              workspace_id: input.workspaceId,
              id: newId(input.now.getTime()),
              ...values,
              created_at: input.now,
              updated_at: input.now,
            })
            .returningAll()
            .executeTakeFirstOrThrow()
        : trx
            .updateTable('email_template')
            .set({ ...values, updated_at: input.now })
            .where('workspace_id', '=', input.workspaceId)
            .where('id', '=', input.id)
            .returningAll()
            .executeTakeFirst();
    const row = await write.catch((error: unknown) => {
      if (uniqueViolation(error))
        throw new AppError('conflict', 'another template has this name', { field: '/name' });
      throw error;
    });
    if (!row) throw notFound('template');
    await audit(
      trx,
      input.workspaceId,
      input.actor,
      input.id === null ? 'email_template.create' : 'email_template.update',
      row.id,
    );
    return row;
  });
}

/** Deletes a template no program uses. */
export async function deleteTemplate(
  db: Db,
  input: { workspaceId: string; id: string; actor: Actor },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if (!(await findTemplate(trx, input.workspaceId, input.id))) throw notFound('template');
    const programs = await trx
      .selectFrom('nurture_program')
      .select(['name', 'steps'])
      .where('workspace_id', '=', input.workspaceId)
      .execute();
    const user = programs.find((p) => templatesOf(p.steps as NurtureStep[]).includes(input.id));
    if (user) throw new AppError('conflict', `program ${user.name} uses this template`, { field: '/id' });
    await trx
      .deleteFrom('email_template')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.id)
      .execute();
    await audit(trx, input.workspaceId, input.actor, 'email_template.delete', input.id);
  });
}

/** A template rendered for a lead or a contact, with the variables that had no value. */
export async function previewTemplate(
  db: Executor,
  input: { workspaceId: string; templateId: string; leadId?: string; contactId?: string },
) {
  const template = await findTemplate(db, input.workspaceId, input.templateId);
  if (!template) throw notFound('template');
  let contactId = input.contactId;
  if (input.leadId) {
    const lead = await db
      .selectFrom('lead')
      .select('contact_id')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.leadId)
      .executeTakeFirst();
    if (!lead) throw invalid('/leadId', 'is not a lead of this workspace');
    contactId = lead.contact_id;
  }
  if (!contactId) throw invalid('/leadId', 'name a lead or a contact');
  const person = await templateValuesOf(db, {
    workspaceId: input.workspaceId,
    contactId,
    leadId: input.leadId ?? null,
  });
  if (!person) throw invalid('/contactId', 'is not a contact of this workspace');
  const rendered = renderTemplate(template, person.values);
  return { to: person.email, ...rendered };
}
