import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { leadStages } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { type CurrentInterest, currentInterest } from '../../app/scoring/current-interest.js';
import { notFound } from '../../errors.js';
import { findVisibleLead, type LeadSummary, listVisibleLeads } from '../../store/lead.repo.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableDateTime = Type.Union([Type.String({ format: 'date-time' }), Type.Null()]);

const Lead = Type.Object({
  id: Uuid,
  funnel: Type.String(),
  stage: Type.Enum(leadStages),
  source: NullableString,
  contact: Type.Object({
    id: Uuid,
    name: NullableString,
    email: NullableString,
    accountId: Type.Union([Uuid, Type.Null()]),
  }),
  owner: Type.Union([Type.Object({ id: Uuid, name: Type.String() }), Type.Null()]),
  teamId: Type.Union([Uuid, Type.Null()]),
  partnerId: Type.Union([Uuid, Type.Null()]),
  fitGrade: NullableString,
  fitPoints: Type.Number(),
  interest: Type.Number({ description: 'Interest as of interestAt; it decays from there' }),
  interestAt: NullableDateTime,
  interestNow: Type.Number({
    description: 'Interest now: the stored value decayed with the contract’s half-life',
  }),
  contractVersion: Type.Union([Type.Integer(), Type.Null()]),
  mqlAt: NullableDateTime,
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const leadView = (l: LeadSummary, decayed: CurrentInterest) => ({
  ...l,
  interestNow: decayed(l),
  interestAt: iso(l.interestAt),
  mqlAt: iso(l.mqlAt),
  createdAt: l.createdAt.toISOString(),
  updatedAt: l.updatedAt.toISOString(),
});

/** Leads, filtered by the viewer's record-level access (store/access.ts). */
export async function leadsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/leads',
    {
      schema: {
        tags: ['leads'],
        summary: 'Leads you may see, newest first',
        description: 'Sales reps see their own leads, managers their team’s, partners their partner’s.',
        querystring: Type.Object({
          stage: Type.Optional(Type.Array(Type.Enum(leadStages), { description: 'Repeat to match several' })),
          cursor: Type.Optional(Type.String({ maxLength: 200 })),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        }),
        response: {
          200: Type.Object({ items: Type.Array(Lead), nextCursor: Type.Union([Type.String(), Type.Null()]) }),
        },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const page = await listVisibleLeads(app.deps.db, viewer, {
        stages: request.query.stage,
        cursor: request.query.cursor,
        limit: request.query.limit ?? 50,
      });
      const decayed = await currentInterest(app.deps.db, viewer.workspaceId, app.deps.clock());
      return { items: page.items.map((l) => leadView(l, decayed)), nextCursor: page.nextCursor };
    },
  );

  r.get(
    '/api/v1/leads/:id',
    {
      schema: {
        tags: ['leads'],
        summary: 'One lead',
        description: 'A lead out of your reach answers 404, exactly like one that does not exist.',
        params: Type.Object({ id: Uuid }),
        response: { 200: Lead },
      },
    },
    async (request) => {
      const viewer = requestViewer(request);
      const lead = await findVisibleLead(app.deps.db, viewer, request.params.id);
      if (!lead) throw notFound('lead');
      return leadView(lead, await currentInterest(app.deps.db, viewer.workspaceId, app.deps.clock()));
    },
  );
}
