import type { NurtureStep } from '../../core/nurture/program.js';
import { nurtureStepKind, stepKey } from '../nurture/kinds.js';
import { renderNurtureEmail } from '../nurture/render.js';
import { demoUsers } from './catalog.js';
import type { DemoContext, Row } from './context.js';
import type { DemoLead } from './journeys.js';
import { chance, day, hour, intBetween } from './random.js';

/** The public URL demo tracking links are rendered with (the links are history, never followed). */
const demoPublicUrl = 'https://tandem.example.com';

export interface DemoNurture {
  templates: Row<'email_template'>[];
  programs: Row<'nurture_program'>[];
  enrollments: Row<'nurture_enrollment'>[];
  emails: Row<'email_message'>[];
  sends: Row<'nurture_send'>[];
  suppressions: Row<'email_suppression'>[];
  timers: Row<'timer'>[];
}

const templateSpecs = [
  {
    key: 'revisit',
    name: 'Recycled — checking back in',
    subject: '{{contact.firstName | "Hi"}}, is now a better time?',
    body: 'When we spoke, the timing was not right for {{account.name | "your team"}}. Here is what changed since: <a href="https://acme-analytics.example/whats-new">what is new this quarter</a>.',
  },
  {
    key: 'case-study',
    name: 'Recycled — a customer story',
    subject: 'How a team like {{account.name | "yours"}} cut reporting time in half',
    body: 'A short read: <a href="https://acme-analytics.example/customers/northwind">the Northwind story</a>.',
  },
  {
    key: 'last-call',
    name: 'Recycled — shall we talk?',
    subject: 'Fifteen minutes with {{rep.name | "our team"}}?',
    body: 'If it helps, <a href="https://acme-analytics.example/book">pick a slot here</a>. If not, no more emails on this topic.',
  },
  {
    key: 'guide',
    name: 'Good fit — the buyer’s guide',
    subject: 'The analytics buyer’s guide for {{account.name | "your team"}}',
    body: 'Our <a href="https://acme-analytics.example/guide">buyer’s guide</a> answers the questions teams ask first.',
  },
  {
    key: 'webinar',
    name: 'Good fit — webinar invitation',
    subject: 'Live demo next Thursday, {{contact.firstName | "there"}}',
    body: 'See the product end to end: <a href="https://acme-analytics.example/webinar">save your seat</a>.',
  },
] as const;

type TemplateKey = (typeof templateSpecs)[number]['key'];

/**
 * Two nurture programs with their templates and history: recycled leads (not_ready, bad_timing)
 * get three emails with a branch on opens; good-fit leads with little interest get
 * a guide, then a webinar invitation unless they engaged. Opens, clicks, unsubscribes and a few
 * bounces are drawn from the seeded generator, so the same `now` gives the same rows.
 */
