import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  type AttributionReport,
  attributionReport,
  type DealAttribution,
  dealAttribution,
} from '../../app/attribution.js';
import type { CsvExportColumn } from '../../app/imports/csv-io.js';
import { type AttributionModel, attributionModels } from '../../core/attribution/types.js';
import type { RollupRow } from '../../core/reports/attribution-rollup.js';
import { invalid } from '../../errors.js';
import { requestViewer } from '../plugins/auth.js';
import { Format, sendCsv, wantsCsv } from '../report-export.js';

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });
const dayMs = 86_400_000;

const Share = Type.Object({
  totalCents: Type.Integer(),
  sourcedCents: Type.Integer(),
  influencedCents: Type.Integer(),
  sourcedShare: Nullable(Type.Number()),
  influencedShare: Nullable(Type.Number()),
});
const Row = Type.Object({
  key: Type.String(),
  campaign: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  channel: Type.String(),
  costCents: Type.Integer(),
  pipelineCents: Type.Integer(),
  revenueCents: Type.Integer(),
  roi: Nullable(Type.Number({ description: '(revenue − cost) / cost' })),
});
const Report = Type.Object({
  from: DateTime,
  to: DateTime,
  by: Type.Enum(['campaign', 'channel']),
  currency: Type.String(),
  deals: Type.Object({ pipeline: Type.Integer(), revenue: Type.Integer() }),
  marketing: Type.Object(
    { pipeline: Share, revenue: Share },
    { description: 'Marketing-sourced and -influenced: the headline figure' },
  ),
  results: Type.Array(
    Type.Object({
      model: Type.Enum(attributionModels),
      rows: Type.Array(Row),
      unattributed: Type.Object({ pipelineCents: Type.Integer(), revenueCents: Type.Integer() }),
    }),
  ),
});
const ModelCredits = Type.Record(Type.String(), Type.Integer());
const DealReport = Type.Object({
  opportunity: Type.Object({
    id: Type.String(),
    name: Type.String(),
    amountCents: Type.Integer(),
    currency: Type.String(),
    status: Type.String(),
  }),
  basis: Type.Enum(['pipeline', 'revenue']),
  conversionAt: DateTime,
  models: Type.Array(Type.Enum(attributionModels)),
  touches: Type.Array(
    Type.Object({
      id: Type.String(),
      at: DateTime,
      source: Type.String(),
      kind: Type.String(),
      channel: Type.String(),
      campaign: Nullable(Type.Object({ id: Type.String(), name: Nullable(Type.String()) })),
      contactId: Nullable(Type.String()),
      credits: ModelCredits,
    }),
  ),
  unattributed: ModelCredits,
  totals: ModelCredits,
});

function reportView(r: AttributionReport) {
  const rowView = (row: RollupRow) => {
    const campaign = row.campaignId ? r.campaigns.get(row.campaignId) : undefined;
    return {
      key: row.key,
      campaign: campaign ? { id: campaign.id, name: campaign.name } : null,
      channel: row.channel,
      costCents: row.costCents,
      pipelineCents: row.pipelineCents,
      revenueCents: row.revenueCents,
      roi: row.roi,
    };
  };
  return {
    from: r.from.toISOString(),
    to: r.to.toISOString(),
    by: r.by,
    currency: r.currency,
    deals: r.deals,
    marketing: r.marketing,
    results: r.results.map((m) => ({
      model: m.model,
      rows: m.rows.map(rowView),
      unattributed: m.unattributed,
    })),
  };
}

type ReportRowView = ReturnType<typeof reportView>['results'][number]['rows'][number] & { model: string };
const reportColumns: CsvExportColumn<ReportRowView>[] = [
  { header: 'model', value: (r) => r.model },
  { header: 'key', value: (r) => r.key },
  { header: 'campaign_id', value: (r) => r.campaign?.id },
  { header: 'campaign', value: (r) => r.campaign?.name },
  { header: 'channel', value: (r) => r.channel },
  { header: 'cost_cents', value: (r) => r.costCents },
  { header: 'pipeline_cents', value: (r) => r.pipelineCents },
  { header: 'revenue_cents', value: (r) => r.revenueCents },
  { header: 'roi', value: (r) => r.roi },
];

