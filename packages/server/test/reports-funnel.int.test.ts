import type { LeadStage } from '@tandem/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/app/workspaces.js';
import { newId } from '../src/id.js';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';
import { insertActiveContract } from './contracts.js';

/** A logged-in user of a partner (the shared helper makes users without one). */
async function partnerCaller(t: TestApp, workspaceId: string): Promise<Caller> {
  const partnerId = newId();
  await t.handle.db
    .insertInto('partner')
    .values({ workspace_id: workspaceId, id: partnerId, name: 'Resellers', created_at: now })
    .execute();
  const password = 'partner password 1';
  await createUser(t.handle.db, {
    workspaceId,
    email: 'partner@resell.test',
    name: 'Partner',
    role: 'partner',
    partnerId,
    password,
  });
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email: 'partner@resell.test', password },
    remoteAddress: '10.9.1.1',
  });
  expect(login.statusCode, login.body).toBe(200);
  const token = login.cookies.find((c) => c.name === 'tandem_session')!.value;
  const csrf = login.json().csrfToken as string;
  const call = ((method, url) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: `tandem_session=${token}`, 'x-csrf-token': csrf },
    })) as Caller;
  call.userId = null;
  return call;
}

const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const now = at('2031-06-01');

/**
 * A hand-built spring: eight leads with known stage histories in two teams, four deals. Every
 * expected figure below is worked out by hand in the comments next to it.
 *
 *   L1 East webinar  lead 03-01, mql 03-02 (v1), accepted 03-03, sql 03-05, opportunity 03-10, won 03-20
 *   L2 East webinar  lead 03-01, mql 03-04 (v1), accepted 03-05, sql 03-15
 *   L3 East =cmd     lead 03-02, mql 03-06 (v2), recycled 03-08 (timing)
 *   L4 East @ads     lead 03-03, mql 03-07 (v2), disqualified 03-09 (not-icp)
 *   L5 East ads      lead 03-05
 *   L6 West webinar  lead 03-01, mql 03-02 (v1), accepted 03-03, sql 03-04
 *   L7 East ads      lead 04-10, mql 04-12 (v2), accepted 04-13
 *   L8 East ads      lead 05-30, mql 05-31 (v2)
 *
 *   D1 from L1, rA: 25 000.00 won 03-20          D2 from L2, rA: 30 000.00 created 04-20, won 05-15
 *   D3 from L8, rA: 10 000.00 open, proposal 50 %, closes 2031-06-15, created 05-01
 *   D4 no lead, mB: 40 000.00 open, demo 25 %, closes 2031-08-10, created 02-01
 */
