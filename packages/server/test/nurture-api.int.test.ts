import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nurtureSweepKind } from '../src/app/nurture/kinds.js';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { newId } from '../src/id.js';
import { ensureNurtureSweeps } from '../src/jobs/nurture.job.js';
import { createTestApp, type TestApp } from './app.js';
import { nurtureRunner, publicUrl } from './nurture-helpers.js';

const password = 'nurture api password';
const t0 = new Date('2026-03-02T09:00:00Z');

describe('nurture API: programs, templates, rules, access, replies, suppressions', () => {
  let t: TestApp;
  let nowMs = t0.getTime();
  const clock = () => new Date(nowMs);
  let workspaceId: string;
  let secret: string;
  const users: Record<string, { id: string; email: string; token?: string; csrf?: string }> = {};
  const leads: Record<string, string> = {};
  let templateId: string;

  const api = async (
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    who?: string,
  ) => {
    const headers: Record<string, string> = {};
    if (who) {
      const user = users[who]!;
      if (!user.token) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: user.email, password },
          remoteAddress: `10.9.0.${Object.keys(users).indexOf(who) + 1}`,
        });
        expect(res.statusCode, res.body).toBe(200);
        user.token = res.cookies[0]!.value;
        user.csrf = res.json().csrfToken;
      }
      headers.cookie = `tandem_session=${user.token}`;
      if (method !== 'GET') headers['x-csrf-token'] = user.csrf!;
    } else headers.authorization = `Bearer ${secret}`;
    const res = await t.app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
  };

  const runJobs = async () => {
    const runner = nurtureRunner(t.handle.db, '');
    for (let i = 0; i < 20; i++) if ((await runner.runOnce(clock())).claimed === 0) break;
    await runner.stop();
  };
  const enrollment = (leadKey: string) =>
    t.handle.db.selectFrom('nurture_enrollment').selectAll().where('lead_id', '=', leads[leadKey]!).execute();

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { TANDEM_PUBLIC_URL: publicUrl } });
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Nurture API' })).id;
    secret = (await createApiKey(db, { workspaceId, kind: 'secret' })).key;
    for (const [key, role] of [
      ['mkt', 'marketing'],
      ['rep', 'sales_rep'],
      ['partner', 'partner'],
    ] as const) {
      const email = `${key}@nurture.test`;
      const partnerId = role === 'partner' ? newId() : undefined;
      if (partnerId)
        await db
          .insertInto('partner')
          .values({ workspace_id: workspaceId, id: partnerId, name: 'P' })
          .execute();
      const user = await createUser(db, {
        workspaceId,
        email,
        name: key === 'rep' ? 'Rita Rep' : key,
        role,
        password,
        ...(partnerId ? { partnerId } : {}),
      });
      users[key] = { id: user.id, email };
    }
    const accountId = newId();
    await db
      .insertInto('account')
      .values({
        workspace_id: workspaceId,
        id: accountId,
        name: 'Initech',
        domain: 'initech.test',
        traits: '{}',
      })
      .execute();
    const person = async (
      key: string,
      lead: {
        stage: 'lead' | 'recycled' | 'mql';
        grade: string;
        interest: number;
        reason?: string;
        owner?: string;
      },
      consent: object = {},
    ) => {
      const contactId = newId();
      await db
        .insertInto('contact')
        .values({
          workspace_id: workspaceId,
          id: contactId,
          email: `${key}@initech.test`,
          first_name: key.toUpperCase(),
          last_name: null,
          account_id: accountId,
          traits: '{}',
          consent: JSON.stringify(consent),
        })
        .execute();
      leads[key] = newId();
      await db
        .insertInto('lead')
        .values({
          workspace_id: workspaceId,
          id: leads[key]!,
          contact_id: contactId,
          stage: lead.stage,
          fit_grade: lead.grade,
          interest_sum: lead.interest,
          owner_id: lead.owner ?? null,
          created_at: t0,
          updated_at: t0,
        })
        .execute();
      if (lead.reason)
        await db
          .insertInto('stage_transition')
          .values({
            workspace_id: workspaceId,
            id: newId(),
            lead_id: leads[key]!,
            from_stage: 'mql',
            to_stage: lead.stage,
            at: t0,
            cause: 'user',
            actor_id: null,
            reason_code: lead.reason,
            note: null,
            contract_version: null,
          })
          .execute();
    };
    await person('nobudget', {
      stage: 'recycled',
      grade: 'C',
      interest: 30,
      reason: 'no-budget',
      owner: users.rep!.id,
    });
    await person('timing', { stage: 'recycled', grade: 'C', interest: 30, reason: 'bad-timing' });
    await person('quiet', { stage: 'lead', grade: 'A', interest: 5 });
    await person('weak', { stage: 'lead', grade: 'C', interest: 5 });
    await person('hot', { stage: 'mql', grade: 'A', interest: 5 });
    await person('denied', { stage: 'lead', grade: 'D', interest: 0 }, { email: { status: 'denied' } });
  });
  afterAll(async () => t?.close());

  it('templates: create, refuse unknown variables and clashing names, preview for a lead', async () => {
    const body = {
      name: 'Check-in',
      subject: 'Hi {{contact.firstName | "there"}}',
      html: '<p>{{rep.name | "Our team"}} at {{account.name}} — {{contact.title}}</p><a href="https://initech.test/x">x</a>',
      text: 'Hi {{contact.firstName}}',
    };
    const created = await api('POST', '/api/v1/nurture/templates', body, 'mkt');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    templateId = created.body.id;
    expect(
      (await api('POST', '/api/v1/nurture/templates', { ...body, name: 'check-in' })).body,
    ).toMatchObject({
      code: 'conflict',
      field: '/name',
    });
    expect(
      (await api('POST', '/api/v1/nurture/templates', { ...body, name: 'Other', html: '{{deal.size}}' }))
        .body,
    ).toMatchObject({ code: 'validation_failed', field: '/html' });

    const preview = await api('POST', `/api/v1/nurture/templates/${templateId}/preview`, {
      leadId: leads.nobudget,
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({
      to: 'nobudget@initech.test',
      subject: 'Hi NOBUDGET',
      missing: ['contact.title'],
      unknown: [],
    });
    expect(preview.body.html).toContain('Rita Rep at Initech');
    const list = await api('GET', '/api/v1/nurture/templates', undefined, 'rep');
    expect(list.status).toBe(200);
    expect(list.body.variables).toContain('account.name');
  });

  it('programs: validation names the field; reps read, only admin and marketing write, partners neither', async () => {
    const bad = async (steps: unknown[], field: string) => {
      const res = await api('POST', '/api/v1/nurture/programs', { name: `Bad ${field}`, steps });
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.field).toBe(field);
    };
    await bad([{ id: 'a', type: 'email', templateId: newId() }], '/steps/0/templateId');
    await bad(
      [
        { id: 'a', type: 'email', templateId },
        { id: 'b', type: 'condition', if: 'opened', goTo: 'a', otherwise: 'a' },
      ],
      '/steps/1/goTo',
    );
    const program = {
      name: 'Win back',
      rules: [
        { type: 'recycled', reasons: ['no-budget'] },
        { type: 'fit_low_interest', minGrade: 'B', maxInterest: 10 },
      ],
      steps: [
        { id: 'hello', type: 'email', templateId },
        { id: 'pause', type: 'wait', minutes: 60 },
        { id: 'again', type: 'email', templateId },
      ],
    };
    expect((await api('POST', '/api/v1/nurture/programs', program, 'rep')).status).toBe(403);
    const created = await api('POST', '/api/v1/nurture/programs', program, 'mkt');
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      sendRatePerMinute: 60,
      enrollments: { active: 0 },
    });
    expect((await api('GET', '/api/v1/nurture/programs', undefined, 'rep')).status).toBe(200);
    expect((await api('GET', '/api/v1/nurture/programs', undefined, 'partner')).status).toBe(403);
    const id = created.body.id;
    // Enrolling needs an active program.
    expect(
      (await api('POST', `/api/v1/nurture/programs/${id}/enrollments`, { leadIds: [leads.quiet] })).body,
    ).toMatchObject({
      code: 'conflict',
    });
    expect((await api('POST', `/api/v1/nurture/programs/${id}/activate`, undefined, 'mkt')).body.status).toBe(
      'active',
    );
    expect((await api('DELETE', `/api/v1/nurture/templates/${templateId}`)).body).toMatchObject({
      code: 'conflict',
    });
  });

  it('the sweep enrolls by rule once, and ends enrollments of leads that became MQL', async () => {
    await ensureNurtureSweeps(t.handle.db, clock());
    await runJobs();
    const enrolled = await t.handle.db
      .selectFrom('nurture_enrollment')
      .select(['lead_id', 'enrolled_by', 'status'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    const byLead = (key: string) => enrolled.find((e) => e.lead_id === leads[key]);
    expect(byLead('nobudget')).toMatchObject({ enrolled_by: 'rule', status: 'active' });
    expect(byLead('quiet')).toMatchObject({ enrolled_by: 'rule', status: 'active' });
    for (const key of ['timing', 'weak', 'hot', 'denied']) expect(byLead(key), key).toBeUndefined();
    const emails = await t.handle.db.selectFrom('email_message').select('to_address').execute();
    expect(emails.map((e) => e.to_address).sort()).toEqual(['nobudget@initech.test', 'quiet@initech.test']);

    await t.handle.db.updateTable('lead').set({ stage: 'mql' }).where('id', '=', leads.quiet!).execute();
    nowMs += 5 * 60_000;
    await runJobs();
    expect(await enrollment('quiet')).toMatchObject([{ status: 'exited', exit_reason: 'mql' }]);
    expect(await enrollment('nobudget')).toMatchObject([{ status: 'active' }]);
    const sweeps = await t.handle.db
      .selectFrom('timer')
      .select('due_at')
      .where('kind', '=', nurtureSweepKind)
      .where('status', '=', 'pending')
      .execute();
    expect(sweeps).toHaveLength(1);
  });

  it('lists enrollments with results per step; a rep sees only leads they own', async () => {
    const [program] = (await api('GET', '/api/v1/nurture/programs')).body.items;
    const all = await api('GET', `/api/v1/nurture/programs/${program.id}/enrollments`);
    expect(all.body.items).toHaveLength(2);
    expect(all.body.steps).toEqual([{ stepId: 'hello', sent: 2, opened: 0, clicked: 0 }]);
    const mine = await api('GET', `/api/v1/nurture/programs/${program.id}/enrollments`, undefined, 'rep');
    expect(mine.body.items.map((e: { leadId: string }) => e.leadId)).toEqual([leads.nobudget]);
    expect(mine.body.items[0].sends).toMatchObject([{ stepId: 'hello', status: 'sent' }]);
    expect(program.results).toEqual([{ stepId: 'hello', sent: 2, opened: 0, clicked: 0 }]);
  });

  it('an explicit consent denial is respected: the enrollment ends without an email', async () => {
    const [program] = (await api('GET', '/api/v1/nurture/programs')).body.items;
    const url = `/api/v1/nurture/programs/${program.id}/enrollments`;
    expect((await api('POST', url, { leadIds: [leads.denied] })).body).toEqual({ enrolled: 1, skipped: 0 });
    expect((await api('POST', url, { leadIds: [leads.denied] })).body).toEqual({ enrolled: 0, skipped: 1 });
    expect((await api('POST', url, { leadIds: [newId()] })).body).toMatchObject({ field: '/leadIds/0' });
    await runJobs();
    expect(await enrollment('denied')).toMatchObject([{ status: 'exited', exit_reason: 'no_consent' }]);
    const emails = await t.handle.db
      .selectFrom('email_message')
      .select('id')
      .where('to_address', '=', 'denied@initech.test')
      .execute();
    expect(emails).toEqual([]);
  });

  it('a reply (by the Message-ID it answers) ends the enrollment; pause holds, activate resumes', async () => {
    const [program] = (await api('GET', '/api/v1/nurture/programs')).body.items;
    expect((await api('POST', `/api/v1/nurture/programs/${program.id}/pause`)).body.status).toBe('paused');
    nowMs += 2 * 3_600_000;
    await runJobs();
    expect(await enrollment('nobudget')).toMatchObject([{ status: 'active', current_step: 'again' }]);
    await api('POST', `/api/v1/nurture/programs/${program.id}/activate`);
    await runJobs();
    expect(await enrollment('nobudget')).toMatchObject([{ status: 'completed' }]);

    const timingId = leads.timing!;
    expect(
      (await api('POST', `/api/v1/nurture/programs/${program.id}/enrollments`, { leadIds: [timingId] }))
        .status,
    ).toBe(200);
    const before = nowMs;
    await runJobs();
    const email = await t.handle.db
      .selectFrom('email_message')
      .select(['id', 'headers'])
      .where('to_address', '=', 'timing@initech.test')
      .executeTakeFirstOrThrow();
    expect(email.headers['Message-ID']).toBe(`<${email.id}@mail.tandem.test>`);
    expect((await api('POST', '/api/v1/nurture/replies', { messageId: '<nope@x>' })).body).toEqual({
      matched: false,
    });
    const reply = await api('POST', '/api/v1/nurture/replies', { messageId: email.headers['Message-ID'] });
    expect(reply).toEqual({ status: 202, body: { matched: true } });
    expect(await enrollment('timing')).toMatchObject([{ status: 'exited', exit_reason: 'replied' }]);
    expect(nowMs).toBe(before);
    expect((await api('DELETE', `/api/v1/nurture/programs/${program.id}`)).body).toMatchObject({
      code: 'conflict',
    });
  });

  it('suppressions: add by hand, list, remove', async () => {
    const add = await api('POST', '/api/v1/nurture/suppressions', {
      email: ' Someone@Example.test ',
      note: 'asked by phone',
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({
      email: 'someone@example.test',
      reason: 'manual',
      note: 'asked by phone',
    });
    expect(
      (await api('POST', '/api/v1/nurture/suppressions', { email: 'someone@example.test' })).status,
    ).toBe(200);
    expect(
      (await api('POST', '/api/v1/nurture/suppressions', { email: 'not an address' })).body,
    ).toMatchObject({
      field: '/email',
    });
    expect((await api('GET', '/api/v1/nurture/suppressions', undefined, 'rep')).status).toBe(403);
    expect((await api('GET', '/api/v1/nurture/suppressions?search=someone')).body.items).toHaveLength(1);
    expect((await api('DELETE', '/api/v1/nurture/suppressions/someone@example.test')).status).toBe(204);
    expect((await api('DELETE', '/api/v1/nurture/suppressions/someone@example.test')).status).toBe(404);
  });

  it('documents the nurture routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/v1/nurture/programs',
      '/api/v1/nurture/programs/{id}/enrollments',
      '/api/v1/nurture/templates/{id}/preview',
      '/api/v1/nurture/suppressions',
      '/api/v1/nurture/replies',
      '/t/c/{token}',
      '/u/{token}',
    ])
      expect(paths, path).toContain(path);
  });
});
