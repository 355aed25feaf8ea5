import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { fitGrades, scoringEventTypes } from '@tandem/contracts';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { explainLeadScore, type LeadScoreExplanation } from '../../app/scoring/explain-lead-score.js';
import { requestViewer } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Value = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Grade = Nullable(Type.Enum(fitGrades));

const Explanation = Type.Object({
  leadId: Uuid,
  stage: Type.String(),
  contractVersion: Type.Integer(),
  now: DateTime,
  stored: Type.Object({
    scoreVersion: Nullable(Type.Integer()),
    fitPoints: Type.Number(),
    fitGrade: Nullable(Type.String()),
    interest: Nullable(Type.Number({ description: 'Stored interest state decayed to now' })),
    interestCents: Nullable(Type.Integer()),
    scoredThrough: Nullable(DateTime),
  }),
  fit: Type.Object({
    points: Type.Number(),
    grade: Grade,
    hits: Type.Array(
      Type.Object({
        ruleId: Type.String(),
        label: Type.String(),
        points: Type.Number(),
        field: Type.String(),
        value: Value,
      }),
    ),
  }),
  exclusions: Type.Array(
    Type.Object({ id: Type.String(), label: Type.String(), field: Type.String(), value: Value }),
  ),
  interest: Type.Object({
    value: Type.Number(),
    totalCents: Type.Integer({ description: 'Equals the sum of the hits’ contributionCents' }),
    halfLifeDays: Type.Number(),
    totalCap: Type.Number(),
    events: Type.Integer({ description: 'Events considered (at or before now)' }),
    thresholdAt: Nullable(DateTime),
    handRaisedAt: Nullable(DateTime),
    hits: Type.Array(
      Type.Object({
        event: Type.Object({
          id: Uuid,
          at: DateTime,
          type: Type.Enum(scoringEventTypes),
          name: Nullable(Type.String()),
        }),
        ruleId: Type.String(),
        label: Type.String(),
        points: Type.Number(),
        applied: Type.Number({ description: 'Points added after the total cap; 0 when capped by frequency' }),
        cappedByFrequency: Type.Boolean(),
        clampedByTotal: Type.Boolean(),
        handRaiser: Type.Boolean(),
        decay: Type.Number({ description: '2^(−age/half-life)' }),
        contribution: Type.Number(),
        contributionCents: Type.Integer(),
      }),
    ),
  }),
  mql: Type.Object({
    qualifies: Type.Boolean(),
    reason: Type.String(),
    missing: Nullable(
      Type.String({ description: 'e.g. "needs +8 interest or a hand-raiser: Demo requested"' }),
    ),
    gap: Nullable(
      Type.Object({
        interest: Type.Number(),
        grade: Grade,
        fitPoints: Type.Number(),
        handRaisers: Type.Array(Type.String()),
      }),
    ),
    excludedBy: Type.Array(Type.String()),
  }),
});

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

function explanationView(e: LeadScoreExplanation) {
  const x = e.explanation;
  return {
    leadId: e.leadId,
    stage: e.stage,
    contractVersion: e.contractVersion,
    now: new Date(x.now).toISOString(),
    stored: { ...e.stored, scoredThrough: e.stored.scoredThrough?.toISOString() ?? null },
    fit: x.fit,
    exclusions: x.exclusions,
    interest: {
      ...x.interest,
      thresholdAt: iso(x.interest.thresholdAt),
      handRaisedAt: iso(x.interest.handRaisedAt),
      hits: x.interest.hits.map((h) => ({
        event: { id: h.eventId, at: new Date(h.at).toISOString(), type: h.eventType, name: h.eventName },
        ruleId: h.ruleId,
        label: h.label,
        points: h.points,
        applied: h.applied,
        cappedByFrequency: h.cappedByFrequency,
        clampedByTotal: h.clampedByTotal,
        handRaiser: h.handRaiser,
        decay: h.decay,
        contribution: h.contribution,
        contributionCents: h.contributionCents,
      })),
    },
    mql: x.mql,
  };
}

/** Why a lead has its score, under the lead contract in force. */
export async function leadScoreRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  r.get(
    '/api/v1/leads/:id/score',
    {
      schema: {
        tags: ['leads'],
        summary: 'Explain a lead’s score',
        description:
          'Fit and interest separately, every rule hit with its event, decay and caps, totals equal to the ' +
          'stored score to the cent, and what is missing to become an MQL. 404 for a lead out of your reach, ' +
          'or when no contract is in force.',
        params: Type.Object({ id: Uuid }),
        response: { 200: Explanation },
      },
    },
    async (request) =>
      explanationView(
        await explainLeadScore(app.deps.db, requestViewer(request), request.params.id, app.deps.clock()),
      ),
  );
}
