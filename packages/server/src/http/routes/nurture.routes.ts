import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createProgram,
  deleteProgram,
  enrollByHand,
  exitByHand,
  type ProgramFields,
  setProgramStatus,
  updateProgram,
} from '../../app/nurture/programs.js';
import type { EnrollmentRule } from '../../core/nurture/enrollment-rules.js';
import type { NurtureStep } from '../../core/nurture/program.js';
import { exitReasons } from '../../core/nurture/step-machine.js';
import { notFound } from '../../errors.js';
import { leadVisibility } from '../../store/access.js';
import {
  enrollmentCounts,
  findProgram,
  listPrograms,
  type NurtureProgram,
  stepResults,
} from '../../store/nurture.repo.js';
import { actorOf, principalOf, requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const NullableDateTime = Type.Union([DateTime, Type.Null()]);
const IdParams = Type.Object({ id: Uuid });
const StepId = Type.String({ minLength: 1, maxLength: 60 });
const tags = ['nurture'];

const Step = Type.Union([
  Type.Object(
    { id: StepId, type: Type.Literal('email'), templateId: Uuid },
    { additionalProperties: false, description: 'Send an email from a template' },
  ),
  Type.Object(
    { id: StepId, type: Type.Literal('wait'), minutes: Type.Integer({ minimum: 0, maximum: 366 * 24 * 60 }) },
    { additionalProperties: false, description: 'Wait before the next step' },
  ),
  Type.Object(
    {
      id: StepId,
      type: Type.Literal('condition'),
      if: Type.Enum(['engaged', 'opened', 'clicked'], {
        description:
          'engaged: any email of this enrollment opened or clicked; opened / clicked: the most recent email',
      }),
      goTo: Type.String({ description: 'Step id when the condition holds (later in the program)' }),
      otherwise: Type.String({ description: 'Step id when it does not (later in the program)' }),
    },
    { additionalProperties: false, description: 'Jump forward on engagement' },
  ),
  Type.Object(
    { id: StepId, type: Type.Literal('exit') },
    { additionalProperties: false, description: 'Leave the program' },
  ),
]);

const Rule = Type.Union([
  Type.Object(
    {
      type: Type.Literal('recycled'),
      reasons: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 })),
    },
    { additionalProperties: false, description: 'Recycled leads, optionally only with these reason codes' },
  ),
  Type.Object(
    {
      type: Type.Literal('fit_low_interest'),
      minGrade: Type.String({ pattern: '^[A-Z]$' }),
      maxInterest: Type.Number({ minimum: 0 }),
    },
    { additionalProperties: false, description: 'Fit grade at least minGrade, interest below maxInterest' },
  ),
  Type.Object(
    { type: Type.Literal('campaign'), campaignId: Uuid },
    { additionalProperties: false, description: 'Contacts touched by this campaign' },
  ),
]);

const ProgramBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
    rules: Type.Optional(Type.Array(Rule, { maxItems: 20 })),
    steps: Type.Array(Step, { maxItems: 100 }),
    sendRatePerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 60 })),
    requireOptIn: Type.Optional(
      Type.Boolean({
        description: 'Send only to contacts who granted email consent (default: all but denied)',
      }),
    ),
  },
  { additionalProperties: false },
);

const StepResult = Type.Object({
  stepId: Type.String(),
  sent: Type.Integer(),
  opened: Type.Integer(),
  clicked: Type.Integer(),
});
const Program = Type.Object({
  id: Uuid,
  name: Type.String(),
  description: Type.String(),
  status: Type.Enum(['draft', 'active', 'paused']),
  rules: Type.Array(Rule),
  steps: Type.Array(Step),
  sendRatePerMinute: Type.Integer(),
  requireOptIn: Type.Boolean(),
  enrollments: Type.Object({ active: Type.Integer(), completed: Type.Integer(), exited: Type.Integer() }),
  results: Type.Array(StepResult, { description: 'Emails written, opened and clicked per email step' }),
  createdAt: DateTime,
  updatedAt: DateTime,
});

