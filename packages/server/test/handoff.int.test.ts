import { sql } from 'kysely';
import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renurtureKind } from '../src/app/sales-actions.js';
import { slaTimerKinds } from '../src/app/sla-clocks.js';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { loadConfig } from '../src/config.js';
import { newId } from '../src/id.js';
import { defaultCatalog } from '../src/jobs/catalog.js';
import { createJobRunner } from '../src/jobs/runner.js';
import type { UserRow } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';
import { basicAuth } from './ingest-setup.js';

const minute = 60_000;
const day = 86_400_000;
const password = 'hand-off test password';
const allDay = [{ start: '00:00', end: '24:00' }];
const roundTheClock = {
  timeZone: 'UTC',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

/**
 * The whole loop on a fake clock, the job runner driven with explicit times: events → MQL →
 * routed → warned → breached → reassigned → accepted → rejected with a reason → recycled →
 * re-engaged → MQL again. The example contract's SLA: first touch 60 min, accept 240 min, warn at
 * 75 %, reassign 480 min after a breach; the sales team works round the clock to keep the sums plain.
 */
describe('the hand-off loop', () => {
  const t0 = Date.parse('2026-03-02T10:00:00Z');
  let nowMs = t0;
  let t: TestApp;
  let workspaceId: string;
  let writeKey: string;
  let n = 0;
  const users: Record<string, UserRow> = {};
  const sessions: Record<string, { token: string; csrf: string }> = {};
  const handoffTimerKinds = [...Object.values(slaTimerKinds), renurtureKind];
  const runner = () =>
    createJobRunner({
      db: t.handle.db,
      clock: () => new Date(nowMs),
      catalog: defaultCatalog(loadConfig({})),
      // Only the funnel's own timers: notification deliveries are counted elsewhere.
      kinds: handoffTimerKinds,
      worker: 'loop',
      pollMs: 5,
      batch: 100,
      leaseMs: 60_000,
    });

  let ip = 0;
  async function login(who: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `${who}@loop.test`, password },
      remoteAddress: `10.2.${Math.floor(++ip / 200)}.${ip % 200}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    sessions[who] = {
      token: res.cookies.find((c) => c.name === 'tandem_session')!.value,
      csrf: res.json().csrfToken,
    };
  }
  /** A request as `who`; the fake clock jumps days, so an expired session logs in again. */
  async function call(
    who: string,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<Response> {
    const send = () =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `tandem_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrf },
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      });
    const res = await send();
    if (res.statusCode !== 401) return res;
    await login(who);
    return send();
  }
  const ok = async (res: Promise<Response>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.body ? r.json() : null;
  };
  async function send(events: Array<Record<string, unknown>>) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(writeKey) },
      payload: {
        batch: events.map((e) => ({
          messageId: `loop-${++n}`,
          timestamp: new Date(nowMs).toISOString(),
          ...e,
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const lead = () =>
    t.handle.db
      .selectFrom('lead')
      .innerJoin('contact', (j) =>
        j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
      )
      .selectAll('lead')
      .where('contact.email', '=', 'dana@loopco.com')
      .executeTakeFirstOrThrow();
  const clocks = (leadId: string) =>
    t.handle.db
      .selectFrom('sla_clock')
      .selectAll()
      .where('subject_id', '=', leadId)
      .orderBy('started_at')
      .orderBy('kind')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(nowMs) });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Loop' })).id;
    writeKey = (await createApiKey(db, { workspaceId, kind: 'write' })).key;
    const people: Array<[string, UserRow['role'], string | null]> = [
      ['admin', 'admin', null],
      ['mia', 'marketing', 'Marketing'],
      ['ann', 'sales_rep', 'Sales'],
      ['ben', 'sales_rep', 'Sales'],
      ['max', 'sales_manager', 'Sales'],
    ];
    for (const [key, role, team] of people) {
      users[key] = await createUser(db, {
        workspaceId,
        email: `${key}@loop.test`,
        name: key,
        role,
        team,
        password,
      });
      await login(key);
    }
    await insertActiveContract(db, workspaceId, t0);
    const salesTeam = users.ann!.team_id!;
    // The manager routes nothing to themselves: the pool is a manager-free team of reps.
    await ok(call('admin', 'PUT', `/api/v1/business-hours/${salesTeam}`, roundTheClock), 204);
    await ok(call('admin', 'PUT', `/api/v1/routing/capacity/${users.max!.id}`, { capacity: 0 }), 204);
    await ok(
      call('admin', 'PUT', '/api/v1/routing/rules', {
        rules: [
          {
            id: 'everyone',
            kind: 'catch_all',
            target: { kind: 'team', teamId: salesTeam, strategy: 'round_robin' },
          },
        ],
      }),
      204,
    );
  });
  afterAll(async () => t?.close());

  let first: string;
  let second: string;

  it('routes a new MQL at once and starts both clocks on the team’s hours', async () => {
    await send([
      { type: 'identify', userId: 'u-dana', traits: { email: 'dana@loopco.com', title: 'VP Marketing' } },
      {
        type: 'group',
        userId: 'u-dana',
        groupId: 'loopco.com',
        traits: { employees: 300, country: 'US', industry: 'software' },
      },
      { type: 'track', userId: 'u-dana', event: 'Demo Requested' },
    ]);
    const l = await lead();
    expect(l.stage).toBe('mql');
    expect(l.owner_id).not.toBeNull();
    expect(l.assigned_at?.getTime()).toBe(t0);
    first = l.owner_id!;
    expect([users.ann!.id, users.ben!.id]).toContain(first);
    second = first === users.ann!.id ? users.ben!.id : users.ann!.id;
    const c = await clocks(l.id);
    expect(c.map((x) => [x.kind, x.due_at.getTime() - t0, x.warn_at.getTime() - t0])).toEqual([
      ['accept_reject', 240 * minute, 180 * minute],
      ['first_touch', 60 * minute, 45 * minute],
    ]);
    const inbox = await ok(call(nameOf(first), 'GET', '/api/v1/inbox'));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ id: l.id, nextDueAt: new Date(t0 + 60 * minute).toISOString() });
    const dry = await ok(call('admin', 'POST', '/api/v1/routing/dry-run', { leadId: l.id }));
    expect(dry.assigneeId).toBe(second);
    expect(dry.explanation.join('\n')).toMatch(/catch_all/);
  });

  const nameOf = (id: string) => Object.entries(users).find(([, u]) => u.id === id)![0];

  it('warns at 75 %, escalates at the breach, and reassigns 480 minutes later, each once', async () => {
    const l = await lead();
    const r = runner();
    nowMs = t0 + 45 * minute;
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ done: 1 });
    expect((await clocks(l.id)).find((c) => c.kind === 'first_touch')).toMatchObject({ escalation_level: 1 });
    nowMs = t0 + 240 * minute;
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ done: 3 });
    const breached = await clocks(l.id);
    expect(breached.map((c) => c.escalation_level)).toEqual([2, 2]);
    expect(breached.every((c) => c.breached_at !== null)).toBe(true);
    const team = await ok(call('max', 'GET', '/api/v1/team/handoff'));
    expect(team.breaches).toHaveLength(2);
    // Breaches name the lead (its contact's name, else email) so the manager knows whom they concern.
    expect(team.breaches[0]).toMatchObject({ leadId: l.id, leadName: 'dana@loopco.com' });
    nowMs = t0 + 540 * minute;
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ done: 1 });
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ claimed: 0 });
    const moved = await lead();
    expect(moved.owner_id).toBe(second);
    const all = await clocks(l.id);
    expect(all).toHaveLength(4);
    expect(all.slice(0, 2).map((c) => [c.stop_cause, c.outcome])).toEqual([
      ['reassigned', 'breached'],
      ['reassigned', 'breached'],
    ]);
    expect(all.slice(2).every((c) => c.assignee_id === second && c.stopped_at === null)).toBe(true);
    // The accept clock's own reassignment timer was cancelled with its clock.
    const pending = await t.handle.db
      .selectFrom('timer')
      .select('subject_id')
      .where('status', '=', 'pending')
      .where('kind', 'like', 'sla.%')
      .execute();
    expect(new Set(pending.map((p) => p.subject_id))).toEqual(new Set(all.slice(2).map((c) => c.id)));
  });

  it('refuses the previous owner with 409, accepts for the new one, and refuses a second accept', async () => {
    const l = await lead();
    const stale = await call(nameOf(first), 'POST', `/api/v1/leads/${l.id}/accept`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().errors[0].code).toBe('not_owner');
    const outsider = await call('mia', 'POST', `/api/v1/leads/${l.id}/accept`);
    expect(outsider.statusCode).toBe(403);
    nowMs += 10 * minute;
    const accepted = await ok(call(nameOf(second), 'POST', `/api/v1/leads/${l.id}/accept`));
    expect(accepted).toMatchObject({
      stage: 'accepted',
      ownerId: second,
      transition: { cause: 'user', contractVersion: 1 },
    });
    const again = await call('max', 'POST', `/api/v1/leads/${l.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', errors: [{ code: 'already_accepted' }] });
    const history = await t.handle.db
      .selectFrom('stage_transition')
      .select('to_stage')
      .where('lead_id', '=', l.id)
      .execute();
    expect(history.filter((h) => h.to_stage === 'accepted')).toHaveLength(1);
    const c = await clocks(l.id);
    expect(c[2]).toMatchObject({ kind: 'accept_reject', stop_cause: 'decision', outcome: 'met' });
    expect(c[3]).toMatchObject({ kind: 'first_touch', stopped_at: null });
  });

  it('stops the first-touch clock at the first call', async () => {
    const l = await lead();
    nowMs += 5 * minute;
    const logged = await ok(
      call(nameOf(second), 'POST', `/api/v1/leads/${l.id}/activities`, {
        kind: 'call',
        subject: 'Intro call',
      }),
      201,
    );
    expect(logged.stoppedClocks).toBe(1);
    expect((await clocks(l.id))[3]).toMatchObject({ stop_cause: 'activity', outcome: 'met' });
    const page = await ok(call(nameOf(second), 'GET', `/api/v1/leads/${l.id}/handoff`));
    expect(page.activities).toHaveLength(1);
    expect(page.clocks).toHaveLength(4);
    expect(page.history.map((h: { to_stage: string }) => h.to_stage)).toEqual(['lead', 'mql', 'accepted']);
  });

  it('rejects only with a known reason and a note, and marketing sees it by reason', async () => {
    const l = await lead();
    const rep = nameOf(second);
    nowMs += 5 * minute;
    const noNote = await call(rep, 'POST', `/api/v1/leads/${l.id}/reject`, { reasonCode: 'not-icp' });
    expect(noNote.json()).toMatchObject({ status: 400, field: '/note' });
    const unknown = await call(rep, 'POST', `/api/v1/leads/${l.id}/reject`, { reasonCode: 'meh', note: 'x' });
    expect(unknown.json()).toMatchObject({ status: 400, field: '/reasonCode' });
    expect((await lead()).stage).toBe('accepted');
    const rejected = await ok(
      call(rep, 'POST', `/api/v1/leads/${l.id}/reject`, {
        reasonCode: 'not-icp',
        note: 'Agency, not a buyer',
      }),
    );
    expect(rejected).toMatchObject({
      stage: 'recycled',
      transition: { reasonCode: 'not-icp', note: 'Agency, not a buyer' },
    });
    const returned = await ok(call('mia', 'GET', '/api/v1/leads/returned'));
    expect(returned.items[0]).toMatchObject({ leadId: l.id, reasonCode: 'not-icp', actorId: second });
    expect(returned.items[0]).toMatchObject({
      leadName: 'dana@loopco.com',
      actorName: second === users.ann!.id ? 'ann' : 'ben',
    });
    expect(returned.byReason).toEqual([{ toStage: 'recycled', reasonCode: 'not-icp', count: 1 }]);
    expect((await call(rep, 'GET', '/api/v1/leads/returned')).statusCode).toBe(403);
  });

  it('re-enters nurture after the cooldown and becomes an MQL again on new interest', async () => {
    const l = await lead();
    const r = runner();
    nowMs += 29 * day;
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ claimed: 0 });
    nowMs += 1 * day + minute;
    expect(await r.runOnce(new Date(nowMs))).toMatchObject({ done: 1 });
    expect(await lead()).toMatchObject({ id: l.id, stage: 'lead', owner_id: null });
    nowMs += 5 * minute;
    await send([{ type: 'track', userId: 'u-dana', event: 'Demo Requested' }]);
    const again = await lead();
    expect(again).toMatchObject({ id: l.id, stage: 'mql' });
    expect(again.owner_id).not.toBeNull();
    const history = await t.handle.db
      .selectFrom('stage_transition')
      .select(['to_stage', 'cause'])
      .where('lead_id', '=', l.id)
      .orderBy('at')
      .orderBy(sql`from_stage is not null`)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.to_stage)).toEqual(['lead', 'mql', 'accepted', 'recycled', 'lead', 'mql']);
    expect((await clocks(l.id)).filter((c) => c.stopped_at === null)).toHaveLength(2);
  });

  it('names the field of a bad routing rule and of bad business hours', async () => {
    const bad = await call('admin', 'PUT', '/api/v1/routing/rules', {
      rules: [
        {
          id: 'mid',
          kind: 'segment',
          minEmployees: 500,
          maxEmployees: 10,
          target: { kind: 'user', userId: users.ann!.id },
        },
      ],
    });
    expect(bad.json()).toMatchObject({ status: 400, field: '/rules/0/maxEmployees' });
    const hours = await call('admin', 'PUT', '/api/v1/business-hours/default', {
      timeZone: 'Mars/Olympus',
      week: {},
    });
    expect(hours.json()).toMatchObject({ status: 400, field: '/timeZone' });
    expect((await call('ann', 'PUT', '/api/v1/business-hours/default', roundTheClock)).statusCode).toBe(403);
  });
  it('runs requests to marketing under marketing’s clock, with warning, escalation and 409s', async () => {
    const marketingTeam = users.mia!.team_id!;
    await ok(call('admin', 'PUT', `/api/v1/business-hours/${marketingTeam}`, roundTheClock), 204);
    const start = nowMs;
    const l = await lead();
    const created = await ok(
      call('ann', 'POST', '/api/v1/requests', {
        kind: 'deal_help',
        title: 'Case study for Loopco',
        leadId: l.id,
      }),
      201,
    );
    expect(created).toMatchObject({ status: 'open', requestedBy: users.ann!.id, teamId: marketingTeam });
    expect(created).toMatchObject({ requestedByName: 'ann', assigneeName: null });
    expect(Date.parse(created.clock.dueAt) - start).toBe(72 * 60 * minute);
    expect((await call('mia', 'POST', '/api/v1/requests', { kind: 'asset', title: 'x' })).statusCode).toBe(
      403,
    );
    const badLink = await call('ann', 'POST', '/api/v1/requests', {
      kind: 'asset',
      title: 'x',
      accountId: newId(),
    });
    expect(badLink.json()).toMatchObject({ status: 400, field: '/accountId' });

    const r = runner();
    nowMs = start + 54 * 60 * minute;
    await r.runOnce(new Date(nowMs));
    expect((await ok(call('mia', 'GET', `/api/v1/requests/${created.id}`))).clock.escalationLevel).toBe(1);
    expect((await call('ann', 'POST', `/api/v1/requests/${created.id}/accept`, {})).statusCode).toBe(403);
    const accepted = await ok(call('mia', 'POST', `/api/v1/requests/${created.id}/accept`, {}));
    expect(accepted).toMatchObject({
      status: 'accepted',
      assigneeId: users.mia!.id,
      assigneeName: 'mia',
      clock: { stoppedAt: null },
    });
    nowMs = start + 72 * 60 * minute;
    await r.runOnce(new Date(nowMs));
    nowMs += minute;
    const delivered = await ok(
      call('mia', 'POST', `/api/v1/requests/${created.id}/deliver`, { note: 'Sent the PDF' }),
    );
    expect(delivered).toMatchObject({
      status: 'delivered',
      clock: { outcome: 'breached', escalationLevel: 2 },
    });
    const twice = await call('mia', 'POST', `/api/v1/requests/${created.id}/decline`, { reason: 'late' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors[0].code).toBe('illegal_transition');

    const other = await ok(
      call('ben', 'POST', '/api/v1/requests', { kind: 'campaign', title: 'Webinar for EMEA' }),
      201,
    );
    const noReason = await call('mia', 'POST', `/api/v1/requests/${other.id}/decline`, {});
    expect(noReason.statusCode).toBe(400);
    const declined = await ok(
      call('mia', 'POST', `/api/v1/requests/${other.id}/decline`, { reason: 'No budget this quarter' }),
    );
    expect(declined).toMatchObject({
      status: 'declined',
      declineReason: 'No budget this quarter',
      clock: { outcome: 'met' },
    });
    const board = await ok(call('mia', 'GET', '/api/v1/requests'));
    expect(board.items.map((i: { id: string }) => i.id)).toEqual([other.id, created.id]);
    const annBoard = await ok(call('ann', 'GET', '/api/v1/requests'));
    expect(annBoard.items.map((i: { id: string }) => i.id)).toEqual([created.id]);
    expect((await call('ben', 'GET', `/api/v1/requests/${created.id}`)).statusCode).toBe(404);
  });
  it('reports speed-to-lead by rep and SLA attainment for both sides', async () => {
    const url = `/api/v1/reports/speed-to-lead?from=${new Date(t0 - day).toISOString()}&groupBy=rep`;
    const report = await ok(call('admin', 'GET', url));
    // Both qualifications went to the first rep (round robin after the reassignment to the second).
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({
      group: nameOf(first),
      leads: 2,
      assigned: { reached: 2, p50Minutes: 0, within: { m5: 1 } },
      firstTouch: { reached: 1, p50Minutes: 555, within: { m60: 0 } },
      decision: { reached: 1, p50Minutes: 550 },
    });
    const firstTouch = report.attainment.sales.find((a: { kind: string }) => a.kind === 'first_touch');
    // Met once (the call); the rest breached, the re-qualified lead's clocks included (the request
    // test's runs fired them).
    expect(firstTouch.met).toBe(1);
    expect(firstTouch.breached).toBeGreaterThanOrEqual(2);
    expect(report.attainment.marketing).toEqual([
      { kind: 'marketing_request', met: 1, breached: 1, open: 0, rate: 0.5 },
    ]);
    const byTeam = await ok(call('max', 'GET', url.replace('groupBy=rep', 'groupBy=team')));
    expect(byTeam.rows.map((r: { group: string }) => r.group)).toEqual(['Sales']);
    expect((await call('ann', 'GET', url)).statusCode).toBe(403);
  });
});
