import { emailConsentOf } from '../../core/nurture/consent.js';
import { type Advance, advanceEnrollment, type EnrollmentFacts } from '../../core/nurture/step-machine.js';
import { newId } from '../../id.js';
import type { Executor } from '../../store/executor.js';
import { findProgram, findTemplate, lockEnrollment, sendsOfEnrollment } from '../../store/nurture.repo.js';
import { scheduleTimer } from '../../store/timer.repo.js';
import { emailAttemptKey, emailSendKind } from '../notifications/notify.js';
import { scheduleStep } from './enroll.js';
import { exitEnrollments, salesStages } from './exits.js';
import { newSendToken, renderNurtureEmail, templateValuesOf } from './render.js';

export type StepOutcome =
  | { kind: 'stale' }
  | { kind: 'paused' }
  | { kind: 'sent'; emailId: string; handOffAt: Date }
  | { kind: 'waiting'; until: Date }
  | { kind: 'completed' }
  | { kind: 'exited'; reason: string };

/**
 * Runs advance `seq` of an enrollment, in the caller's transaction: decides with the step
 * machine, writes the email (email_message + nurture_send, unique by enrollment and step) with
 * its send timer and moves the enrollment on, all committed together. A crash before the
 * commit repeats the whole advance; after it, the email job sends the stored email once.
 * The send timer is spaced by the program's rate (messages per minute).
 */
export async function advanceStep(
  db: Executor,
  input: { workspaceId: string; enrollmentId: string; seq: number; now: Date; publicUrl: string },
): Promise<StepOutcome> {
  const { workspaceId, now } = input;
  const enrollment = await lockEnrollment(db, workspaceId, input.enrollmentId);
  if (enrollment?.status !== 'active' || enrollment.step_seq !== input.seq) return { kind: 'stale' };
  const program = await findProgram(db, workspaceId, enrollment.program_id);
  if (!program) return { kind: 'stale' };
  // A paused program keeps its enrollments where they are; activation schedules them again.
  if (program.status !== 'active') return { kind: 'paused' };

  const lead = await db
    .selectFrom('lead')
    .select(['stage'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', enrollment.lead_id)
    .executeTakeFirst();
  const person = await templateValuesOf(db, {
    workspaceId,
    contactId: enrollment.contact_id,
    leadId: enrollment.lead_id,
  });
  const email = person?.email?.toLowerCase() ?? null;
  const suppression = email
    ? await db
        .selectFrom('email_suppression')
        .select('reason')
        .where('workspace_id', '=', workspaceId)
        .where('email', '=', email)
        .executeTakeFirst()
    : undefined;
  const sends = await sendsOfEnrollment(db, workspaceId, enrollment.id);
  const last = sends.at(-1);
  const facts: EnrollmentFacts = {
    now,
    mql: lead ? (salesStages as readonly string[]).includes(lead.stage) : false,
    replied: false,
    unsubscribed: suppression?.reason === 'unsubscribe',
    bounced: suppression?.reason === 'bounce',
    suppressed: suppression !== undefined,
    consent: emailConsentOf(person?.consent),
    requireOptIn: program.requireOptIn,
    hasEmail: email !== null,
    engaged: sends.some((s) => s.opened_at !== null || s.clicked_at !== null),
    lastEmail: last ? { opened: last.opened_at !== null, clicked: last.clicked_at !== null } : null,
    sentSteps: new Set(sends.map((s) => s.step_id)),
  };
  const position = { status: enrollment.status, stepId: enrollment.current_step };
  let decision: Advance = advanceEnrollment(program.steps, position, facts);
  let sent: { emailId: string; handOffAt: Date } | null = null;

  if (decision.kind === 'send' && email && person) {
    const template = await findTemplate(db, workspaceId, decision.templateId);
    if (!template) throw new Error(`template ${decision.templateId} of program ${program.id} is missing`);
    const emailId = newId(now.getTime());
    const token = newSendToken();
    const rendered = renderNurtureEmail({
      template,
      values: person.values,
      publicUrl: input.publicUrl,
      token,
      emailId,
    });
    // The rate limit: each email takes the program's next free slot.
    const locked = await db
      .selectFrom('nurture_program')
      .select('next_send_at')
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', program.id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const slot = locked.next_send_at && locked.next_send_at > now ? locked.next_send_at : now;
    await db
      .updateTable('nurture_program')
      .set({ next_send_at: new Date(slot.getTime() + 60_000 / program.sendRatePerMinute) })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', program.id)
      .execute();
    await db
      .insertInto('email_message')
      .values({
        workspace_id: workspaceId,
        id: emailId,
        notification_id: null,
        user_id: null,
        to_address: email,
        subject: rendered.subject,
        text_body: rendered.text,
        html_body: rendered.html,
        headers: JSON.stringify(rendered.headers),
        stream: 'marketing',
        created_at: now,
      })
      .execute();
    await db
      .insertInto('nurture_send')
      .values({
        workspace_id: workspaceId,
        id: newId(now.getTime()),
        enrollment_id: enrollment.id,
        program_id: program.id,
        step_id: decision.stepId,
        email_message_id: emailId,
        to_address: email,
        token,
        links: JSON.stringify(rendered.links),
        created_at: now,
      })
      .execute();
    await scheduleTimer(db, {
      workspaceId,
      kind: emailSendKind,
      dueAt: slot,
      now,
      subjectType: 'email',
      subjectId: emailId,
      payload: { attempt: 1 },
      dedupeKey: emailAttemptKey(emailId, 1),
    });
    sent = { emailId, handOffAt: slot };
    // Carry on at once: a wait after the email is scheduled in this same transaction.
    decision = advanceEnrollment(
      program.steps,
      { status: 'active', stepId: decision.next },
      {
        ...facts,
        lastEmail: { opened: false, clicked: false },
        sentSteps: new Set([...facts.sentSteps, decision.stepId]),
      },
    );
    if (decision.kind === 'send') decision = { kind: 'wait', next: decision.stepId, nextAt: now };
  }

  const seq = enrollment.step_seq + 1;
  const move = async (next: string | null, nextAt: Date) => {
    await db
      .updateTable('nurture_enrollment')
      .set({ current_step: next, next_at: nextAt, step_seq: seq })
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', enrollment.id)
      .execute();
    await scheduleStep(db, { workspaceId, enrollmentId: enrollment.id, seq, dueAt: nextAt, now });
  };
  switch (decision.kind) {
    case 'wait':
      await move(decision.next, decision.nextAt);
      return sent ? { kind: 'sent', ...sent } : { kind: 'waiting', until: decision.nextAt };
    case 'send':
      // Only reachable without an address (exitReasonOf prevents it); keep the step for later.
      await move(decision.stepId, decision.nextAt);
      return { kind: 'waiting', until: decision.nextAt };
    case 'complete':
      await db
        .updateTable('nurture_enrollment')
        .set({ status: 'completed', current_step: null, next_at: null, ended_at: now, step_seq: seq })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', enrollment.id)
        .execute();
      return sent ? { kind: 'sent', ...sent } : { kind: 'completed' };
    case 'exit':
      await exitEnrollments(db, {
        workspaceId,
        where: { enrollmentIds: [enrollment.id] },
        reason: decision.reason,
        now,
        cancelEmails: sent === null,
      });
      return sent ? { kind: 'sent', ...sent } : { kind: 'exited', reason: decision.reason };
    case 'none':
      return { kind: 'stale' };
  }
}