const Send = Type.Object({
  stepId: Type.String(),
  createdAt: DateTime,
  status: Type.Enum(['pending', 'sent', 'failed']),
  sentAt: NullableDateTime,
  openedAt: NullableDateTime,
  clickedAt: NullableDateTime,
  clicks: Type.Integer(),
});
const Enrollment = Type.Object({
  id: Uuid,
  leadId: Uuid,
  contactId: Uuid,
  email: Type.Union([Type.String(), Type.Null()]),
  status: Type.Enum(['active', 'completed', 'exited']),
  exitReason: Type.Union([Type.Enum(exitReasons), Type.Null()]),
  currentStep: Type.Union([Type.String(), Type.Null()]),
  nextAt: NullableDateTime,
  enrolledAt: DateTime,
  enrolledBy: Type.Enum(['rule', 'user']),
  endedAt: NullableDateTime,
  sends: Type.Array(Send),
});
const iso = (d: Date | null) => (d ? d.toISOString() : null);
const editors = { roles: ['admin', 'marketing'] as const };
const readers = { roles: ['admin', 'marketing', 'sales_manager', 'sales_rep'] as const };

const fieldsOf = (body: {
  name: string;
  description?: string;
  rules?: unknown[];
  steps: unknown[];
  sendRatePerMinute?: number;
  requireOptIn?: boolean;
}): ProgramFields => ({
  name: body.name.trim(),
  description: body.description ?? '',
  rules: (body.rules ?? []) as EnrollmentRule[],
  steps: body.steps as NurtureStep[],
  sendRatePerMinute: body.sendRatePerMinute ?? 60,
  requireOptIn: body.requireOptIn ?? false,
});

/**
 * Nurture programs and their enrollments (templates and suppressions: nurture-mail.routes.ts).
 * Admins and marketing edit; sales read programs and the enrollments of leads they may see.
 */
