import type { SelectQueryBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/app/viewer.js';
import { createUser, createWorkspace, ensureTeam } from '../src/app/workspaces.js';
import { newId } from '../src/id.js';
import { visibleAccounts, visibleContacts, visibleLeads, visibleOpportunities } from '../src/store/access.js';
import type { Db } from '../src/store/db.js';
import type { Database, UserRow } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';

const password = 'access rules password';

/**
 * One workspace with two sales teams and two partners, records spread across them, and a second
 * workspace whose records nobody in the first may see. Names are short so expectations read well.
 */
async function seed(db: Db) {
  const ws = await createWorkspace(db, { name: 'Acme', slug: 'acme' });
  const other = await createWorkspace(db, { name: 'Globex', slug: 'globex' });
  const east = await ensureTeam(db, ws.id, 'East');
  const west = await ensureTeam(db, ws.id, 'West');
  const partner = async (name: string) => {
    const id = newId();
    await db.insertInto('partner').values({ workspace_id: ws.id, id, name }).execute();
    return id;
  };
  const p1 = await partner('Channel One');
  const p2 = await partner('Channel Two');
  const user = (
    workspaceId: string,
    name: string,
    role: UserRow['role'],
    extra: { team?: string; partnerId?: string } = {},
  ) => createUser(db, { workspaceId, email: `${name}@test.dev`, name, role, password, ...extra });
  const u = {
    admin: await user(ws.id, 'admin', 'admin'),
    mkt: await user(ws.id, 'mkt', 'marketing'),
    m1: await user(ws.id, 'm1', 'sales_manager', { team: east.id }),
    r1: await user(ws.id, 'r1', 'sales_rep', { team: east.id }),
    r2: await user(ws.id, 'r2', 'sales_rep', { team: east.id }),
    r3: await user(ws.id, 'r3', 'sales_rep', { team: west.id }),
    pu1: await user(ws.id, 'pu1', 'partner', { partnerId: p1 }),
    otherAdmin: await user(other.id, 'globex-admin', 'admin'),
  };

  const ids: Record<string, string> = {};
  const account = async (key: string, extra: { owner_id?: string; partner_id?: string } = {}) => {
    ids[key] = newId();
    await db
      .insertInto('account')
      .values({
        workspace_id: ws.id,
        id: ids[key]!,
        name: key,
        domain: `${key}.test`,
        traits: '{}',
        ...extra,
      })
      .execute();
  };
  await account('acc1');
  await account('acc2');
  await account('acc3', { partner_id: p1 });
  await account('acc4', { owner_id: u.r1.id });

  const contact = async (
    key: string,
    extra: { account_id?: string; owner_id?: string; partner_id?: string } = {},
    workspaceId = ws.id,
  ) => {
    ids[key] = newId();
    await db
      .insertInto('contact')
      .values({
        workspace_id: workspaceId,
        id: ids[key]!,
        email: `${key}@example.test`,
        first_name: key.toUpperCase(),
        last_name: 'Person',
        traits: '{}',
        consent: '{}',
        ...extra,
      })
      .execute();
  };
  await contact('c1', { account_id: ids.acc1! });
  await contact('c2');
  await contact('c3');
  await contact('c4');
  await contact('c5', { partner_id: p1 });
  await contact('c6', { partner_id: p2 });
  await contact('c7', { owner_id: u.r1.id });
  await contact('c8', { account_id: ids.acc2! });
  await contact('cB', {}, other.id);

  let minute = 0;
  const lead = async (
    key: string,
    contactKey: string,
    extra: { owner_id?: string; team_id?: string; partner_id?: string; stage?: 'lead' | 'mql' } = {},
    workspaceId = ws.id,
  ) => {
    ids[key] = newId();
    // Distinct creation times so "newest first" is well defined.
    const created_at = new Date(Date.UTC(2031, 0, 1, 9, minute++));
    await db
      .insertInto('lead')
      .values({
        workspace_id: workspaceId,
        id: ids[key]!,
        contact_id: ids[contactKey]!,
        stage: 'lead',
        fit_grade: 'B',
        interest_sum: 12.5,
        created_at,
        updated_at: created_at,
        ...extra,
      })
      .execute();
  };
  await lead('L1', 'c1', { owner_id: u.r1.id, team_id: east.id, stage: 'mql' });
  await lead('L2', 'c2', { owner_id: u.r2.id, team_id: east.id });
  await lead('L3', 'c3', { owner_id: u.r3.id, team_id: west.id });
  await lead('L4', 'c4', { team_id: east.id });
  await lead('L5', 'c5', { owner_id: u.r3.id, partner_id: p1 });
  await lead('L6', 'c6', { partner_id: p2 });
  await lead('LB', 'cB', { owner_id: u.otherAdmin.id }, other.id);

  const opportunity = async (
    key: string,
    accountKey: string,
    extra: { owner_id?: string; partner_id?: string },
  ) => {
    ids[key] = newId();
    await db
      .insertInto('opportunity')
      .values({ workspace_id: ws.id, id: ids[key]!, name: key, account_id: ids[accountKey]!, ...extra })
      .execute();
  };
  await opportunity('O1', 'acc2', { owner_id: u.r2.id });
  await opportunity('O2', 'acc3', { owner_id: u.r3.id, partner_id: p1 });

  const viewer = (row: UserRow): Viewer => ({
    workspaceId: row.workspace_id,
    userId: row.id,
    role: row.role,
    teamId: row.team_id,
    partnerId: row.partner_id,
  });
  const keyOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
  return { ws, other, u, ids, viewer, keyOf };
}

describe('record-level access', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seed>>;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await seed(t.handle.db);
  });
  afterAll(async () => t?.close());

  const sorted = (keys: string[]) => [...keys].sort();

  describe('in the store', () => {
    // Each visible*() builder is over a different table, all with an `id` column.
    const names = async (query: unknown) =>
      sorted(
        (await (query as SelectQueryBuilder<Database, 'lead', object>).select('id').execute()).map((r) =>
          fx.keyOf(r.id),
        ),
      );

    it('leads: admin and marketing all, manager the team, rep their own, partner their partner’s', async () => {
      const db = t.handle.db;
      const leads = (who: keyof typeof fx.u) => names(visibleLeads(db, fx.viewer(fx.u[who])));
      expect(await leads('admin')).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
      expect(await leads('mkt')).toEqual(['L1', 'L2', 'L3', 'L4', 'L5', 'L6']);
      expect(await leads('m1')).toEqual(['L1', 'L2', 'L4']);
      expect(await leads('r1')).toEqual(['L1']);
      expect(await leads('r2')).toEqual(['L2']);
      expect(await leads('r3')).toEqual(['L3', 'L5']);
      expect(await leads('pu1')).toEqual(['L5']);
      expect(await leads('otherAdmin')).toEqual(['LB']);
    });

    it('contacts: owned, or reached through a visible lead or an opportunity at their account', async () => {
      const db = t.handle.db;
      const contacts = (who: keyof typeof fx.u) => names(visibleContacts(db, fx.viewer(fx.u[who])));
      expect(await contacts('admin')).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8']);
      expect(await contacts('r1')).toEqual(['c1', 'c7']);
      expect(await contacts('r2')).toEqual(['c2', 'c8']);
      expect(await contacts('m1')).toEqual(['c1', 'c2', 'c4', 'c7', 'c8']);
      expect(await contacts('r3')).toEqual(['c3', 'c5']);
      expect(await contacts('pu1')).toEqual(['c5']);
      expect(await contacts('otherAdmin')).toEqual(['cB']);
    });

    it('accounts: owned, or with a visible opportunity or a visible lead', async () => {
      const db = t.handle.db;
      const accounts = (who: keyof typeof fx.u) => names(visibleAccounts(db, fx.viewer(fx.u[who])));
      expect(await accounts('mkt')).toEqual(['acc1', 'acc2', 'acc3', 'acc4']);
      expect(await accounts('r1')).toEqual(['acc1', 'acc4']);
      expect(await accounts('r2')).toEqual(['acc2']);
      expect(await accounts('m1')).toEqual(['acc1', 'acc2', 'acc4']);
      expect(await accounts('r3')).toEqual(['acc3']);
      expect(await accounts('pu1')).toEqual(['acc3']);
      expect(await accounts('otherAdmin')).toEqual([]);
    });

    it('opportunities: owned within reach, or the partner’s', async () => {
      const db = t.handle.db;
      const opps = (who: keyof typeof fx.u) => names(visibleOpportunities(db, fx.viewer(fx.u[who])));
      expect(await opps('admin')).toEqual(['O1', 'O2']);
      expect(await opps('r1')).toEqual([]);
      expect(await opps('r2')).toEqual(['O1']);
      expect(await opps('m1')).toEqual(['O1']);
      expect(await opps('r3')).toEqual(['O2']);
      expect(await opps('pu1')).toEqual(['O2']);
    });

    it('sees nothing when a rule needs a link the viewer lacks', async () => {
      const db = t.handle.db;
      const teamless: Viewer = { ...fx.viewer(fx.u.m1), teamId: null };
      expect(await names(visibleLeads(db, teamless))).toEqual([]);
      const partnerless: Viewer = { ...fx.viewer(fx.u.pu1), partnerId: null };
      expect(await names(visibleLeads(db, partnerless))).toEqual([]);
      const keyViewer: Viewer = { ...fx.viewer(fx.u.r1), userId: null };
      expect(await names(visibleContacts(db, keyViewer))).toEqual([]);
    });
  });

  describe('over HTTP', () => {
    const sessions = new Map<string, { token: string }>();
    let ip = 0;
    const get = async (who: keyof typeof fx.u, url: string) => {
      const user = fx.u[who];
      let session = sessions.get(who);
      if (!session) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password },
          remoteAddress: `10.1.0.${++ip}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        session = { token: res.cookies[0]!.value };
        sessions.set(who, session);
      }
      return t.app.inject({ method: 'GET', url, headers: { cookie: `tandem_session=${session.token}` } });
    };
    const listed = async (who: keyof typeof fx.u, query = '') => {
      const res = await get(who, `/api/v1/leads${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((l: { id: string }) => fx.keyOf(l.id)) as string[];
    };

    it('lists only visible leads, newest first, with contact, grade and interest', async () => {
      expect(await listed('r1')).toEqual(['L1']);
      expect(await listed('m1')).toEqual(['L4', 'L2', 'L1']);
      expect(await listed('pu1')).toEqual(['L5']);
      expect(await listed('admin')).toEqual(['L6', 'L5', 'L4', 'L3', 'L2', 'L1']);
      expect(await listed('otherAdmin')).toEqual(['LB']);
      const res = await get('r1', '/api/v1/leads');
      expect(res.json().items[0]).toMatchObject({
        id: fx.ids.L1,
        stage: 'mql',
        fitGrade: 'B',
        interest: 12.5,
        contact: { id: fx.ids.c1, name: 'C1 Person', email: 'c1@example.test', accountId: fx.ids.acc1 },
        owner: { id: fx.u.r1.id, name: 'r1' },
        teamId: fx.u.r1.team_id,
        partnerId: null,
      });
    });

    it('filters by stage and pages with a cursor', async () => {
      expect(await listed('admin', '?stage=mql')).toEqual(['L1']);
      expect(await listed('m1', '?stage=lead&stage=mql')).toEqual(['L4', 'L2', 'L1']);
      const pages: string[][] = [];
      let cursor: string | null = null;
      do {
        const res = await get('admin', `/api/v1/leads?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
        const body: { items: Array<{ id: string }>; nextCursor: string | null } = res.json();
        pages.push(body.items.map((l) => fx.keyOf(l.id)));
        cursor = body.nextCursor;
      } while (cursor && pages.length < 10);
      expect(pages).toEqual([
        ['L6', 'L5', 'L4', 'L3'],
        ['L2', 'L1'],
      ]);
      const bad = await get('admin', '/api/v1/leads?cursor=abc');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field).toBe('cursor');
    });

    it('answers 404, never 403, for a lead out of reach or in another workspace', async () => {
      const own = await get('r1', `/api/v1/leads/${fx.ids.L1}`);
      expect(own.statusCode).toBe(200);
      expect(own.json().id).toBe(fx.ids.L1);
      for (const [who, key] of [
        ['r1', 'L2'],
        ['r2', 'L4'],
        ['m1', 'L3'],
        ['pu1', 'L6'],
        ['admin', 'LB'],
        ['otherAdmin', 'L1'],
      ] as const) {
        const res = await get(who, `/api/v1/leads/${fx.ids[key]}`);
        expect(res.statusCode, `${who} → ${key}`).toBe(404);
        expect(res.json().code).toBe('not_found');
      }
      const missing = await get('admin', `/api/v1/leads/${newId()}`);
      expect(missing.statusCode).toBe(404);
      expect((await get('m1', `/api/v1/leads/${fx.ids.L4}`)).statusCode).toBe(200);
    });

    it('shows a partner user only the users of their own partner organisation', async () => {
      const emails = async (who: keyof typeof fx.u) => {
        const res = await get(who, '/api/v1/users');
        expect(res.statusCode, res.body).toBe(200);
        return (res.json().items as Array<{ email: string }>).map((u) => u.email).sort();
      };
      expect(await emails('pu1')).toEqual([fx.u.pu1.email]);
      expect(await emails('r1')).toContain(fx.u.admin.email);
      expect((await emails('r1')).length).toBeGreaterThan(5);
    });
  });
});
