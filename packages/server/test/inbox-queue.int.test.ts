import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handOffNewMqls } from '../src/app/hand-off.js';
import { createUser, createWorkspace } from '../src/app/workspaces.js';
import { newId } from '../src/id.js';
import type { UserRow } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';

const minute = 60_000;
const password = 'queue test password';
const allDay = [{ start: '00:00', end: '24:00' }];
const roundTheClock = {
  timeZone: 'UTC',
  week: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay },
};

/**
 * The team queue: routing finds nobody (every rep at a cap of zero), the MQL waits unowned, reps
 * see it in GET /api/v1/inbox/queue and claim it; the claim starts the clocks as routing would.
 * The example contract's SLA: first touch 60 min, accept 240 min; the team works round the clock.
 */
describe('the team queue and claiming', () => {
  const t0 = Date.parse('2026-03-02T10:00:00Z');
  let nowMs = t0;
  let t: TestApp;
  let workspaceId: string;
  const users: Record<string, UserRow> = {};
  const sessions: Record<string, { token: string; csrf: string }> = {};

  let ip = 0;
  async function login(who: string) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `${who}@queue.test`, password },
      remoteAddress: `10.3.${Math.floor(++ip / 200)}.${ip % 200}`,
    });
    expect(res.statusCode, res.body).toBe(200);
    sessions[who] = {
      token: res.cookies.find((c) => c.name === 'tandem_session')!.value,
      csrf: res.json().csrfToken,
    };
  }
  const call = (who: string, method: InjectOptions['method'], url: string, payload?: unknown) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: `tandem_session=${sessions[who]!.token}`, 'x-csrf-token': sessions[who]!.csrf },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  const ok = async (res: Promise<Response>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.body ? r.json() : null;
  };
  const refused = async (res: Promise<Response>, reason: string) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(409);
    expect(r.json()).toMatchObject({ code: 'conflict', errors: [{ code: reason }] });
  };
  const capacity = (who: string, cap: number | null) =>
    ok(call('admin', 'PUT', `/api/v1/routing/capacity/${users[who]!.id}`, { capacity: cap }), 204);

  /** MQLs handed off now, the way scoring hands them off; `teamId` pins one to a team's queue. */
  async function mqls(specs: Array<{ grade: string; teamId?: string }>): Promise<string[]> {
    const db = t.handle.db;
    const now = new Date(nowMs);
    const ids: string[] = [];
    await db.transaction().execute(async (trx) => {
      for (const spec of specs) {
        const contactId = newId();
        const leadId = newId();
        await trx
          .insertInto('contact')
          .values({
            workspace_id: workspaceId,
            id: contactId,
            email: `p${contactId}@queue.test`,
            traits: '{}',
            consent: '{}',
            created_at: now,
            updated_at: now,
            first_name: `Grade ${spec.grade}`,
            last_name: null,
            title: null,
            phone: null,
            country: null,
            account_id: null,
            owner_id: null,
            partner_id: null,
          })
          .execute();
        await trx
          .insertInto('lead')
          .values({
            workspace_id: workspaceId,
            id: leadId,
            contact_id: contactId,
            stage: 'mql',
            owner_id: null,
            team_id: null,
            partner_id: null,
            source: 'web',
            fit_grade: spec.grade,
            interest_ref_at: null,
            contract_version: 1,
            mql_at: now,
            created_at: now,
            updated_at: now,
          })
          .execute();
        ids.push(leadId);
      }
      await handOffNewMqls(trx, workspaceId, ids, now);
      // Routing leaves an unowned lead without a team; a manager may pin it to one afterwards.
      for (const [i, spec] of specs.entries()) {
        if (spec.teamId) {
          await trx.updateTable('lead').set({ team_id: spec.teamId }).where('id', '=', ids[i]!).execute();
        }
      }
    });
    return ids;
  }
  const leadRow = (id: string) =>
    t.handle.db.selectFrom('lead').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const openClocks = (id: string) =>
    t.handle.db
      .selectFrom('sla_clock')
      .selectAll()
      .where('subject_id', '=', id)
      .where('stopped_at', 'is', null)
      .orderBy('kind')
      .execute();

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(nowMs) });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Queue' })).id;
    const people: Array<[string, UserRow['role'], string | null]> = [
      ['admin', 'admin', null],
      ['mia', 'marketing', 'Marketing'],
      ['ann', 'sales_rep', 'Sales'],
      ['ben', 'sales_rep', 'Sales'],
      ['max', 'sales_manager', 'Sales'],
      ['eve', 'sales_rep', 'Enterprise'],
    ];
    for (const [key, role, team] of people) {
      users[key] = await createUser(db, {
        workspaceId,
        email: `${key}@queue.test`,
        name: key,
        role,
        team,
        password,
      });
      await login(key);
    }
    await insertActiveContract(db, workspaceId, t0);
    const salesTeam = users.ann!.team_id!;
    await ok(call('admin', 'PUT', `/api/v1/business-hours/${salesTeam}`, roundTheClock), 204);
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
    // Everyone who could take a lead is full: routing finds nobody.
    for (const who of ['ann', 'ben', 'max']) await capacity(who, 0);
  });
  afterAll(async () => t?.close());

  let queued: string[];

  it('leaves an MQL unowned when routing finds nobody, and lists the queue by priority', async () => {
    queued = await mqls([{ grade: 'B' }, { grade: 'A' }]);
    for (const id of queued) {
      expect(await leadRow(id)).toMatchObject({ stage: 'mql', owner_id: null, team_id: null });
      expect(await openClocks(id)).toEqual([]);
    }
    // Nobody owns them: the inbox is empty, the queue has both, grade A first.
    expect((await ok(call('ann', 'GET', '/api/v1/inbox'))).items).toEqual([]);
    const queue = await ok(call('ann', 'GET', '/api/v1/inbox/queue'));
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([queued[1], queued[0]]);
    expect(queue.items[0]).toMatchObject({
      stage: 'mql',
      ownerId: null,
      fitGrade: 'A',
      source: 'web',
      contact: { name: 'Grade A' },
      clocks: [],
      nextDueAt: null,
    });
    // A lead routing left without a team is everyone's to claim.
    expect((await ok(call('eve', 'GET', '/api/v1/inbox/queue'))).items).toHaveLength(2);
    expect((await ok(call('admin', 'GET', '/api/v1/inbox/queue'))).items).toHaveLength(2);
    expect((await call('mia', 'GET', '/api/v1/inbox/queue')).statusCode).toBe(403);
  });

  it('refuses a claim beyond the rep’s capacity, and marketing altogether', async () => {
    await refused(call('ann', 'POST', `/api/v1/leads/${queued[1]}/claim`), 'at_capacity');
    expect((await call('mia', 'POST', `/api/v1/leads/${queued[1]}/claim`)).statusCode).toBe(403);
    expect(await leadRow(queued[1]!)).toMatchObject({ owner_id: null });
  });

  it('assigns a claimed lead to the rep and starts both clocks as routing does', async () => {
    await capacity('ann', 1);
    nowMs = t0 + 5 * minute;
    const claimed = await ok(call('ann', 'POST', `/api/v1/leads/${queued[1]}/claim`));
    expect(claimed).toMatchObject({ leadId: queued[1], stage: 'mql', ownerId: users.ann!.id });
    expect(claimed.clocks.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'accept_reject',
      'first_touch',
    ]);
    expect(await leadRow(queued[1]!)).toMatchObject({
      stage: 'mql',
      owner_id: users.ann!.id,
      team_id: users.ann!.team_id,
    });
    const clocks = await openClocks(queued[1]!);
    expect(clocks.map((c) => [c.kind, c.assignee_id, c.due_at.getTime() - nowMs])).toEqual([
      ['accept_reject', users.ann!.id, 240 * minute],
      ['first_touch', users.ann!.id, 60 * minute],
    ]);
    const assigned = await t.handle.db
      .selectFrom('notification')
      .select(['type', 'data'])
      .where('workspace_id', '=', workspaceId)
      .where('type', '=', 'lead.assigned')
      .execute();
    expect(assigned.map((n) => (n.data as { assigneeId: string }).assigneeId)).toContain(users.ann!.id);
    // It left the queue and is in the rep's inbox with its deadlines, ready to accept.
    const queue = await ok(call('ben', 'GET', '/api/v1/inbox/queue'));
    expect(queue.items.map((i: { id: string }) => i.id)).toEqual([queued[0]]);
    const inbox = await ok(call('ann', 'GET', '/api/v1/inbox'));
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({
      id: queued[1],
      ownerId: users.ann!.id,
      nextDueAt: new Date(nowMs + 60 * minute).toISOString(),
    });
    await ok(call('ann', 'POST', `/api/v1/leads/${queued[1]}/accept`));
  });

  it('answers 409 already_owned to a second claim, and nothing changes', async () => {
    await capacity('ben', null);
    await refused(call('ben', 'POST', `/api/v1/leads/${queued[1]}/claim`), 'already_owned');
    await capacity('ben', 0);
    await refused(call('ann', 'POST', `/api/v1/leads/${queued[1]}/claim`), 'already_owned');
    expect(await leadRow(queued[1]!)).toMatchObject({ stage: 'accepted', owner_id: users.ann!.id });
    // Ann is now at her cap of one: the other queued lead is not hers to take.
    await refused(call('ann', 'POST', `/api/v1/leads/${queued[0]}/claim`), 'at_capacity');
  });

  it('lets a rep without a cap claim however many leads they hold', async () => {
    await capacity('ann', null);
    const cap = await t.handle.db
      .selectFrom('rep_capacity')
      .select('capacity')
      .where('user_id', '=', users.ann!.id)
      .executeTakeFirstOrThrow();
    expect(cap.capacity).toBeNull();
    await ok(call('ann', 'POST', `/api/v1/leads/${queued[0]}/claim`));
    expect(await leadRow(queued[0]!)).toMatchObject({ owner_id: users.ann!.id });
    // Full again, so routing keeps leaving new MQLs in the queue.
    await capacity('ann', 0);
  });

  it('keeps a lead queued for a team to that team', async () => {
    const enterprise = users.eve!.team_id!;
    const [pinned] = await mqls([{ grade: 'A', teamId: enterprise }]);
    expect(await leadRow(pinned!)).toMatchObject({ owner_id: null });
    const bens = await ok(call('ben', 'GET', '/api/v1/inbox/queue'));
    expect(bens.items.map((i: { id: string }) => i.id)).not.toContain(pinned);
    await refused(call('ben', 'POST', `/api/v1/leads/${pinned}/claim`), 'not_owner');
    const eves = await ok(call('eve', 'GET', '/api/v1/inbox/queue'));
    expect(eves.items.map((i: { id: string }) => i.id)).toContain(pinned);
    await ok(call('eve', 'POST', `/api/v1/leads/${pinned}/claim`));
    expect(await leadRow(pinned!)).toMatchObject({ owner_id: users.eve!.id, team_id: enterprise });
    expect((await call('eve', 'POST', `/api/v1/leads/${newId()}/claim`)).statusCode).toBe(404);
  });
});
