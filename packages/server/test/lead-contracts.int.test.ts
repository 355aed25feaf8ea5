import type { LeadContract } from '@tandem/contracts';
import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { activeContract } from '../src/app/lead-contract-queries.js';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import type { UserRow } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';

const password = 'correct horse battery';
const base = '/api/v1/lead-contracts';
const hour = 3_600_000;

interface Session {
  token: string;
  csrf: string;
}

const copy = (): LeadContract => structuredClone(exampleContract);

describe('lead contract versions and sign-off', () => {
  let now = new Date('2031-05-05T09:00:00.000Z');
  const clock = () => new Date(now);
  let t: TestApp;
  let workspaceId: string;
  let secretKey: string;
  const users: Record<string, UserRow> = {};
  const sessions: Record<string, Session> = {};
  let ip = 0;

  const call = (
    who: string,
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
  ): Promise<Response> => {
    const s = sessions[who]!;
    return t.app.inject({
      method,
      url,
      headers: { cookie: `tandem_session=${s.token}`, 'x-csrf-token': s.csrf },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  };
  const ok = async (res: Promise<Response>, status = 200) => {
    const r = await res;
    expect(r.statusCode, r.body).toBe(status);
    return r.json();
  };
  /** Creates, submits and has both sides sign a version; answers the signed version. */
  const signed = async (author: string, document: LeadContract, signers: [string, string], extra = {}) => {
    const draft = await ok(call(author, 'POST', base, { document, ...extra }), 201);
    await ok(call(author, 'POST', `${base}/${draft.version}/submit`));
    await ok(call(signers[0], 'POST', `${base}/${draft.version}/approve`, { side: 'marketing' }));
    return ok(
      call(signers[1], 'POST', `${base}/${draft.version}/approve`, { side: 'sales', comment: 'Agreed' }),
    );
  };
  const auditRows = () =>
    t.handle.db
      .selectFrom('audit_log')
      .select(['action', 'actor_kind', 'actor_id', 'target_type', 'details', 'at'])
      .where('workspace_id', '=', workspaceId)
      .where('target_type', '=', 'lead_contract')
      .orderBy('at')
      .orderBy('id')
      .execute();

  beforeAll(async () => {
    // Sessions outlive the days this test moves the clock forward.
    t = await createTestApp({
      clock,
      env: { TANDEM_SESSION_IDLE_MINUTES: String(60 * 24 * 30), TANDEM_SESSION_MAX_HOURS: '2000' },
    });
    const db = t.handle.db;
    const workspace = await createWorkspace(db, { name: 'Acme', slug: 'acme' });
    workspaceId = workspace.id;
    const people = [
      ['author', 'marketing'],
      ['marketer', 'marketing'],
      ['manager', 'sales_manager'],
      ['manager2', 'sales_manager'],
      ['rep', 'sales_rep'],
      ['admin', 'admin'],
    ] as const;
    for (const [key, role] of people) {
      users[key] = await createUser(db, {
        workspaceId,
        email: `${key}@acme.test`,
        name: `${key[0]!.toUpperCase()}${key.slice(1)} Person`,
        role,
        team: role === 'marketing' ? 'Marketing' : role === 'admin' ? null : 'Sales',
        password,
      });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: `${key}@acme.test`, password },
        remoteAddress: `10.1.0.${++ip}`,
      });
      expect(res.statusCode, res.body).toBe(200);
      sessions[key] = {
        token: res.cookies.find((c) => c.name === 'tandem_session')!.value,
        csrf: res.json().csrfToken,
      };
    }
    secretKey = (await createApiKey(db, { workspaceId, kind: 'secret' })).key;
  });
  afterAll(async () => t?.close());

  it('refuses invalid contracts, naming the field as a JSON pointer', async () => {
    const bad = copy() as unknown as { fit: { rules: Array<Record<string, unknown>> } };
    bad.fit.rules[3]!.op = 'regex';
    const res = await call('author', 'POST', base, { document: bad });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: '/fit/rules/3/op' });

    const doc = copy();
    doc.mql.handRaisers = ['demo-request', 'no-such-rule'];
    const semantic = await call('author', 'POST', base, { yaml: stringify(doc) });
    expect(semantic.statusCode).toBe(400);
    expect(semantic.json()).toMatchObject({ field: '/mql/handRaisers/1' });
    expect(semantic.json().detail).toContain('no-such-rule');

    const broken = await call('author', 'POST', base, { yaml: 'name: [unclosed\nfit: {' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().field).toBe('/yaml');

    const infinite = await call('author', 'POST', base, {
      yaml: stringify(copy()).replace('A: 60', 'A: .inf'),
    });
    expect(infinite.statusCode).toBe(400);
    expect(infinite.json().field).toBe('/fit/grades/A');

    const neither = await call('author', 'POST', base, {});
    expect(neither.statusCode).toBe(400);
    expect(await ok(call('author', 'GET', base))).toEqual({ items: [] });
  });

  it('keeps a rep and a partner-less rep away from writing or signing (403)', async () => {
    const create = await call('rep', 'POST', base, { document: copy() });
    expect(create.statusCode).toBe(403);
    expect(create.json().code).toBe('forbidden');
  });

  it('does not let the author activate a version alone; marketing and a sales manager do', async () => {
    const yaml = `# Signed in the spring\n${stringify(copy())}`;
    const draft = await ok(call('author', 'POST', base, { yaml, note: 'First agreement' }), 201);
    expect(draft).toMatchObject({
      version: 1,
      status: 'draft',
      sourceFormat: 'yaml',
      source: yaml,
      note: 'First agreement',
      author: { id: users.author!.id, name: 'Author Person' },
      signatures: [],
    });
    expect(draft.document).toEqual(exampleContract);

    // A draft cannot be signed; a draft can be edited.
    expect((await call('author', 'POST', `${base}/1/approve`, { side: 'marketing' })).statusCode).toBe(409);
    const edited = copy();
    edited.name = 'Inbound B2B — spring';
    const put = await ok(call('author', 'PUT', `${base}/1`, { document: edited }));
    expect(put).toMatchObject({
      sourceFormat: 'json',
      source: null,
      document: { name: 'Inbound B2B — spring' },
    });

    expect((await call('author', 'PUT', `${base}/1`, {})).statusCode).toBe(400);
    await ok(call('author', 'POST', `${base}/1/submit`));
    const frozen = await call('author', 'PUT', `${base}/1`, { document: copy() });
    expect(frozen.statusCode).toBe(409);
    expect(frozen.json()).toMatchObject({ code: 'conflict' });
    expect(frozen.json().detail).toContain('submitted');

    // The author signs the marketing side…
    const half = await ok(call('author', 'POST', `${base}/1/approve`, { side: 'marketing' }));
    expect(half.status).toBe('submitted');
    // …and can neither sign the sales side nor sign again.
    const other = await call('author', 'POST', `${base}/1/approve`, { side: 'sales' });
    expect(other.statusCode).toBe(403);
    const again = await call('marketer', 'POST', `${base}/1/approve`, { side: 'marketing' });
    expect(again.statusCode).toBe(409);
    expect(again.json().detail).toContain('already signed');
    // A rep and an admin cannot sign; neither can an API key.
    for (const who of ['rep', 'admin']) {
      const res = await call(who, 'POST', `${base}/1/approve`, { side: 'sales' });
      expect(res.statusCode, who).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
    const byKey = await t.app.inject({
      method: 'POST',
      url: `${base}/1/approve`,
      headers: { authorization: `Bearer ${secretKey}` },
      payload: { side: 'sales' },
    });
    expect(byKey.statusCode).toBe(403);
    expect((await call('rep', 'GET', `${base}/active`)).statusCode).toBe(404);
    expect(await activeContract(t.handle.db, workspaceId, clock())).toBeNull();

    now = new Date(now.getTime() + hour);
    const active = await ok(
      call('manager', 'POST', `${base}/1/approve`, { side: 'sales', comment: 'Agreed' }),
    );
    expect(active).toMatchObject({
      status: 'active',
      effectiveAt: now.toISOString(),
      activatedAt: now.toISOString(),
    });
    expect(active.signatures.map((s: { name: string; side: string }) => [s.side, s.name])).toEqual([
      ['marketing', 'Author Person'],
      ['sales', 'Manager Person'],
    ]);
    // Everyone may read the version in force.
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({ version: 1, status: 'active' });
  });

  it('supersedes the previous version when the next one is signed', async () => {
    const doc = copy();
    doc.name = 'Inbound B2B — summer';
    doc.mql.minInterest = 50;
    doc.fit.rules[0]!.points = 25;
    doc.fit.rules.push({
      id: 'tech-lead',
      label: 'Tech lead <b>',
      field: 'contact.title',
      op: 'contains_word',
      value: 'architect',
      points: 5,
    });
    doc.interest.rules = doc.interest.rules.filter((r) => r.id !== 'email-click');
    now = new Date(now.getTime() + hour);
    const v2 = await signed('marketer', doc, ['author', 'manager2']);
    expect(v2).toMatchObject({ version: 2, status: 'active' });
    const v1 = await ok(call('rep', 'GET', `${base}/1`));
    expect(v1).toMatchObject({ status: 'superseded', activatedAt: expect.any(String) });
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({ version: 2 });
    const history = await ok(call('rep', 'GET', base));
    expect(history.items.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
      [2, 'active'],
      [1, 'superseded'],
    ]);
  });

  it('diffs two versions rule by rule and setting by setting', async () => {
    const diff = await ok(call('rep', 'GET', `${base}/2/diff?against=1`));
    expect(diff).toMatchObject({ from: 1, to: 2, identical: false });
    expect(diff.rules).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ section: 'fit', kind: 'added', id: 'tech-lead' }),
        expect.objectContaining({ section: 'interest', kind: 'removed', id: 'email-click' }),
        expect.objectContaining({
          section: 'fit',
          kind: 'changed',
          id: 'exec-title',
          changes: [{ path: '/points', from: 20, to: 25 }],
        }),
      ]),
    );
    expect(diff.settings).toEqual(
      expect.arrayContaining([
        { path: '/mql/minInterest', from: 40, to: 50 },
        { path: '/name', from: 'Inbound B2B — spring', to: 'Inbound B2B — summer' },
      ]),
    );
    expect(diff.lines).toContain('MQL minimum interest 40 → 50');
    expect(
      diff.lines.some((l: string) =>
        l.startsWith('Fit rule “Executive title” (exec-title) changed: points 20 → 25'),
      ),
    ).toBe(true);
    expect(await ok(call('rep', 'GET', `${base}/2/diff`))).toMatchObject({
      from: 2,
      identical: true,
      lines: [],
    });
    expect((await call('rep', 'GET', `${base}/2/diff?against=9`)).statusCode).toBe(404);
    expect((await call('rep', 'GET', `${base}/2/diff?against=x`)).statusCode).toBe(400);
  });

  it('writes the agreement in Markdown and in escaped HTML', async () => {
    const md = await call('rep', 'GET', `${base}/2/agreement`);
    expect(md.statusCode).toBe(200);
    expect(md.headers['content-type']).toContain('text/markdown');
    const text = md.body;
    expect(text).toContain('# Lead contract, version 2: Inbound B2B — summer');
    expect(text).toContain('## Marketing commits to');
    expect(text).toContain('## Sales commits to');
    expect(text).toContain('Make the first touch on every MQL within 1 hour.');
    expect(text).toContain('Accept or return every MQL within 4 hours');
    expect(text).toContain('its fit grade is B or better and its interest is at least 50 points');
    expect(text).toContain('raises its hand (“Demo requested” or “Pricing inquiry”)');
    expect(text).toContain('| Reject | not\\-icp | Outside our ideal customer profile |'.replace('\\-', '-'));
    expect(text).toContain('Tech lead \\<b\\>');
    expect(text).toMatch(/\| Marketing \| Author Person \| Approved \| 2031-05-05 \d\d:00 UTC \|/);
    expect(text).toMatch(/\| Sales \| Manager2 Person \| Approved \| .* \| Agreed \|/);
    expect(text).toContain('Drafted by Marketer Person on');

    const html = await call('rep', 'GET', `${base}/2/agreement?format=html`);
    expect(html.headers['content-type']).toContain('text/html');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toContain('<h2>Sales commits to</h2>');
    expect(html.body).toContain('Tech lead &lt;b&gt;');
    expect(html.body).not.toContain('<b>');
  });

  it('rolls back through the same sign-off', async () => {
    const refused = await call('author', 'POST', `${base}/2/rollback`);
    expect(refused.statusCode, refused.body).toBe(409);
    const draft = await ok(call('author', 'POST', `${base}/1/rollback`), 201);
    expect(draft).toMatchObject({
      version: 3,
      status: 'draft',
      rolledBackFrom: 1,
      note: 'Rollback to version 1',
    });
    const v1 = await ok(call('author', 'GET', `${base}/1`));
    expect(draft.document).toEqual(v1.document);
    // Nothing changes until both sides sign it.
    await ok(call('author', 'POST', `${base}/3/submit`));
    await ok(call('author', 'POST', `${base}/3/approve`, { side: 'marketing' }));
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({ version: 2 });
    now = new Date(now.getTime() + hour);
    await ok(call('manager', 'POST', `${base}/3/approve`, { side: 'sales' }));
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({ version: 3, rolledBackFrom: 1 });
    expect(await ok(call('rep', 'GET', `${base}/2`))).toMatchObject({ status: 'superseded' });
    const agreement = (await call('rep', 'GET', `${base}/3/agreement`)).body;
    expect(agreement).toContain('This version restores version 1.');
  });

  it('activates a version signed for a later time lazily, when that time comes', async () => {
    const effective = new Date(now.getTime() + 48 * hour);
    const doc = copy();
    doc.sla.acceptMinutes = 120;
    const v4 = await signed('author', doc, ['marketer', 'manager'], { effectiveAt: effective.toISOString() });
    expect(v4).toMatchObject({
      version: 4,
      status: 'approved',
      effectiveAt: effective.toISOString(),
      activatedAt: null,
    });
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({ version: 3 });

    now = new Date(effective.getTime() + 5 * hour);
    expect((await activeContract(t.handle.db, workspaceId, clock()))?.version).toBe(4);
    const history = await ok(call('rep', 'GET', base));
    expect(
      history.items.slice(0, 2).map((v: { version: number; status: string }) => [v.version, v.status]),
    ).toEqual([
      [4, 'active'],
      [3, 'superseded'],
    ]);
    expect(history.items[0].activatedAt).toBe(effective.toISOString());
    const activations = (await auditRows()).filter((r) => r.action === 'lead_contract.activated');
    expect(activations.at(-1)).toMatchObject({ actor_kind: 'system', details: { version: 4 } });
    expect(activations.at(-1)!.at.toISOString()).toBe(effective.toISOString());
  });

  it('rejects with a reason, withdraws, and refuses illegal moves with 409', async () => {
    const draft = await ok(call('manager', 'POST', base, { document: copy() }), 201);
    const v = draft.version;
    await ok(call('manager', 'POST', `${base}/${v}/submit`));
    expect((await call('marketer', 'POST', `${base}/${v}/reject`, { side: 'marketing' })).statusCode).toBe(
      400,
    );
    const rejected = await ok(
      call('marketer', 'POST', `${base}/${v}/reject`, {
        side: 'marketing',
        comment: 'Interest half-life too long',
      }),
    );
    expect(rejected.status).toBe('rejected');
    expect(rejected.signatures[0]).toMatchObject({
      decision: 'reject',
      comment: 'Interest half-life too long',
    });
    expect((await call('manager2', 'POST', `${base}/${v}/approve`, { side: 'sales' })).statusCode).toBe(409);
    expect((await call('manager', 'POST', `${base}/${v}/submit`)).statusCode).toBe(409);

    const other = await ok(call('admin', 'POST', base, { document: copy() }), 201);
    const withdrawn = await ok(call('admin', 'POST', `${base}/${other.version}/withdraw`));
    expect(withdrawn.status).toBe('withdrawn');
    expect((await call('admin', 'PUT', `${base}/${other.version}`, { note: 'x' })).statusCode).toBe(409);
    expect((await call('admin', 'GET', `${base}/999`)).statusCode).toBe(404);

    // A secret key acts as an admin: it may write drafts, never sign.
    const viaKey = await t.app.inject({
      method: 'POST',
      url: base,
      headers: { authorization: `Bearer ${secretKey}` },
      payload: { document: copy() },
    });
    expect(viaKey.statusCode, viaKey.body).toBe(201);
    expect(viaKey.json().author).toBeNull();
  });

  it('audits every step', async () => {
    const rows = await auditRows();
    const v1 = rows.filter((r) => (r.details as { version?: number }).version === 1).map((r) => r.action);
    expect(v1).toEqual([
      'lead_contract.created',
      'lead_contract.updated',
      'lead_contract.submitted',
      'lead_contract.signed',
      'lead_contract.signed',
      'lead_contract.approved',
      'lead_contract.activated',
      'lead_contract.superseded',
    ]);
    const signedBy = rows.filter((r) => r.action === 'lead_contract.signed').map((r) => r.actor_id);
    expect(signedBy.slice(0, 2)).toEqual([users.author!.id, users.manager!.id]);
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining(['lead_contract.rejected', 'lead_contract.withdrawn']),
    );
    expect(rows.find((r) => (r.details as { rolledBackFrom?: number }).rolledBackFrom === 1)).toMatchObject({
      action: 'lead_contract.created',
    });
  });

  it('activates exactly once when both sides sign at the same moment', async () => {
    const doc = copy();
    doc.sla.firstTouchMinutes = 30;
    const draft = await ok(call('author', 'POST', base, { document: doc }), 201);
    await ok(call('author', 'POST', `${base}/${draft.version}/submit`));
    now = new Date(now.getTime() + hour);
    const [m, s] = await Promise.all([
      call('marketer', 'POST', `${base}/${draft.version}/approve`, { side: 'marketing' }),
      call('manager2', 'POST', `${base}/${draft.version}/approve`, { side: 'sales' }),
    ]);
    expect([m.statusCode, s.statusCode]).toEqual([200, 200]);
    expect(await ok(call('rep', 'GET', `${base}/active`))).toMatchObject({
      version: draft.version,
      status: 'active',
    });
    const mine = (await auditRows()).filter(
      (r) => (r.details as { version?: number }).version === draft.version,
    );
    expect(mine.filter((r) => r.action === 'lead_contract.approved')).toHaveLength(1);
    expect(mine.filter((r) => r.action === 'lead_contract.activated')).toHaveLength(1);
  });
});