export function generateNurture(ctx: DemoContext, input: { leads: readonly DemoLead[] }): DemoNurture {
  const { f, nowMs, workspaceId } = ctx;
  const setupMs = ctx.startMs - 5 * day;
  const setup = new Date(setupMs);
  const templateIds = {} as Record<TemplateKey, string>;
  const templates = templateSpecs.map((spec) => {
    templateIds[spec.key] = ctx.id(setupMs);
    return {
      workspace_id: workspaceId,
      id: templateIds[spec.key],
      name: spec.name,
      subject: spec.subject,
      html: `<!doctype html>\n<html><body style="font-family: sans-serif"><p>Hello {{contact.firstName | "there"}},</p><p>${spec.body}</p><p>{{rep.name | "The Acme Analytics team"}}</p></body></html>\n`,
      text: `Hello {{contact.firstName | "there"}},\n\n${spec.body.replace(/<a href="([^"]+)">([^<]+)<\/a>/g, '$2: $1')}\n\n{{rep.name | "The Acme Analytics team"}}\n`,
      created_at: setup,
      updated_at: setup,
    };
  });
  const recycledSteps: NurtureStep[] = [
    { id: 'revisit', type: 'email', templateId: templateIds.revisit },
    { id: 'wait-4d', type: 'wait', minutes: 4 * 24 * 60 },
    { id: 'opened?', type: 'condition', if: 'opened', goTo: 'last-call', otherwise: 'case-study' },
    { id: 'case-study', type: 'email', templateId: templateIds['case-study'] },
    { id: 'wait-7d', type: 'wait', minutes: 7 * 24 * 60 },
    { id: 'last-call', type: 'email', templateId: templateIds['last-call'] },
  ];
  const fitSteps: NurtureStep[] = [
    { id: 'guide', type: 'email', templateId: templateIds.guide },
    { id: 'wait-7d', type: 'wait', minutes: 7 * 24 * 60 },
    { id: 'engaged?', type: 'condition', if: 'engaged', goTo: 'done', otherwise: 'webinar' },
    { id: 'webinar', type: 'email', templateId: templateIds.webinar },
    { id: 'done', type: 'exit' },
  ];
  const recycledId = ctx.id(setupMs);
  const fitId = ctx.id(setupMs);
  const programs: Row<'nurture_program'>[] = [
    {
      workspace_id: workspaceId,
      id: recycledId,
      name: 'Recycled: not now, maybe later',
      description: 'Leads sales recycled for timing or education, three touches over two weeks.',
      status: 'active',
      rules: JSON.stringify([{ type: 'recycled', reasons: ['not_ready', 'bad_timing'] }]),
      steps: JSON.stringify(recycledSteps),
      send_rate_per_minute: 60,
      created_at: setup,
      updated_at: setup,
    },
    {
      workspace_id: workspaceId,
      id: fitId,
      name: 'Good fit, quiet',
      description: 'Fit grade B or better with interest below 15: a guide, then a webinar invitation.',
      status: 'active',
      rules: JSON.stringify([{ type: 'fit_low_interest', minGrade: 'B', maxInterest: 15 }]),
      steps: JSON.stringify(fitSteps),
      send_rate_per_minute: 120,
      created_at: setup,
      updated_at: setup,
    },
  ];

  const repName = new Map(demoUsers.map((u) => [ctx.users[u.key], u.name]));
  const out: DemoNurture = {
    templates,
    programs,
    enrollments: [],
    emails: [],
    sends: [],
    suppressions: [],
    timers: [],
  };
  const suppressed = new Set<string>();

  const enroll = (lead: DemoLead, programId: string, steps: NurtureStep[], enrolledMs: number) => {
    const contact = lead.contact.row;
    const email = contact.email?.toLowerCase();
    if (!email || suppressed.has(email)) return;
    const enrollmentId = ctx.id(enrolledMs);
    let atMs = enrolledMs;
    let lastOpened = false;
    let engaged = false;
    let exit: string | null = null;
    let position: string | null = steps[0]!.id;
    const stepIndex = new Map(steps.map((s, i) => [s.id, i]));
    for (let guard = 0; position !== null && guard < steps.length; guard++) {
      const step: NurtureStep = steps[stepIndex.get(position)!]!;
      if (atMs > nowMs) break;
      if (step.type === 'exit') {
        exit = 'program_exit';
        position = null;
        break;
      }
      const following: string | null = steps[stepIndex.get(step.id)! + 1]?.id ?? null;
      if (step.type === 'wait') {
        atMs += step.minutes * 60_000 + intBetween(f, 0, 2 * hour);
        position = following;
        continue;
      }
      if (step.type === 'condition') {
        const holds: boolean = step.if === 'engaged' ? engaged : step.if === 'opened' ? lastOpened : false;
        position = holds ? step.goTo : step.otherwise;
        continue;
      }
      // An email step: written, handed to SMTP, perhaps opened, clicked, unsubscribed or bounced.
      const emailId = ctx.id(atMs);
      const token = f.string.alphanumeric(22);
      const rendered = renderNurtureEmail({
        template: templates.find((t) => t.id === step.templateId)!,
        values: {
          'contact.firstName': contact.first_name ?? null,
          'contact.lastName': contact.last_name ?? null,
          'contact.email': email,
          'contact.title': contact.title ?? null,
          'account.name': lead.contact.account?.row.name ?? null,
          'rep.name': lead.row.owner_id ? (repName.get(lead.row.owner_id) ?? null) : null,
          'rep.email': null,
        },
        publicUrl: demoPublicUrl,
        token,
        emailId,
      });
      const bounced = chance(f, 0.02);
      const opened = !bounced && chance(f, 0.45);
      const clicked = opened && chance(f, 0.3);
      const unsubscribed = opened && !clicked && chance(f, 0.04);
      const sentAt = new Date(atMs + intBetween(f, 1_000, 60_000));
      out.emails.push({
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
        status: bounced ? 'failed' : 'sent',
        attempts: 1,
        last_error: bounced ? '550 5.1.1 mailbox unavailable' : null,
        created_at: new Date(atMs),
        sent_at: bounced ? null : sentAt,
      });
      const openedMs = opened
        ? Math.min(nowMs, sentAt.getTime() + intBetween(f, 10 * 60_000, 2 * day))
        : null;
      const clickedMs =
        clicked && openedMs ? Math.min(nowMs, openedMs + intBetween(f, 5_000, 10 * 60_000)) : null;
      out.sends.push({
        workspace_id: workspaceId,
        id: ctx.id(atMs),
        enrollment_id: enrollmentId,
        program_id: programId,
        step_id: step.id,
        email_message_id: emailId,
        to_address: email,
        token,
        links: JSON.stringify(rendered.links),
        created_at: new Date(atMs),
        opened_at: openedMs ? new Date(openedMs) : null,
        clicked_at: clickedMs ? new Date(clickedMs) : null,
        clicks: clickedMs ? intBetween(f, 1, 3) : 0,
      });
      lastOpened = opened;
      engaged ||= opened;
      position = following;
      if (bounced || unsubscribed) {
        exit = bounced ? 'bounced' : 'unsubscribed';
        suppressed.add(email);
        out.suppressions.push({
          workspace_id: workspaceId,
          email,
          reason: bounced ? 'bounce' : 'unsubscribe',
          note: bounced ? '550 5.1.1 mailbox unavailable' : null,
          at: new Date(bounced ? sentAt.getTime() : (openedMs ?? sentAt.getTime()) + 60_000),
        });
        break;
      }
    }
    const done = exit !== null || position === null;
    const nextMs = Math.max(atMs, nowMs + hour);
    out.enrollments.push({
      workspace_id: workspaceId,
      id: enrollmentId,
      program_id: programId,
      lead_id: lead.row.id,
      contact_id: contact.id,
      status: exit ? 'exited' : done ? 'completed' : 'active',
      exit_reason: exit,
      current_step: done ? null : position,
      step_seq: 2,
      next_at: done ? null : new Date(nextMs),
      enrolled_at: new Date(enrolledMs),
      enrolled_by: 'rule',
      enrolled_by_user: null,
      ended_at: done ? new Date(Math.min(atMs, nowMs)) : null,
    });
    if (!done)
      out.timers.push({
        workspace_id: workspaceId,
        id: ctx.id(nowMs),
        kind: nurtureStepKind,
        subject_type: 'nurture_enrollment',
        subject_id: enrollmentId,
        due_at: new Date(nextMs),
        payload: JSON.stringify({ seq: 2 }),
        created_at: new Date(nowMs),
        dedupe_key: stepKey(enrollmentId, 2),
      });
  };

  for (const lead of input.leads) {
    const recycledStep = lead.steps.findLast((s) => s.to === 'recycled');
    if (
      lead.row.stage === 'recycled' &&
      recycledStep &&
      (recycledStep.reasonCode === 'not_ready' || recycledStep.reasonCode === 'bad_timing')
    )
      enroll(lead, recycledId, recycledSteps, recycledStep.atMs + intBetween(f, 5 * 60_000, 5 * hour));
  }
  const quiet = input.leads.filter(
    (l) =>
      l.row.stage === 'lead' &&
      (l.row.fit_grade === 'A' || l.row.fit_grade === 'B') &&
      Number(l.row.interest_sum ?? 0) < 15,
  );
  for (const lead of quiet.slice(0, 80))
    enroll(
      lead,
      fitId,
      fitSteps,
      Math.max(lead.row.created_at.getTime(), nowMs - 30 * day) + intBetween(f, hour, 3 * day),
    );
  return out;
}