export async function nurtureRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ws = (request: Parameters<typeof principalOf>[0]) => principalOf(request).workspaceId;
  const db = () => app.deps.db;

  const programView = async (workspaceId: string, p: NurtureProgram) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    status: p.status,
    rules: p.rules,
    steps: p.steps,
    sendRatePerMinute: p.sendRatePerMinute,
    requireOptIn: p.requireOptIn,
    enrollments: await enrollmentCounts(db(), workspaceId, p.id),
    results: await stepResults(db(), workspaceId, p.id),
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  });

  r.get(
    '/api/v1/nurture/programs',
    {
      config: readers,
      schema: {
        tags,
        summary: 'Nurture programs with enrollment counts and per-step results',
        response: { 200: Type.Object({ items: Type.Array(Program) }) },
      },
    },
    async (request) => {
      const workspaceId = ws(request);
      const programs = await listPrograms(db(), workspaceId);
      const items = [];
      for (const p of programs) items.push(await programView(workspaceId, p));
      return { items };
    },
  );

  r.post(
    '/api/v1/nurture/programs',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Create a nurture program (in draft)',
        description:
          'Steps run in order; a condition jumps forward only. Rules enroll leads by themselves once the program is active (a sweep every five minutes).',
        body: ProgramBody,
        response: { 201: Program },
      },
    },
    async (request, reply) => {
      const program = await createProgram(db(), {
        workspaceId: ws(request),
        fields: fieldsOf(request.body),
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return reply.status(201).send(await programView(ws(request), program));
    },
  );

  r.get(
    '/api/v1/nurture/programs/:id',
    {
      config: readers,
      schema: { tags, summary: 'One nurture program', params: IdParams, response: { 200: Program } },
    },
    async (request) => {
      const program = await findProgram(db(), ws(request), request.params.id);
      if (!program) throw notFound('program');
      return programView(ws(request), program);
    },
  );

  r.put(
    '/api/v1/nurture/programs/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Replace a program’s name, rules, steps and settings',
        description:
          'Refused (409, field /steps) when active enrollments stand at a step the change removes.',
        params: IdParams,
        body: ProgramBody,
        response: { 200: Program },
      },
    },
    async (request) => {
      const program = await updateProgram(db(), {
        workspaceId: ws(request),
        id: request.params.id,
        fields: fieldsOf(request.body),
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return programView(ws(request), program);
    },
  );

  r.delete(
    '/api/v1/nurture/programs/:id',
    {
      config: editors,
      schema: { tags, summary: 'Delete a program that never enrolled anyone', params: IdParams },
    },
    async (request, reply) => {
      await deleteProgram(db(), { workspaceId: ws(request), id: request.params.id, actor: actorOf(request) });
      return reply.status(204).send(null);
    },
  );

  for (const [action, status] of [
    ['activate', 'active'],
    ['pause', 'paused'],
  ] as const) {
    r.post(
      `/api/v1/nurture/programs/:id/${action}`,
      {
        config: editors,
        schema: {
          tags,
          summary:
            action === 'activate'
              ? 'Activate a program: rules enroll, enrollments advance'
              : 'Pause a program: enrollments wait where they stand',
          params: IdParams,
          response: { 200: Program },
        },
      },
      async (request) => {
        const program = await setProgramStatus(db(), {
          workspaceId: ws(request),
          id: request.params.id,
          status,
          actor: actorOf(request),
          now: app.deps.clock(),
        });
        return programView(ws(request), program);
      },
    );
  }

  r.post(
    '/api/v1/nurture/programs/:id/enrollments',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Enroll leads by hand (leads already enrolled in this program are skipped)',
        params: IdParams,
        body: Type.Object(
          { leadIds: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ enrolled: Type.Integer(), skipped: Type.Integer() }) },
      },
    },
    async (request) =>
      enrollByHand(db(), {
        workspaceId: ws(request),
        programId: request.params.id,
        leadIds: request.body.leadIds,
        actor: actorOf(request),
        now: app.deps.clock(),
      }),
  );

  r.get(
    '/api/v1/nurture/programs/:id/enrollments',
    {
      config: readers,
      schema: {
        tags,
        summary: 'A program’s enrollments, newest first, each with its emails; and results per step',
        description: 'Sales see the enrollments of leads they may see.',
        params: IdParams,
        querystring: Type.Object({
          status: Type.Optional(Type.Enum(['active', 'completed', 'exited'])),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
          before: Type.Optional(Uuid),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Enrollment), steps: Type.Array(StepResult) }),
        },
      },
    },
    async (request) => {
      const workspaceId = ws(request);
      const viewer = requestViewer(request);
      if (!(await findProgram(db(), workspaceId, request.params.id))) throw notFound('program');
      const rows = await db()
        .selectFrom('nurture_enrollment as e')
        .innerJoin('lead', (j) =>
          j.onRef('lead.workspace_id', '=', 'e.workspace_id').onRef('lead.id', '=', 'e.lead_id'),
        )
        .innerJoin('contact', (j) =>
          j.onRef('contact.workspace_id', '=', 'e.workspace_id').onRef('contact.id', '=', 'e.contact_id'),
        )
        .selectAll('e')
        .select('contact.email')
        .where('e.workspace_id', '=', workspaceId)
        .where('e.program_id', '=', request.params.id)
        .where((eb) => leadVisibility(eb as unknown as Parameters<typeof leadVisibility>[0], viewer))
        .$if(request.query.status !== undefined, (q) => q.where('e.status', '=', request.query.status!))
        .$if(request.query.before !== undefined, (q) => q.where('e.id', '<', request.query.before!))
        .orderBy('e.id', 'desc')
        .limit(request.query.limit ?? 50)
        .execute();
      const sends =
        rows.length === 0
          ? []
          : await db()
              .selectFrom('nurture_send as s')
              .innerJoin('email_message as m', (j) =>
                j.onRef('m.workspace_id', '=', 's.workspace_id').onRef('m.id', '=', 's.email_message_id'),
              )
              .select([
                's.enrollment_id',
                's.step_id',
                's.created_at',
                's.opened_at',
                's.clicked_at',
                's.clicks',
                'm.status',
                'm.sent_at',
              ])
              .where('s.workspace_id', '=', workspaceId)
              .where(
                's.enrollment_id',
                'in',
                rows.map((e) => e.id),
              )
              .orderBy('s.created_at')
              .execute();
      return {
        items: rows.map((e) => ({
          id: e.id,
          leadId: e.lead_id,
          contactId: e.contact_id,
          email: e.email,
          status: e.status,
          exitReason: e.exit_reason as (typeof exitReasons)[number] | null,
          currentStep: e.current_step,
          nextAt: iso(e.next_at),
          enrolledAt: e.enrolled_at.toISOString(),
          enrolledBy: e.enrolled_by,
          endedAt: iso(e.ended_at),
          sends: sends
            .filter((s) => s.enrollment_id === e.id)
            .map((s) => ({
              stepId: s.step_id,
              createdAt: s.created_at.toISOString(),
              status: s.status,
              sentAt: iso(s.sent_at),
              openedAt: iso(s.opened_at),
              clickedAt: iso(s.clicked_at),
              clicks: s.clicks,
            })),
        })),
        steps: await stepResults(db(), workspaceId, request.params.id),
      };
    },
  );

  r.post(
    '/api/v1/nurture/enrollments/:id/exit',
    {
      config: editors,
      schema: { tags, summary: 'End an active enrollment by hand', params: IdParams },
    },
    async (request, reply) => {
      await exitByHand(db(), {
        workspaceId: ws(request),
        enrollmentId: request.params.id,
        actor: actorOf(request),
        now: app.deps.clock(),
      });
      return reply.status(204).send(null);
    },
  );
}
