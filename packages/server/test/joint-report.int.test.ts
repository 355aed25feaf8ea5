import type { LeadStage } from '@tandem/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { newId } from '../src/id.js';
import { defaultCatalog } from '../src/jobs/catalog.js';
import { ensureWeeklyReports, jointReportKind } from '../src/jobs/joint-report.job.js';
import { createJobRunner } from '../src/jobs/runner.js';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, workspaceWithUsers } from './closed-loop-helpers.js';
import { insertActiveContract } from './contracts.js';

/** Monday 2031-06-02, 08:00 UTC: the report covers Monday 2031-05-26 to Sunday 2031-06-01. */
const now = new Date('2031-06-02T08:00:00.000Z');
const day = (iso: string) => new Date(`${iso}T12:00:00.000Z`);

describe('the joint weekly report', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let ws: string;

  const addLead = async (key: string, steps: ReadonlyArray<[LeadStage, string, string?]>) => {
    const db = t.handle.db;
    const contactId = newId();
    await db
      .insertInto('contact')
      .values({
        workspace_id: ws,
        id: contactId,
        email: `${key}@buyer.test`,
        first_name: key,
        last_name: null,
        title: null,
        phone: null,
        country: null,
        account_id: null,
        owner_id: null,
        partner_id: null,
        traits: '{}',
        consent: '{}',
        created_at: day('2031-05-01'),
        updated_at: day('2031-05-01'),
      })
      .execute();
    const leadId = newId();
    await db
      .insertInto('lead')
      .values({
        workspace_id: ws,
        id: leadId,
        contact_id: contactId,
        stage: steps.at(-1)![0],
        owner_id: null,
        team_id: null,
        partner_id: null,
        source: 'webinar',
        fit_grade: null,
        interest_ref_at: null,
        contract_version: null,
        mql_at: null,
        created_at: day(steps[0]![1]),
        updated_at: day(steps[0]![1]),
      })
      .execute();
    let from: LeadStage | null = null;
    for (const [to, at, reason] of steps) {
      await db
        .insertInto('stage_transition')
        .values({
          workspace_id: ws,
          id: newId(day(at).getTime()),
          lead_id: leadId,
          from_stage: from,
          to_stage: to,
          at: day(at),
          cause: 'user',
          actor_id: null,
          reason_code: reason ?? null,
          note: null,
          contract_version: null,
        })
        .execute();
      from = to;
    }
  };

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    ({ workspaceId: ws, as } = await workspaceWithUsers(t, [
      ['mia', 'marketing', null],
      ['sam', 'sales_manager', 'East'],
      ['ada', 'admin', null],
      ['rob', 'sales_rep', 'East'],
    ]));
    await insertActiveContract(t.handle.db, ws, day('2031-01-01').getTime());
    await addLead('a', [
      ['lead', '2031-05-26'],
      ['mql', '2031-05-27'],
      ['accepted', '2031-05-28'],
    ]);
    await addLead('b', [
      ['lead', '2031-05-26'],
      ['mql', '2031-05-27'],
      ['recycled', '2031-05-29', 'timing'],
    ]);
    await addLead('c', [['lead', '2031-05-20']]);
  });
  afterAll(async () => {
    await t?.app.close();
    await t?.handle.close();
  });

  it('tells both teams the same week: funnel, reasons, pipeline, goal', async () => {
    const res = await as.mia!('GET', '/api/v1/reports/joint?week=2031-05-28');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.from).toBe('2031-05-26T00:00:00.000Z');
    expect(report.to).toBe('2031-06-02T00:00:00.000Z');
    expect(report.funnel.slice(0, 3)).toEqual([
      { stage: 'Leads', leads: 2 },
      { stage: 'MQLs', leads: 2 },
      { stage: 'Accepted', leads: 1 },
    ]);
    expect(report.rejections).toEqual([{ reason: 'Interested, but not this quarter', count: 1 }]);
    expect(report.pipeline).toEqual({ totalCents: 0, sourcedCents: 0, influencedCents: 0 });
    expect(report.goal).toBeNull();
    expect(report.link).toMatch(/\/api\/v1\/reports\/joint\?week=2031-05-26&format=html$/);
    const manager = await as.sam!('GET', '/api/v1/reports/joint?week=2031-05-28');
    expect(manager.statusCode).toBe(200);
  });

  it('opens as the emailed page, charts inline, and is refused to reps', async () => {
    const page = await as.ada!('GET', '/api/v1/reports/joint?format=html');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('<svg');
    expect(page.body).toContain('Interested, but not this quarter');
    expect((await as.rob!('GET', '/api/v1/reports/joint')).statusCode).toBe(403);
    expect((await as.mia!('GET', '/api/v1/reports/joint?week=2031-13-45')).statusCode).toBe(400);
  });

  it('is put in the outbox for marketing, managers and admins once a week, exactly once', async () => {
    const db = t.handle.db;
    expect(await ensureWeeklyReports(db, new Date('2031-05-31T10:00:00.000Z'))).toBeGreaterThanOrEqual(1);
    expect(await ensureWeeklyReports(db, new Date('2031-05-31T10:00:00.000Z'))).toBe(0);
    const runner = createJobRunner({
      db,
      clock: () => now,
      catalog: defaultCatalog(loadConfig({ TANDEM_DEMO: 'false' })),
      worker: 'joint-report-test',
      pollMs: 5,
      batch: 10,
      leaseMs: 60_000,
      kinds: [jointReportKind],
    });
    await runner.runOnce(now);
    await runner.runOnce(now);
    const emails = await db
      .selectFrom('email_message')
      .innerJoin('app_user', (j) =>
        j
          .onRef('app_user.workspace_id', '=', 'email_message.workspace_id')
          .onRef('app_user.id', '=', 'email_message.user_id'),
      )
      .select([
        'app_user.name',
        'email_message.subject',
        'email_message.html_body',
        'email_message.text_body',
      ])
      .where('email_message.workspace_id', '=', ws)
      .orderBy('app_user.name')
      .execute();
    expect(emails.map((e) => e.name)).toEqual(['ada', 'mia', 'sam']);
    expect(emails[0]!.subject).toBe('Acme: the joint revenue report, week of 2031-05-26');
    expect(emails[0]!.html_body).toContain('<svg');
    expect(emails[0]!.text_body).toContain('Why leads came back: Interested, but not this quarter (1)');
    const next = await db
      .selectFrom('timer')
      .select(['due_at', 'status'])
      .where('workspace_id', '=', ws)
      .where('kind', '=', jointReportKind)
      .where('status', '=', 'pending')
      .execute();
    expect(next.map((n) => n.due_at.toISOString())).toEqual(['2031-06-09T07:00:00.000Z']);
    await runner.stop();
  });
});
