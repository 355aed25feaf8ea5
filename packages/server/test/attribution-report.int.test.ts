import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTouchpoints } from '../src/app/touchpoints.js';
import { newId } from '../src/id.js';
import { createCatalog } from '../src/jobs/catalog.js';
import { createJobRunner } from '../src/jobs/runner.js';
import { ensureTouchpointBuilds, touchpointsJob } from '../src/jobs/touchpoints.job.js';
import type { EventType } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';

const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const now = at('2031-06-01');

/**
 * A hand-built quarter: two deals at two accounts, touches from campaigns, search, a late
 * identification and sales calls. Every expected credit below is computed by hand in comments.
 */
describe('touchpoints and the attribution reports', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let ws: string;
  const id: Record<string, string> = {};

  const event = async (
    key: string,
    day: string,
    fields: {
      type: EventType;
      contact?: string;
      anon?: string;
      name?: string;
      utm?: Partial<Record<'source' | 'medium' | 'campaign', string>>;
      referrer?: string;
    },
  ) => {
    id[key] = newId(at(day).getTime());
    await t.handle.db
      .insertInto('event')
      .values({
        workspace_id: ws,
        id: id[key]!,
        message_id: key,
        type: fields.type,
        name: fields.name ?? null,
        anonymous_id: fields.anon ?? null,
        contact_id: fields.contact ? id[fields.contact]! : null,
        user_id: null,
        account_id: null,
        campaign_id: null,
        occurred_at: at(day),
        received_at: at(day),
        properties: '{}',
        context: '{}',
        utm_source: fields.utm?.source ?? null,
        utm_medium: fields.utm?.medium ?? null,
        utm_campaign: fields.utm?.campaign ?? null,
        referrer: fields.referrer ?? null,
        page_url: 'https://ours.test/pricing',
      })
      .execute();
  };
  const activity = async (key: string, day: string, kind: 'call' | 'note', contact: string) => {
    id[key] = newId(at(day).getTime());
    await t.handle.db
      .insertInto('activity')
      .values({
        workspace_id: ws,
        id: id[key]!,
        kind,
        contact_id: id[contact]!,
        lead_id: null,
        user_id: as.rep1!.userId,
        occurred_at: at(day),
        subject: null,
        note: null,
        created_at: at(day),
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    ({ as, workspaceId: ws } = await workspaceWithUsers(t, [
      ['mkt', 'marketing', null],
      ['rep1', 'sales_rep', 'Sales'],
      ['rep2', 'sales_rep', 'Sales'],
    ]));
    const db = t.handle.db;
    const sales = await db
      .selectFrom('team')
      .select('id')
      .where('workspace_id', '=', ws)
      .where('name', '=', 'Sales')
      .executeTakeFirstOrThrow();

    const campaign = async (key: string, body: Record<string, unknown>) => {
      id[key] = (await json(as.mkt!('POST', '/api/v1/campaigns', body), 201)).id;
    };
    await campaign('web', {
      name: 'Spring webinar',
      channel: 'webinar',
      utm: { campaign: 'spring-webinar' },
    });
    await campaign('ads', {
      name: 'Brand search',
      channel: 'paid_search',
      startsOn: '2031-03-01',
      costCents: 50_000,
      utm: { sourcePattern: 'google', mediumPattern: 'cpc' },
    });
    await campaign('dinner', {
      name: 'Exec dinner',
      channel: 'event',
      ownerTeamId: sales.id,
      utm: { campaign: 'exec-dinner' },
    });
    await expectStatus(
      as.mkt!('PUT', `/api/v1/campaigns/${id.web}/costs/2031-03`, { amountCents: 100_000 }),
      204,
    );

    for (const [key, domain] of [
      ['acme', 'acme.test'],
      ['globex', 'globex.test'],
    ] as const) {
      id[key] = newId();
      await db
        .insertInto('account')
        .values({ workspace_id: ws, id: id[key]!, name: key, domain, traits: '{}' })
        .execute();
    }
    for (const [key, account] of [
      ['bob', 'acme'],
      ['eve', 'acme'],
      ['ann', 'globex'],
    ] as const) {
      id[key] = newId();
      await db
        .insertInto('contact')
        .values({
          workspace_id: ws,
          id: id[key]!,
          email: `${key}@x.test`,
          account_id: id[account]!,
          traits: '{}',
          consent: '{}',
        })
        .execute();
    }
    id.lead = newId();
    await db
      .insertInto('lead')
      .values({
        workspace_id: ws,
        id: id.lead,
        contact_id: id.bob!,
        stage: 'won',
        created_at: at('2031-03-08'),
        updated_at: at('2031-03-08'),
      })
      .execute();

    await event('e1', '2031-03-01', {
      type: 'page',
      contact: 'bob',
      utm: { source: 'google', medium: 'cpc' },
    }); // Brand search
    await event('e2', '2031-03-08', {
      type: 'track',
      name: 'Webinar Registered',
      contact: 'bob',
      utm: { campaign: 'spring-webinar' },
    }); // lead creation
    await event('e3', '2031-03-15', { type: 'page', anon: 'anon-1', referrer: 'https://www.google.com/' }); // organic, identified later
    await event('e4', '2031-03-16', { type: 'identify', contact: 'bob' }); // not a touch
    await event('e5', '2031-03-17', { type: 'page', contact: 'bob' }); // plain visit: not a touch
    await activity('a1', '2031-03-22', 'call', 'bob');
    await activity('a2', '2031-03-23', 'note', 'bob'); // not a touch
    await activity('a3', '2031-03-21', 'call', 'ann');
    await event('e6', '2031-03-22', { type: 'page', contact: 'ann', referrer: 'https://www.bing.com/' });
    await event('e7', '2031-04-15', { type: 'page', contact: 'bob', utm: { campaign: 'spring-webinar' } }); // after the close

    const deal = async (
      key: string,
      values: {
        account: string;
        amount: number;
        created: string;
        closed: string;
        status: 'won' | 'lost';
        owner: string;
        contacts: string[];
      },
    ) => {
      id[key] = newId(at(values.created).getTime());
      await db
        .insertInto('opportunity')
        .values({
          workspace_id: ws,
          id: id[key]!,
          name: key,
          account_id: id[values.account]!,
          amount_cents: values.amount,
          stage: values.status === 'won' ? 'closed_won' : 'closed_lost',
          probability: values.status === 'won' ? 100 : 0,
          status: values.status,
          owner_id: as[values.owner]!.userId,
          source_lead_id: key === 'o1' ? id.lead! : null,
          closed_at: at(values.closed),
          lost_reason: values.status === 'lost' ? 'price' : null,
          created_at: at(values.created),
          updated_at: at(values.closed),
        })
        .execute();
      for (const c of values.contacts) {
        await db
          .insertInto('opportunity_contact_role')
          .values({
            workspace_id: ws,
            id: newId(),
            opportunity_id: id[key]!,
            contact_id: id[c]!,
            role: 'contact',
          })
          .execute();
      }
    };
    await deal('o1', {
      account: 'acme',
      amount: 1_000_000,
      created: '2031-03-24',
      closed: '2031-04-10',
      status: 'won',
      owner: 'rep1',
      contacts: ['bob', 'eve'],
    });
    await deal('o2', {
      account: 'globex',
      amount: 500_000,
      created: '2031-03-25',
      closed: '2031-04-20',
      status: 'lost',
      owner: 'rep2',
      contacts: ['ann'],
    });
  });
  afterAll(async () => t?.close());

  it('builds touchpoints from events and activities by a job, idempotently, and links late identifications', async () => {
    const db = t.handle.db;
    expect(await ensureTouchpointBuilds(db, now)).toBe(1);
    const runner = createJobRunner({
      db,
      clock: () => now,
      catalog: createCatalog([touchpointsJob]),
      worker: 'test',
      pollMs: 5,
      batch: 5,
      leaseMs: 60_000,
    });
    expect(await runner.runOnce(now)).toMatchObject({ claimed: 1, done: 1 });
    await runner.stop();
    const touches = await db
      .selectFrom('touchpoint')
      .select(['source_id', 'channel', 'kind', 'campaign_id', 'contact_id', 'account_id'])
      .where('workspace_id', '=', ws)
      .orderBy('occurred_at')
      .execute();
    expect(touches.map((x) => [x.source_id, x.channel, x.kind, x.campaign_id])).toEqual([
      [id.e1, 'paid_search', 'page_view', id.ads],
      [id.e2, 'webinar', 'form_fill', id.web],
      [id.e3, 'organic_search', 'page_view', null],
      [id.a3, 'sales', 'sales_call', null],
      [id.e6, 'organic_search', 'page_view', null],
      [id.a1, 'sales', 'sales_call', null],
      [id.e7, 'webinar', 'page_view', id.web],
    ]);
    expect(touches[2]).toMatchObject({ contact_id: null, account_id: null });
    expect(touches[0]).toMatchObject({ contact_id: id.bob, account_id: id.acme });

    // Nothing new: nothing added. Eve is identified as the visitor: her touch follows.
    await db.updateTable('event').set({ contact_id: id.eve! }).where('id', '=', id.e3!).execute();
    const again = await db.transaction().execute((trx) => buildTouchpoints(trx, { workspaceId: ws, now }));
    expect(again).toMatchObject({ events: 0, activities: 0, inserted: 0, linked: 1, more: false });
    const e3 = await db
      .selectFrom('touchpoint')
      .select(['contact_id', 'account_id'])
      .where('source_id', '=', id.e3!)
      .executeTakeFirstOrThrow();
    expect(e3).toEqual({ contact_id: id.eve, account_id: id.acme });
  });

  it('credits every touch of one deal under each model, summing exactly to the amount', async () => {
    const view = await json(as.rep1!('GET', `/api/v1/opportunities/${id.o1}/attribution`));
    expect(view).toMatchObject({ basis: 'revenue', conversionAt: '2031-04-10T00:00:00.000Z' });
    const credits = (model: string) =>
      view.touches.map((x: { credits: Record<string, number> }) => x.credits[model]);
    // Touches: e1 (FT), e2 (LC), e3, a1 (OC, last before the close); e7 after the close gets 0.
    expect(view.touches.map((x: { id: string }) => x.id)).toHaveLength(5);
    expect(credits('first_touch')).toEqual([1_000_000, 0, 0, 0, 0]);
    expect(credits('lead_creation')).toEqual([0, 1_000_000, 0, 0, 0]);
    expect(credits('last_touch')).toEqual([0, 0, 0, 1_000_000, 0]);
    expect(credits('linear')).toEqual([250_000, 250_000, 250_000, 250_000, 0]);
    expect(credits('u_shaped')).toEqual([400_000, 400_000, 100_000, 100_000, 0]);
    expect(credits('w_shaped')).toEqual([300_000, 300_000, 100_000, 300_000, 0]);
    // a1 is both the opportunity-creation and the closing touch: 45 of 100 parts.
    expect(credits('full_path')).toEqual([225_000, 225_000, 100_000, 450_000, 0]);
    // Ages 21, 14, 7, 0 days at a 7-day half-life: weights 1, 2, 4, 8 of 15; the two cents left
    // over go to the equal largest remainders (.67).
    expect(credits('time_decay')).toEqual([66_667, 133_333, 266_667, 533_333, 0]);
    // Only o1 closed in the year before its close: one converting path, every channel essential.
    expect(credits('data_driven')).toEqual([250_000, 250_000, 250_000, 250_000, 0]);
    for (const total of Object.values(view.totals)) expect(total).toBe(1_000_000);

    const csvText = (await as.rep1!('GET', `/api/v1/opportunities/${id.o1}/attribution?format=csv`)).body;
    expect(csvText.split('\n')[0]).toBe(
      'touch_id,at,kind,channel,campaign,first_touch,lead_creation,last_touch,linear,u_shaped,w_shaped,full_path,time_decay,data_driven',
    );
    expect((await as.rep2!('GET', `/api/v1/opportunities/${id.o1}/attribution`)).statusCode).toBe(404);
  });

  it('reports pipeline, revenue, cost and ROI per campaign, with marketing’s share', async () => {
    const report = await json(
      as.mkt!(
        'GET',
        '/api/v1/reports/attribution?from=2031-03-01T00:00:00Z&to=2031-05-01T00:00:00Z&model=all',
      ),
    );
    expect(report.deals).toEqual({ pipeline: 2, revenue: 1 });
    // o1 starts with a marketing touch; o2 with a sales call (influenced by search, not sourced).
    expect(report.marketing.pipeline).toEqual({
      totalCents: 1_500_000,
      sourcedCents: 1_000_000,
      influencedCents: 1_500_000,
      sourcedShare: 2 / 3,
      influencedShare: 1,
    });
    expect(report.marketing.revenue).toMatchObject({
      totalCents: 1_000_000,
      sourcedShare: 1,
      influencedShare: 1,
    });
    const model = (name: string) => report.results.find((r: { model: string }) => r.model === name);
    const rows = (name: string) =>
      model(name).rows.map((r: Record<string, unknown>) => [
        r.key,
        r.pipelineCents,
        r.revenueCents,
        r.costCents,
        r.roi,
      ]);

    // Pipeline journeys end at creation: o1 e1 e2 e3 a1, o2 a3 e6. Revenue: o1 only (o2 was lost).
    expect(rows('first_touch')).toEqual([
      [id.ads, 1_000_000, 1_000_000, 50_000, 19],
      ['channel:sales', 500_000, 0, 0, null],
      [id.web, 0, 0, 100_000, -1],
    ]);
    expect(rows('linear')).toEqual([
      ['channel:organic_search', 500_000, 250_000, 0, null],
      ['channel:sales', 500_000, 250_000, 0, null],
      [id.web, 250_000, 250_000, 100_000, 1.5],
      [id.ads, 250_000, 250_000, 50_000, 4],
    ]);
    // o2 has no lead: nothing precedes a lead's creation, so lead creation leaves it unattributed.
    expect(model('lead_creation').unattributed).toEqual({ pipelineCents: 500_000, revenueCents: 0 });
    for (const m of report.results) {
      const sum = (k: 'pipelineCents' | 'revenueCents') =>
        m.rows.reduce((s: number, r: Record<string, number>) => s + r[k]!, 0) + m.unattributed[k];
      expect([m.model, sum('pipelineCents'), sum('revenueCents')]).toEqual([m.model, 1_500_000, 1_000_000]);
    }
    expect(model('w_shaped').rows.find((r: { key: string }) => r.key === id.web).campaign).toEqual({
      id: id.web,
      name: 'Spring webinar',
    });

    const byChannel = await json(
      as.mkt!(
        'GET',
        '/api/v1/reports/attribution?from=2031-03-01T00:00:00Z&to=2031-05-01T00:00:00Z&model=linear&by=channel',
      ),
    );
    expect(byChannel.results).toHaveLength(1);
    expect(
      byChannel.results[0].rows.map((r: Record<string, unknown>) => [r.key, r.pipelineCents, r.costCents]),
    ).toEqual([
      ['organic_search', 500_000, 0],
      ['sales', 500_000, 0],
      ['webinar', 250_000, 100_000],
      ['paid_search', 250_000, 50_000],
    ]);

    // A rep sees only their own deals in the report.
    const mine = await json(
      as.rep2!(
        'GET',
        '/api/v1/reports/attribution?from=2031-03-01T00:00:00Z&to=2031-05-01T00:00:00Z&model=first_touch',
      ),
    );
    expect(mine.deals).toEqual({ pipeline: 1, revenue: 0 });
  });

  it('exports the report as CSV through the formula guard', async () => {
    await json(as.mkt!('PATCH', `/api/v1/campaigns/${id.web}`, { name: '=HYPERLINK("http://evil")' }));
    const res = await as.mkt!(
      'GET',
      '/api/v1/reports/attribution?from=2031-03-01T00:00:00Z&to=2031-05-01T00:00:00Z&model=linear',
      undefined,
      { accept: 'text/csv' },
    );
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe(
      'model,key,campaign_id,campaign,channel,cost_cents,pipeline_cents,revenue_cents,roi',
    );
    expect(lines).toContain(
      `linear,${id.web},${id.web},"'=HYPERLINK(""http://evil"")",webinar,100000,250000,250000,1.5`,
    );
    expect(lines.at(-1)).toBe('linear,unattributed,,,,0,0,0,');
  });
});