function dealView(d: DealAttribution) {
  const totals: Record<string, number> = {};
  for (const m of d.models)
    totals[m] = d.touches.reduce((s, t) => s + (t.credits[m] ?? 0), 0) + (d.unattributed[m] ?? 0);
  return {
    opportunity: {
      id: d.opportunity.id,
      name: d.opportunity.name,
      amountCents: d.opportunity.amountCents,
      currency: d.opportunity.currency,
      status: d.opportunity.status,
    },
    basis: d.basis,
    conversionAt: d.conversionAt.toISOString(),
    models: [...d.models],
    touches: d.touches.map((t) => ({
      id: t.id,
      at: t.at.toISOString(),
      source: t.source,
      kind: t.kind,
      channel: t.channel,
      campaign: t.campaignId ? { id: t.campaignId, name: t.campaignName } : null,
      contactId: t.contactId,
      credits: t.credits as Record<string, number>,
    })),
    unattributed: d.unattributed as Record<string, number>,
    totals,
  };
}

const HalfLife = Type.Optional(
  Type.Number({
    exclusiveMinimum: 0,
    maximum: 3650,
    description: 'Time-decay half-life in days (default 7)',
  }),
);
const tags = ['reports'];

/** Attribution reports: per campaign or channel over a window, and per deal. JSON or CSV. */
export async function reportsAttributionRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.get(
    '/api/v1/reports/attribution',
    {
      schema: {
        tags,
        summary:
          'Pipeline and revenue credited per campaign or channel, with cost, ROI and marketing’s share',
        description:
          'Pipeline: deals created in [from, to), credited up to their creation. Revenue: deals won in [from, to), credited up to the close. model=all puts every model side by side. Only deals you may see and in `currency` count. docs/attribution.md#reports',
        querystring: Type.Object({
          model: Type.Optional(Type.Enum([...attributionModels, 'all'], { default: 'all' })),
          from: Type.Optional(DateTime),
          to: Type.Optional(DateTime),
          by: Type.Optional(Type.Enum(['campaign', 'channel'], { default: 'campaign' })),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$', default: 'USD' })),
          halfLifeDays: HalfLife,
          format: Format,
        }),
        response: { 200: Report },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const to = q.to ? new Date(q.to) : app.deps.clock();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 365 * dayMs);
      if (from >= to) throw invalid('querystring:/from', 'must be before to');
      if (to.getTime() - from.getTime() > 5 * 366 * dayMs)
        throw invalid('querystring:/from', 'the window may span at most five years');
      const models: AttributionModel[] = !q.model || q.model === 'all' ? [...attributionModels] : [q.model];
      const report = reportView(
        await attributionReport(app.deps.db, {
          viewer: requestViewer(request),
          models,
          from,
          to,
          by: q.by ?? 'campaign',
          currency: q.currency ?? 'USD',
          ...(q.halfLifeDays !== undefined ? { halfLifeDays: q.halfLifeDays } : {}),
        }),
      );
      if (wantsCsv(request, q.format)) {
        const rows = report.results.flatMap((m) => [
          ...m.rows.map((row) => ({ ...row, model: m.model })),
          {
            model: m.model,
            key: 'unattributed',
            campaign: null,
            channel: '',
            costCents: 0,
            pipelineCents: m.unattributed.pipelineCents,
            revenueCents: m.unattributed.revenueCents,
            roi: null,
          },
        ]);
        return sendCsv(reply, 'attribution', reportColumns, rows);
      }
      return report;
    },
  );

  r.get(
    '/api/v1/opportunities/:id/attribution',
    {
      schema: {
        tags,
        summary: 'Every touch of one deal with its credit under each model',
        description:
          'Credits of each model plus its unattributed cents sum exactly to the amount. A closed deal is credited up to its close, an open one up to its creation.',
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        querystring: Type.Object({ halfLifeDays: HalfLife, format: Format }),
        response: { 200: DealReport },
      },
    },
    async (request, reply) => {
      const view = dealView(
        await dealAttribution(app.deps.db, {
          viewer: requestViewer(request),
          id: request.params.id,
          ...(request.query.halfLifeDays !== undefined ? { halfLifeDays: request.query.halfLifeDays } : {}),
        }),
      );
      if (wantsCsv(request, request.query.format)) {
        type TouchView = (typeof view.touches)[number];
        const columns: CsvExportColumn<TouchView>[] = [
          { header: 'touch_id', value: (t) => t.id },
          { header: 'at', value: (t) => t.at },
          { header: 'kind', value: (t) => t.kind },
          { header: 'channel', value: (t) => t.channel },
          { header: 'campaign', value: (t) => t.campaign?.name },
          ...view.models.map((m) => ({ header: m, value: (t: TouchView) => t.credits[m] ?? 0 })),
        ];
        return sendCsv(reply, `attribution-${view.opportunity.id}`, columns, view.touches);
      }
      return view;
    },
  );
}
