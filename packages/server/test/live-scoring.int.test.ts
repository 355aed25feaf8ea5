import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rescoreLead } from '../src/app/live-scoring.js';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';
import { basicAuth } from './ingest-setup.js';

const day = 86_400_000;
const password = 'live scoring password';

describe('live scoring on ingest', () => {
  let t: TestApp;
  let nowMs = Date.parse('2026-03-02T10:00:00Z');
  let workspaceId: string;
  let bareWorkspaceId: string;
  let writeKey: string;
  let bareWriteKey: string;
  let secretKey: string;
  let n = 0;
  const reps: Record<string, { id: string; email: string; token?: string }> = {};

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(nowMs) });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Scoring' })).id;
    bareWorkspaceId = (await createWorkspace(db, { name: 'No contract' })).id;
    writeKey = (await createApiKey(db, { workspaceId, kind: 'write' })).key;
    bareWriteKey = (await createApiKey(db, { workspaceId: bareWorkspaceId, kind: 'write' })).key;
    secretKey = (await createApiKey(db, { workspaceId, kind: 'secret' })).key;
    for (const key of ['ann', 'ben']) {
      const email = `${key}@scoring.test`;
      const user = await createUser(db, { workspaceId, email, name: key, role: 'sales_rep', password });
      reps[key] = { id: user.id, email };
    }
    // Signed and in force since before any event, the way the demo stores its contract.
    await insertActiveContract(db, workspaceId, nowMs);
  });
  afterAll(async () => t?.close());

  /** Sends events stamped `agoMs` before now (no sentAt: the timestamps are taken as they are). */
  async function send(events: Array<Record<string, unknown> & { agoMs?: number }>, key = writeKey) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(key) },
      payload: {
        batch: events.map(({ agoMs, ...e }) => ({
          messageId: `live-${++n}`,
          timestamp: new Date(nowMs - (agoMs ?? 0)).toISOString(),
          ...e,
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
  }

  const page = (who: Record<string, string>, path: string, agoMs = 0) => ({
    type: 'page',
    name: path,
    properties: { path },
    agoMs,
    ...who,
  });

  const leadOf = async (email: string) =>
    t.handle.db
      .selectFrom('lead')
      .innerJoin('contact', (j) =>
        j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
      )
      .selectAll('lead')
      .where('contact.email', '=', email)
      .executeTakeFirstOrThrow();

  const api = (url: string, token?: string) =>
    t.app.inject({
      method: 'GET',
      url,
      headers: token ? { cookie: `tandem_session=${token}` } : { authorization: `Bearer ${secretKey}` },
    });

  it('opens a lead for a new contact, scores fit from contact and account, and interest rises', async () => {
    const alice = { userId: 'u-alice' };
    await send([
      {
        type: 'identify',
        ...alice,
        traits: { email: 'alice@bigco.com', title: 'VP Marketing' },
        agoMs: 3 * day,
      },
      {
        type: 'group',
        ...alice,
        groupId: 'bigco.com',
        traits: { industry: 'software', employees: 300, country: 'US' },
        agoMs: 3 * day,
      },
      page(alice, '/blog/why', 3 * day - 1000),
    ]);
    const first = await leadOf('alice@bigco.com');
    expect(first).toMatchObject({ stage: 'lead', funnel: 'default', score_version: 1, fit_grade: 'A' });
    // VP (20) + software (15) + 300 employees (20) + US (10) + known domain (5).
    expect(first.fit_points).toBe(70);
    expect(first.interest_sum).toBe(1);
    await send([page(alice, '/pricing', day)]);
    const second = await leadOf('alice@bigco.com');
    expect(second.interest_sum).toBeCloseTo(2 ** (-(2 * day - 1000) / (30 * day)) + 10, 10);
    expect(second.interest_ref_at?.getTime()).toBe(nowMs - day);
    expect(second.stage).toBe('lead');
    const created = await t.handle.db
      .selectFrom('stage_transition')
      .selectAll()
      .where('lead_id', '=', second.id)
      .execute();
    expect(created.map((c) => [c.from_stage, c.to_stage, c.cause])).toEqual([[null, 'lead', 'system']]);
  });

  it('makes a lead an MQL on a hand-raiser, recording the contract version', async () => {
    await send([{ type: 'track', userId: 'u-alice', event: 'Demo Requested', agoMs: 1000 }]);
    const lead = await leadOf('alice@bigco.com');
    expect(lead).toMatchObject({ stage: 'mql', contract_version: 1 });
    expect(lead.mql_at?.getTime()).toBe(nowMs);
    const mql = await t.handle.db
      .selectFrom('stage_transition')
      .selectAll()
      .where('lead_id', '=', lead.id)
      .where('to_stage', '=', 'mql')
      .executeTakeFirstOrThrow();
    expect(mql).toMatchObject({
      from_stage: 'lead',
      cause: 'rule',
      contract_version: 1,
      reason_code: 'hand_raiser',
      note: 'Hand-raiser: Demo requested',
    });
  });

  it('explains the score: totals equal the stored score to the cent and every hit is listed', async () => {
    nowMs += 5 * day;
    const lead = await leadOf('alice@bigco.com');
    const res = await api(`/api/v1/leads/${lead.id}/score`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.contractVersion).toBe(1);
    expect(body.fit.points).toBe(lead.fit_points);
    expect(body.fit.grade).toBe('A');
    expect(body.stored.interestCents).toBe(body.interest.totalCents);
    expect(body.stored.interest).toBe(body.interest.value);
    const hits = body.interest.hits as Array<{
      contributionCents: number;
      ruleId: string;
      event: { name: string };
    }>;
    expect(hits.reduce((sum, h) => sum + h.contributionCents, 0)).toBe(body.interest.totalCents);
    expect(hits.map((h) => h.ruleId)).toEqual(['blog-page', 'pricing-page', 'demo-request']);
    expect(hits[2]!.event.name).toBe('Demo Requested');
    expect(body.mql).toMatchObject({ qualifies: true, reason: 'hand_raiser' });

    // Lists show interest decayed to now from the stored state, the same number.
    const listed = await api(`/api/v1/leads/${lead.id}`);
    expect(listed.json().interestNow).toBe(body.stored.interest);
    expect(listed.json().interest).toBe(lead.interest_sum);
  });

  it('says what is missing for a lead below the threshold', async () => {
    await send([
      { type: 'identify', userId: 'u-carl', traits: { email: 'carl@gmail.com', title: 'Student' } },
      page({ userId: 'u-carl' }, '/docs/start'),
    ]);
    const lead = await leadOf('carl@gmail.com');
    const body = (await api(`/api/v1/leads/${lead.id}/score`)).json();
    expect(body.mql.qualifies).toBe(false);
    expect(body.mql.missing).toMatch(/^needs \+37 interest and grade B/);
    expect(body.stored.interestCents).toBe(body.interest.totalCents);
  });

  it('counts a visitor’s anonymous events once they identify, and a replay reproduces the live state', async () => {
    const anon = { anonymousId: 'anon-bob' };
    await send([page(anon, '/pricing', 2 * day), page(anon, '/docs/a', 2 * day - 5000)]);
    await send([
      { type: 'identify', ...anon, userId: 'u-bob', traits: { email: 'bob@smallco.io' }, agoMs: day },
    ]);
    const lead = await leadOf('bob@smallco.io');
    expect(lead.interest_sum).toBeCloseTo(10 * 2 ** (-5000 / (30 * day)) + 3, 10);
    await send([
      page({ userId: 'u-bob' }, '/docs/b', 3600_000),
      page({ userId: 'u-bob' }, '/blog/c', 60_000),
    ]);
    const live = await leadOf('bob@smallco.io');
    const replayed = await rescoreLead(t.handle.db, workspaceId, live.id, new Date(nowMs));
    expect(replayed?.state).toEqual(live.score_state);
    const after = await leadOf('bob@smallco.io');
    expect(after.score_state).toEqual(live.score_state);
    expect(after.interest_sum).toBe(live.interest_sum);
    expect(after.scored_through).toEqual(live.scored_through);
  });

  it('replays a lead when an older event arrives, ending exactly where a full replay ends', async () => {
    const bob = { userId: 'u-bob' };
    const before = await leadOf('bob@smallco.io');
    // Older than everything applied: frequency caps and decay must be recomputed in time order.
    await send([
      page(bob, '/docs/a', 2 * day - 1000),
      page(bob, '/docs/late', 2 * day - 2000),
      page(bob, '/docs/later', 2 * day - 3000),
    ]);
    const live = await leadOf('bob@smallco.io');
    expect(live.score_state).not.toEqual(before.score_state);
    expect(live.scored_through).toEqual(before.scored_through);
    const replayed = await rescoreLead(t.handle.db, workspaceId, live.id, new Date(nowMs));
    expect(replayed?.state).toEqual(live.score_state);
    const body = (await api(`/api/v1/leads/${live.id}/score`)).json();
    expect(body.stored.interestCents).toBe(body.interest.totalCents);
    // Three earlier documentation pages fill the day's cap of three: the first one stored is now capped.
    const docs = (
      body.interest.hits as Array<{ ruleId: string; cappedByFrequency: boolean; event: { at: string } }>
    )
      .filter((h) => h.ruleId === 'docs-page')
      .map((h) => [h.event.at, h.cappedByFrequency]);
    expect(docs).toEqual([
      [new Date(nowMs - 2 * day + 1000).toISOString(), false],
      [new Date(nowMs - 2 * day + 2000).toISOString(), false],
      [new Date(nowMs - 2 * day + 3000).toISOString(), false],
      [new Date(nowMs - 2 * day + 5000).toISOString(), true],
      [new Date(nowMs - 3600_000).toISOString(), false],
    ]);
  });

  it('answers 404 for another rep’s lead and shows a rep their own', async () => {
    const lead = await leadOf('alice@bigco.com');
    await t.handle.db.updateTable('lead').set({ owner_id: reps.ann!.id }).where('id', '=', lead.id).execute();
    let ip = 0;
    for (const rep of Object.values(reps)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: rep.email, password },
        remoteAddress: `10.9.0.${++ip}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      rep.token = res.cookies.find((c) => c.name === 'tandem_session')!.value;
    }
    expect((await api(`/api/v1/leads/${lead.id}/score`, reps.ann!.token)).statusCode).toBe(200);
    const other = await api(`/api/v1/leads/${lead.id}/score`, reps.ben!.token);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('not_found');
  });

  it('opens leads without scoring them when no contract is in force', async () => {
    await send([{ type: 'identify', userId: 'u-dora', traits: { email: 'dora@bigco.com' } }], bareWriteKey);
    const lead = await leadOf('dora@bigco.com');
    expect(lead).toMatchObject({ workspace_id: bareWorkspaceId, stage: 'lead', score_state: null });
  });
});