describe('funnel, cohort, goal and forecast reports', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let ws: string;
  const lead: Record<string, string> = {};
  const team: Record<string, string> = {};

  const addLead = async (key: string, o: { source: string; team: 'East' | 'West'; owner: string | null }) => {
    const db = t.handle.db;
    const contactId = newId();
    await db
      .insertInto('contact')
      .values({
        workspace_id: ws,
        id: contactId,
        email: `${key.toLowerCase()}@buyer.test`,
        first_name: null,
        last_name: null,
        title: null,
        phone: null,
        country: null,
        account_id: null,
        owner_id: null,
        partner_id: null,
        traits: '{}',
        consent: '{}',
        created_at: at('2031-01-01'),
        updated_at: at('2031-01-01'),
      })
      .execute();
    lead[key] = newId();
    await db
      .insertInto('lead')
      .values({
        workspace_id: ws,
        id: lead[key]!,
        contact_id: contactId,
        stage: 'lead',
        owner_id: o.owner,
        team_id: team[o.team]!,
        partner_id: null,
        source: o.source,
        fit_grade: null,
        interest_ref_at: null,
        contract_version: null,
        mql_at: null,
        created_at: at('2031-01-01'),
        updated_at: at('2031-01-01'),
      })
      .execute();
  };
  const path = async (
    key: string,
    steps: ReadonlyArray<[LeadStage, string, { reason?: string; v?: number }?]>,
  ) => {
    const db = t.handle.db;
    let from: LeadStage | null = null;
    for (const [to, day, extra] of steps) {
      await db
        .insertInto('stage_transition')
        .values({
          workspace_id: ws,
          id: newId(at(day).getTime()),
          lead_id: lead[key]!,
          from_stage: from,
          to_stage: to,
          at: at(day),
          cause: 'user',
          actor_id: null,
          reason_code: extra?.reason ?? null,
          note: null,
          contract_version: extra?.v ?? null,
        })
        .execute();
      from = to;
    }
    await db.updateTable('lead').set({ stage: from! }).where('id', '=', lead[key]!).execute();
  };
  const deal = async (o: {
    amount: number;
    status: 'open' | 'won';
    stage: string;
    probability: number;
    created: string;
    closed?: string;
    closeDate: string;
    owner: string;
    source?: string;
  }) => {
    await t.handle.db
      .insertInto('opportunity')
      .values({
        workspace_id: ws,
        id: newId(at(o.created).getTime()),
        account_id: null,
        name: `Deal ${o.amount}`,
        amount_cents: o.amount,
        currency: 'USD',
        stage: o.stage,
        probability: o.probability,
        close_date: o.closeDate,
        owner_id: o.owner,
        partner_id: null,
        source_lead_id: o.source ? lead[o.source]! : null,
        status: o.status,
        closed_at: o.closed ? at(o.closed) : null,
        lost_reason: null,
        created_at: at(o.created),
        updated_at: at(o.created),
      })
      .execute();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    ({ as, workspaceId: ws } = await workspaceWithUsers(t, [
      ['admin', 'admin', null],
      ['mkt', 'marketing', null],
      ['mA', 'sales_manager', 'East'],
      ['rA', 'sales_rep', 'East'],
      ['mB', 'sales_manager', 'West'],
    ]));
    as.partner = await partnerCaller(t, ws);
    const teams = await t.handle.db
      .selectFrom('team')
      .select(['id', 'name'])
      .where('workspace_id', '=', ws)
      .execute();
    for (const row of teams) team[row.name] = row.id;
    await insertActiveContract(t.handle.db, ws, at('2031-03-01').getTime());
    const rA = as.rA!.userId;
    await addLead('L1', { source: 'webinar', team: 'East', owner: rA });
    await addLead('L2', { source: 'webinar', team: 'East', owner: rA });
    await addLead('L3', { source: '=cmd', team: 'East', owner: rA });
    await addLead('L4', { source: '@ads', team: 'East', owner: rA });
    await addLead('L5', { source: 'ads', team: 'East', owner: rA });
    await addLead('L6', { source: 'webinar', team: 'West', owner: null });
    await addLead('L7', { source: 'ads', team: 'East', owner: rA });
    await addLead('L8', { source: 'ads', team: 'East', owner: rA });
    await path('L1', [
      ['lead', '2031-03-01'],
      ['mql', '2031-03-02', { v: 1 }],
      ['accepted', '2031-03-03'],
      ['sql', '2031-03-05'],
      ['opportunity', '2031-03-10'],
      ['won', '2031-03-20'],
    ]);
    await path('L2', [
      ['lead', '2031-03-01'],
      ['mql', '2031-03-04', { v: 1 }],
      ['accepted', '2031-03-05'],
      ['sql', '2031-03-15'],
    ]);
    await path('L3', [
      ['lead', '2031-03-02'],
      ['mql', '2031-03-06', { v: 2 }],
      ['recycled', '2031-03-08', { reason: 'timing' }],
    ]);
    await path('L4', [
      ['lead', '2031-03-03'],
      ['mql', '2031-03-07', { v: 2 }],
      ['disqualified', '2031-03-09', { reason: 'not-icp' }],
    ]);
    await path('L5', [['lead', '2031-03-05']]);
    await path('L6', [
      ['lead', '2031-03-01'],
      ['mql', '2031-03-02', { v: 1 }],
      ['accepted', '2031-03-03'],
      ['sql', '2031-03-04'],
    ]);
    await path('L7', [
      ['lead', '2031-04-10'],
      ['mql', '2031-04-12', { v: 2 }],
      ['accepted', '2031-04-13'],
    ]);
    await path('L8', [
      ['lead', '2031-05-30'],
      ['mql', '2031-05-31', { v: 2 }],
    ]);
    await deal({
      amount: 25_000_00,
      status: 'won',
      stage: 'closed_won',
      probability: 100,
      created: '2031-03-10',
      closed: '2031-03-20',
      closeDate: '2031-03-20',
      owner: rA!,
      source: 'L1',
    });
    await deal({
      amount: 30_000_00,
      status: 'won',
      stage: 'closed_won',
      probability: 100,
      created: '2031-04-20',
      closed: '2031-05-15',
      closeDate: '2031-05-15',
      owner: rA!,
      source: 'L2',
    });
    await deal({
      amount: 10_000_00,
      status: 'open',
      stage: 'proposal',
      probability: 50,
      created: '2031-05-01',
      closeDate: '2031-06-15',
      owner: rA!,
      source: 'L8',
    });
    await deal({
      amount: 40_000_00,
      status: 'open',
      stage: 'demo',
      probability: 25,
      created: '2031-02-01',
      closeDate: '2031-08-10',
      owner: as.mB!.userId!,
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const march = 'from=2031-03-01T00:00:00.000Z&to=2031-04-01T00:00:00.000Z';

  describe('funnel health', () => {
    it('counts reconcile with the stored transitions, and conversion follows from them', async () => {
      const report = await json(as.admin!('GET', `/api/v1/reports/funnel?${march}`));
      const stored = await t.handle.db
        .selectFrom('stage_transition')
        .select(['to_stage', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', ws)
        .where('at', '>=', at('2031-03-01'))
        .where('at', '<', at('2031-04-01'))
        .groupBy('to_stage')
        .execute();
      const entries = report.counts.entries as Record<string, number>;
      for (const row of stored) expect(entries[row.to_stage]).toBe(Number(row.n));
      const total = Object.values(entries).reduce((s, n) => s + n, 0);
      expect(total).toBe(stored.reduce((s, r) => s + Number(r.n), 0));
      expect(total).toBe(21); // 6 + 4 + 3 + 3 + 1 + 4 rows for L1–L6
      expect(report.counts.leads).toBe(6);
      expect(report.counts.reached).toEqual({ lead: 6, mql: 5, accepted: 3, sql: 3, opportunity: 1, won: 1 });
      const rate = (from: string) => report.conversion.find((c: { from: string }) => c.from === from).rate;
      expect(rate('mql')).toBeCloseTo(3 / 5);
      expect(rate('accepted')).toBe(1);
      expect(rate('sql')).toBeCloseTo(1 / 3);
    });

    it('counts every lead’s stage at the window’s end, moved in the window or not', async () => {
      const april = await json(
        as.admin!('GET', '/api/v1/reports/funnel?from=2031-04-01T00:00:00.000Z&to=2031-05-01T00:00:00.000Z'),
      );
      expect(april.counts.leads).toBe(1); // only L7 moved in April
      expect(april.counts.current).toMatchObject({
        lead: 1, // L5
        mql: 0,
        accepted: 1, // L7
        sql: 2, // L2, L6
        won: 1, // L1
        recycled: 1,
        disqualified: 1,
      });
    });

    it('measures time in stage, leakage with the contract’s labels, and MQL → SQL by source and version', async () => {
      const report = await json(as.mkt!('GET', `/api/v1/reports/funnel?${march}`));
      const day = 86_400_000;
      const velocity = (stage: string) => report.velocity.find((v: { stage: string }) => v.stage === stage);
      // Stays in accepted: L1 2 days, L2 10 days, L6 1 day → median 2 days, p90 = 2 + 0.8 × 8 = 8.4 days.
      expect(velocity('accepted')).toMatchObject({ stays: 3, medianMs: 2 * day });
      expect(velocity('accepted').p90Ms).toBeCloseTo(8.4 * day);
      expect(report.leakage).toEqual([
        {
          from: 'mql',
          to: 'disqualified',
          reasonCode: 'not-icp',
          reasonLabel: 'Outside our ideal customer profile',
          count: 1,
          share: 0.5,
        },
        {
          from: 'mql',
          to: 'recycled',
          reasonCode: 'timing',
          reasonLabel: 'Interested, but not this quarter',
          count: 1,
          share: 0.5,
        },
      ]);
      expect(report.mqlToSql.bySource).toEqual([
        { group: '=cmd', entered: 1, converted: 0, rate: 0 },
        { group: '@ads', entered: 1, converted: 0, rate: 0 },
        { group: 'webinar', entered: 3, converted: 3, rate: 1 },
      ]);
      expect(report.mqlToSql.byContractVersion).toEqual([
        { group: '1', entered: 3, converted: 3, rate: 1 },
        { group: '2', entered: 2, converted: 0, rate: 0 },
      ]);
      expect(report.speedToLead).toHaveProperty('attainment');
    });

    it('shows a sales manager their team’s leads only, and refuses reps and partners', async () => {
      const east = await json(as.mA!('GET', `/api/v1/reports/funnel?${march}`));
      expect(east.counts.reached).toEqual({ lead: 5, mql: 4, accepted: 2, sql: 2, opportunity: 1, won: 1 });
      const west = await json(as.mB!('GET', `/api/v1/reports/funnel?${march}`));
      expect(west.counts.reached).toEqual({ lead: 1, mql: 1, accepted: 1, sql: 1, opportunity: 0, won: 0 });
      await expectStatus(as.rA!('GET', `/api/v1/reports/funnel?${march}`), 403);
      await expectStatus(as.partner!('GET', `/api/v1/reports/funnel?${march}`), 403);
      await expectStatus(as.partner!('GET', '/api/v1/reports/forecast'), 403);
      await expectStatus(as.partner!('GET', '/api/v1/reports/funnel/cohorts'), 403);
      await expectStatus(as.partner!('GET', '/api/v1/goals'), 403);
    });

    it('names the field at fault', async () => {
      const bad = await expectStatus(
        as.admin!('GET', '/api/v1/reports/funnel?from=2031-04-01T00:00:00.000Z&to=2031-03-01T00:00:00.000Z'),
        400,
      );
      expect(bad.json().field).toBe('querystring:/from');
      const funnel = await expectStatus(as.admin!('GET', '/api/v1/reports/funnel?funnel=nope'), 400);
      expect(funnel.json().field).toBe('querystring:/funnel');
    });
  });

  describe('cohorts', () => {
    it('gives each month’s MQLs the share reaching SQL, opportunity and won within N days', async () => {
      const report = await json(as.admin!('GET', '/api/v1/reports/funnel/cohorts?months=4&withinDays=10'));
      expect(report.months).toEqual(['2031-03', '2031-04', '2031-05', '2031-06']);
      // March: L1, L2, L3, L4, L6. Within 10 days: SQL L1 (3 d), L6 (2 d) – L2 took 11; opportunity L1 (8 d).
      expect(report.cohorts).toEqual([
        {
          month: '2031-03',
          size: 5,
          complete: true,
          reached: [
            { stage: 'sql', count: 2, share: 0.4 },
            { stage: 'opportunity', count: 1, share: 0.2 },
            { stage: 'won', count: 0, share: 0 },
          ],
        },
        {
          month: '2031-04',
          size: 1,
          complete: true,
          reached: [
            { stage: 'sql', count: 0, share: 0 },
            { stage: 'opportunity', count: 0, share: 0 },
            { stage: 'won', count: 0, share: 0 },
          ],
        },
        // L8 became an MQL on 05-31: its 10 days run past asOf.
        expect.objectContaining({ month: '2031-05', size: 1, complete: false }),
      ]);
      const wider = await json(as.admin!('GET', '/api/v1/reports/funnel/cohorts?months=4&withinDays=30'));
      // Within 30 days: SQL L1, L2, L6; opportunity and won L1 (18 days).
      expect(wider.cohorts[0].reached.map((r: { count: number }) => r.count)).toEqual([3, 1, 1]);
    });
  });

  describe('goals and the reverse funnel', () => {
    let goalId: string;
    it('lets admin, marketing and sales managers edit goals, and others read them', async () => {
      const body = {
        name: 'Q2 new business',
        periodStart: '2031-04-01',
        periodEnd: '2031-06-30',
        targetCents: 100_000_00,
      };
      await expectStatus(as.rA!('POST', '/api/v1/goals', body), 403);
      const bad = await expectStatus(
        as.mkt!('POST', '/api/v1/goals', { ...body, periodEnd: '2031-03-01' }),
        400,
      );
      expect(bad.json().field).toBe('/periodEnd');
      const created = await json(as.mA!('POST', '/api/v1/goals', { ...body, name: 'draft' }), 201);
      expect(created).toMatchObject({
        name: 'draft',
        currency: 'USD',
        funnel: null,
        createdBy: as.mA!.userId,
      });
      goalId = created.id;
      const edited = await json(as.mkt!('PATCH', `/api/v1/goals/${goalId}`, { name: body.name }));
      expect(edited).toMatchObject(body);
      const listed = await json(as.rA!('GET', '/api/v1/goals'));
      expect(listed.items.map((g: { id: string }) => g.id)).toEqual([goalId]);
    });

    it('turns the target into the deals, SQLs, MQLs and leads it needs, and paces progress', async () => {
      const plan = await json(as.admin!('GET', `/api/v1/goals/${goalId}/plan?lookbackDays=31`));
      // Measured over March: rates lead→mql 5/6, mql→accepted 3/5, accepted→sql 1, sql→opp 1/3, opp→won 1.
      expect(plan.measuredFrom).toBe('2031-03-01T00:00:00.000Z');
      expect(plan.rates.mql).toBeCloseTo(0.6);
      expect(plan.averageDealCents).toBe(25_000_00); // D1
      // won ⌈100k / 25k⌉ = 4 → opportunity 4 → sql ⌈4 / ⅓⌉ = 12 → accepted 12 → mql ⌈12 / 0.6⌉ = 20 → lead ⌈20 / ⅚⌉ = 24.
      expect(plan.reverseFunnel).toEqual({
        required: { lead: 24, mql: 20, accepted: 12, sql: 12, opportunity: 4, won: 4 },
        blockedAt: null,
      });
      // 61 of 91 days gone.
      expect(plan.elapsedShare).toBeCloseTo(61 / 91);
      expect(plan.revenue).toMatchObject({
        targetCents: 100_000_00,
        wonCents: 30_000_00, // D2
        openWeightedCents: 5_000_00, // D3 × 50 %; D4 closes after the period
        projectedCents: 35_000_00,
        gapCents: 70_000_00,
      });
      expect(plan.revenue.pace.expectedByNow).toBeCloseTo((100_000_00 * 61) / 91);
      expect(plan.onTrack).toBe(false);
      // In the period: L7 and L8 arrived and became MQLs.
      expect(plan.marketing.leads).toMatchObject({ actual: 2, required: 24 });
      expect(plan.marketing.mqls).toMatchObject({ actual: 2, required: 20, onTrack: false });
      // D2 (from L2) and D3 (from L8) were created in the period from leads that were MQLs; 4 × 25k needed.
      expect(plan.marketing.sourcedPipelineCents).toMatchObject({ actual: 40_000_00, required: 100_000_00 });
      expect(plan.sales.won).toMatchObject({ actual: 1, required: 4 });
      expect(plan.sales.sqls).toMatchObject({ actual: 0, required: 12 });
    });

    it('blocks the reverse funnel where a rate is unmeasured, and exports the plan as CSV', async () => {
      const plan = await json(as.admin!('GET', `/api/v1/goals/${goalId}/plan?lookbackDays=1`));
      expect(plan.reverseFunnel.blockedAt).toBe('won');
      const res = await expectStatus(
        as.admin!('GET', `/api/v1/goals/${goalId}/plan?lookbackDays=31&format=csv`),
        200,
      );
      expect(res.headers['content-type']).toContain('text/csv');
      expect(res.body).toContain('reverseFunnel.required.lead,24');
    });

    it('deletes a goal', async () => {
      const other = await json(
        as.admin!('POST', '/api/v1/goals', {
          name: 'x',
          periodStart: '2031-01-01',
          periodEnd: '2031-01-31',
          targetCents: 1,
        }),
        201,
      );
      await expectStatus(as.rA!('DELETE', `/api/v1/goals/${other.id}`), 403);
      await expectStatus(as.admin!('DELETE', `/api/v1/goals/${other.id}`), 204);
      await expectStatus(as.admin!('GET', `/api/v1/goals/${other.id}`), 404);
    });
  });

  describe('forecast', () => {
    it('weights open deals by probability and close month, and forecasts the funnel', async () => {
      const report = await json(as.admin!('GET', '/api/v1/reports/forecast?lookbackDays=92&accuracyDays=61'));
      expect(report.pipeline.stages).toEqual([
        { stage: 'demo', count: 1, amountCents: 40_000_00, weightedCents: 10_000_00 },
        { stage: 'proposal', count: 1, amountCents: 10_000_00, weightedCents: 5_000_00 },
      ]);
      expect(report.pipeline.months).toEqual([
        { month: '2031-06', count: 1, amountCents: 10_000_00, weightedCents: 5_000_00 },
        { month: '2031-08', count: 1, amountCents: 40_000_00, weightedCents: 10_000_00 },
      ]);
      // Over 03-01..06-01: reached lead 8, mql 7, accepted 4, sql 3, opp 1, won 1; average won deal (25k + 30k) / 2.
      // Open now: SQL L2 and L6 (win ⅓), accepted L7 (¾ × ⅓ = ¼), MQL L8 (4/7 × ¼ = 1/7).
      const f = report.funnelForecast;
      expect(f.averageDealCents).toBe(27_500_00);
      const stage = (s: string) => f.stages.find((x: { stage: string }) => x.stage === s);
      expect(stage('sql')).toMatchObject({ count: 2, expectedRevenueCents: 1_833_333 });
      expect(stage('accepted')).toMatchObject({ count: 1, expectedRevenueCents: 687_500 });
      expect(stage('mql')).toMatchObject({ count: 1, expectedRevenueCents: 392_857 });
      expect(f.expectedRevenueCents).toBe(2_913_690);
      expect(report.totalExpectedCents).toBe(15_000_00 + 2_913_690);
    });

    it('reconstructs the forecast made N days ago from the history known then, against what closed', async () => {
      const report = await json(as.admin!('GET', '/api/v1/reports/forecast?lookbackDays=92&accuracyDays=61'));
      // On 04-01, from March: SQL L2 and L6 open, win ⅓, average deal 25k, both expected by 06-01
      // (sql median 5 days, opportunity median 10 days) → 2 × ⅓ × 25k. L2's D2 (30k) won since.
      expect(report.accuracy).toMatchObject({
        madeAt: '2031-04-01T00:00:00.000Z',
        forecastCents: 1_666_667,
        actualCents: 30_000_00,
        wonDeals: 1,
        allWonCents: 30_000_00,
        errorCents: 1_666_667 - 30_000_00,
      });
      expect(report.accuracy.accuracy).toBeCloseTo(1 - 1_333_333 / 30_000_00);
    });

    it('finds the leads open at a past moment, those that moved since included', async () => {
      // On 03-12: L2 accepted (it became an SQL on 03-15), L6 an SQL; L1 was in a deal already.
      const report = await json(
        as.admin!(
          'GET',
          '/api/v1/reports/forecast?asOf=2031-03-12T00:00:00.000Z&lookbackDays=1&accuracyDays=1',
        ),
      );
      const counts = Object.fromEntries(
        report.funnelForecast.stages.map((s: { stage: string; count: number }) => [s.stage, s.count]),
      );
      expect(counts).toEqual({ mql: 0, accepted: 1, sql: 1 });
    });

    it('shows a sales manager the deals of their team only', async () => {
      const east = await json(as.mA!('GET', '/api/v1/reports/forecast?lookbackDays=92'));
      expect(east.pipeline.weightedCents).toBe(5_000_00);
      await expectStatus(as.rA!('GET', '/api/v1/reports/forecast'), 403);
    });
  });

  describe('exports', () => {
    const guarded = (body: string) => {
      for (const line of body.trim().split('\n')) {
        for (const cell of line.split(',')) {
          const text = cell.replace(/^"|"$/g, '');
          if (/^-?\d/.test(text)) continue; // numbers stay numbers
          expect(text, line).not.toMatch(/^[=+\-@]/);
        }
      }
    };

    it('answers every report as CSV when asked, with formula cells neutralised', async () => {
      const funnel = await expectStatus(as.admin!('GET', `/api/v1/reports/funnel?${march}&format=csv`), 200);
      expect(funnel.headers['content-type']).toContain('text/csv');
      expect(funnel.body.split('\n')[0]).toBe('field,value');
      expect(funnel.body).toContain(",'=cmd");
      expect(funnel.body).toContain(",'@ads");
      expect(funnel.body).toContain('counts.reached.mql,5');
      guarded(funnel.body);

      const byHeader = await expectStatus(
        as.admin!('GET', `/api/v1/reports/funnel?${march}`, undefined, { accept: 'text/csv' }),
        200,
      );
      expect(byHeader.body).toBe(funnel.body);

      const cohorts = await expectStatus(
        as.admin!('GET', '/api/v1/reports/funnel/cohorts?months=4&withinDays=10&format=csv'),
        200,
      );
      expect(cohorts.body.split('\n')[0]).toBe(
        'month,size,complete,sql_count,sql_share,opportunity_count,opportunity_share,won_count,won_share',
      );
      expect(cohorts.body).toContain('2031-03,5,true,2,0.4,1,0.2,0,0');

      const forecast = await expectStatus(as.admin!('GET', '/api/v1/reports/forecast?format=csv'), 200);
      expect(forecast.body).toContain('pipeline.weightedCents,1500000');
      guarded(forecast.body);

      const speed = await expectStatus(
        as.admin!(
          'GET',
          '/api/v1/reports/speed-to-lead?from=2031-03-01T00:00:00.000Z&groupBy=source',
          undefined,
          { accept: 'text/csv' },
        ),
        200,
      );
      expect(speed.headers['content-type']).toContain('text/csv');
      expect(speed.body.split('\n')[0]).toMatch(/^group,leads,assigned_reached/);
      guarded(speed.body);

      const attribution = await expectStatus(as.admin!('GET', '/api/v1/reports/attribution?format=csv'), 200);
      expect(attribution.headers['content-type']).toContain('text/csv');

      const asJson = await expectStatus(
        as.admin!('GET', `/api/v1/reports/funnel?${march}&format=json`, undefined, { accept: 'text/csv' }),
        200,
      );
      expect(asJson.headers['content-type']).toContain('application/json');
    });
  });
});
