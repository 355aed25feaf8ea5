import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  createCampaign,
  editCampaign,
  removeCampaign,
  removeCampaignCost,
  setCampaignCost,
} from '../../app/campaigns.js';
import { maxCents } from '../../core/csv/columns.js';
import { costToDateCents } from '../../core/reports/campaign-cost-to-date.js';
import { notFound } from '../../errors.js';
import {
  type Campaign,
  type CampaignCost,
  type CampaignFields,
  findCampaign,
  listCampaignCosts,
  listCampaigns,
} from '../../store/campaign.repo.js';
import { principalOf } from '../plugins/auth.js';

const Uuid = Type.String({ format: 'uuid' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Month = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });
const Pattern = Type.String({
  minLength: 1,
  maxLength: 200,
  description: 'Glob: * any run, ? one character',
});
const Cents = Type.Integer({ minimum: 0, maximum: maxCents });
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

const Utm = Type.Object({
  campaign: Nullable(
    Type.String({ minLength: 1, maxLength: 200, description: 'utm_campaign, matched ignoring case' }),
  ),
  sourcePattern: Nullable(Pattern),
  mediumPattern: Nullable(Pattern),
});

const CampaignSchema = Type.Object({
  id: Uuid,
  name: Type.String(),
  channel: Type.String(),
  ownerTeamId: Nullable(Uuid),
  startsOn: Nullable(Type.String()),
  endsOn: Nullable(Type.String()),
  costCents: Type.Integer({ description: 'Fixed cost, counted when the campaign has no monthly costs' }),
  utm: Utm,
  requestedBySales: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

const ListedCampaign = Type.Object({
  ...CampaignSchema.properties,
  costToDateCents: Type.Integer({
    description: 'Spend so far: the monthly costs up to the current month, else the fixed cost once started',
  }),
});

const fieldsSchema = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  channel: Type.String({
    pattern: '^[a-z][a-z0-9_]{0,39}$',
    description: 'e.g. webinar, paid_search, event',
  }),
  ownerTeamId: Type.Optional(Nullable(Uuid)),
  startsOn: Type.Optional(Nullable(IsoDate)),
  endsOn: Type.Optional(Nullable(IsoDate)),
  costCents: Type.Optional(Cents),
  utm: Type.Optional(Type.Partial(Utm)),
  requestedBySales: Type.Optional(Type.Boolean()),
};

const Cost = Type.Object({ month: Month, amountCents: Type.Integer(), currency: Type.String() });

const view = (c: Campaign) => ({
  id: c.id,
  name: c.name,
  channel: c.channel,
  ownerTeamId: c.ownerTeamId,
  startsOn: c.startsOn,
  endsOn: c.endsOn,
  costCents: c.costCents,
  utm: { campaign: c.utmCampaign, sourcePattern: c.utmSourcePattern, mediumPattern: c.utmMediumPattern },
  requestedBySales: c.requestedBySales,
  createdAt: c.createdAt.toISOString(),
  updatedAt: c.updatedAt.toISOString(),
});

type Body = Partial<{
  name: string;
  channel: string;
  ownerTeamId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  costCents: number;
  utm: Partial<{ campaign: string | null; sourcePattern: string | null; mediumPattern: string | null }>;
  requestedBySales: boolean;
}>;

/** The fields a body sets; absent ones are left out (edits) or defaulted (creation). */
function changesOf(body: Body): Partial<CampaignFields> {
  const out: Partial<CampaignFields> = {};
  if (body.name !== undefined) out.name = body.name.trim();
  if (body.channel !== undefined) out.channel = body.channel;
  if (body.ownerTeamId !== undefined) out.ownerTeamId = body.ownerTeamId;
  if (body.startsOn !== undefined) out.startsOn = body.startsOn;
  if (body.endsOn !== undefined) out.endsOn = body.endsOn;
  if (body.costCents !== undefined) out.costCents = body.costCents;
  if (body.requestedBySales !== undefined) out.requestedBySales = body.requestedBySales;
  if (body.utm?.campaign !== undefined) out.utmCampaign = body.utm.campaign;
  if (body.utm?.sourcePattern !== undefined) out.utmSourcePattern = body.utm.sourcePattern;
  if (body.utm?.mediumPattern !== undefined) out.utmMediumPattern = body.utm.mediumPattern;
  return out;
}

const editors = { roles: ['admin', 'marketing'] as const };
const tags = ['campaigns'];
const monthStart = (month: string) => `${month}-01`;

/** Campaigns and their monthly costs: marketing and admins edit, everyone reads. */
export async function campaignsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const ws = (request: Parameters<typeof principalOf>[0]) => principalOf(request).workspaceId;

  r.get(
    '/api/v1/campaigns',
    {
      schema: {
        tags,
        summary: 'Every campaign, by name, with its cost to date',
        response: { 200: Type.Object({ items: Type.Array(ListedCampaign) }) },
      },
    },
    async (request) => {
      const workspaceId = ws(request);
      const campaigns = await listCampaigns(app.deps.db, workspaceId);
      const costsOf = new Map<string, CampaignCost[]>();
      for (const cost of await listCampaignCosts(app.deps.db, workspaceId)) {
        costsOf.set(cost.campaignId, [...(costsOf.get(cost.campaignId) ?? []), cost]);
      }
      const today = app.deps.clock().toISOString().slice(0, 10);
      return {
        items: campaigns.map((c) => ({
          ...view(c),
          costToDateCents: costToDateCents(c, costsOf.get(c.id) ?? [], today),
        })),
      };
    },
  );

  r.post(
    '/api/v1/campaigns',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Create a campaign',
        description:
          'Events whose utm_campaign equals utm.campaign (ignoring case) and whose utm_source and utm_medium match the optional patterns become touchpoints of this campaign.',
        body: Type.Object(fieldsSchema, { additionalProperties: false }),
        response: { 201: CampaignSchema },
      },
    },
    async (request, reply) => {
      const fields: CampaignFields = {
        ownerTeamId: null,
        startsOn: null,
        endsOn: null,
        costCents: 0,
        utmCampaign: null,
        utmSourcePattern: null,
        utmMediumPattern: null,
        requestedBySales: false,
        ...(changesOf(request.body) as Pick<CampaignFields, 'name' | 'channel'>),
      };
      const created = await createCampaign(app.deps.db, {
        workspaceId: ws(request),
        fields,
        now: app.deps.clock(),
      });
      return reply.status(201).send(view(created));
    },
  );

  r.get(
    '/api/v1/campaigns/:id',
    {
      schema: {
        tags,
        summary: 'One campaign',
        params: Type.Object({ id: Uuid }),
        response: { 200: CampaignSchema },
      },
    },
    async (request) => {
      const found = await findCampaign(app.deps.db, ws(request), request.params.id);
      if (!found) throw notFound('campaign');
      return view(found);
    },
  );

  r.patch(
    '/api/v1/campaigns/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Change some fields of a campaign',
        params: Type.Object({ id: Uuid }),
        body: Type.Partial(Type.Object(fieldsSchema), { additionalProperties: false }),
        response: { 200: CampaignSchema },
      },
    },
    async (request) =>
      view(
        await editCampaign(app.deps.db, {
          workspaceId: ws(request),
          id: request.params.id,
          changes: changesOf(request.body as Body),
          now: app.deps.clock(),
        }),
      ),
  );

  r.delete(
    '/api/v1/campaigns/:id',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Delete a campaign and its costs',
        params: Type.Object({ id: Uuid }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeCampaign(app.deps.db, { workspaceId: ws(request), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  r.get(
    '/api/v1/campaigns/:id/costs',
    {
      schema: {
        tags,
        summary: 'A campaign’s monthly costs',
        params: Type.Object({ id: Uuid }),
        response: { 200: Type.Object({ items: Type.Array(Cost) }) },
      },
    },
    async (request) => {
      const workspaceId = ws(request);
      if (!(await findCampaign(app.deps.db, workspaceId, request.params.id))) throw notFound('campaign');
      const costs = await listCampaignCosts(app.deps.db, workspaceId, { campaignId: request.params.id });
      return {
        items: costs.map((c) => ({
          month: c.month.slice(0, 7),
          amountCents: c.amountCents,
          currency: c.currency,
        })),
      };
    },
  );

  r.put(
    '/api/v1/campaigns/:id/costs/:month',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Set a campaign’s cost for one month',
        params: Type.Object({ id: Uuid, month: Month }),
        body: Type.Object(
          { amountCents: Cents, currency: Type.Optional(Currency) },
          { additionalProperties: false },
        ),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await setCampaignCost(app.deps.db, {
        workspaceId: ws(request),
        campaignId: request.params.id,
        month: monthStart(request.params.month),
        amountCents: request.body.amountCents,
        currency: request.body.currency ?? 'USD',
        now: app.deps.clock(),
      });
      return reply.status(204).send(null);
    },
  );

  r.delete(
    '/api/v1/campaigns/:id/costs/:month',
    {
      config: editors,
      schema: {
        tags,
        summary: 'Remove a campaign’s cost for one month',
        params: Type.Object({ id: Uuid, month: Month }),
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      await removeCampaignCost(app.deps.db, {
        workspaceId: ws(request),
        campaignId: request.params.id,
        month: monthStart(request.params.month),
      });
      return reply.status(204).send(null);
    },
  );
}
