import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorkspace, systemActor } from '../src/app/workspaces.js';
import { createTestApp, type TestApp } from './app.js';

const password = 'correct horse battery staple';

describe('webhooks API', () => {
  let t: TestApp;
  const auth: Record<'admin' | 'rep', Record<string, string>> = { admin: {}, rep: {} };

  beforeAll(async () => {
    t = await createTestApp();
    const workspaceId = (await createWorkspace(t.handle.db, { name: 'Hooks' })).id;
    for (const role of ['admin', 'rep'] as const) {
      const email = `${role}@hooks.test`;
      await createUser(
        t.handle.db,
        {
          workspaceId,
          email,
          name: role,
          role: role === 'admin' ? 'admin' : 'sales_rep',
          team: null,
          partnerId: null,
          password,
        },
        systemActor,
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      auth[role] = {
        cookie: `tandem_session=${res.cookies[0]!.value}`,
        'x-csrf-token': res.json().csrfToken,
      };
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  const call = (
    who: 'admin' | 'rep',
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    payload?: object,
  ) => t.app.inject({ method, url, headers: auth[who], ...(payload ? { payload } : {}) });

  it('refuses loopback, private, link-local and localhost URLs with the field at fault', async () => {
    for (const url of [
      'http://127.0.0.1/hook',
      'http://10.0.0.1/hook',
      'http://[::1]/hook',
      'http://localhost/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::ffff:127.0.0.1]/hook',
      'ftp://hooks.example.com/',
    ]) {
      const res = await call('admin', 'POST', '/api/v1/webhooks', { url, events: ['*'] });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code: 'validation_failed', field: '/url' });
    }
    const res = await call('admin', 'POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/x',
      events: ['lead.mq'],
    });
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: '/events' });
  });

  it('is admin-only', async () => {
    expect((await call('rep', 'GET', '/api/v1/webhooks')).statusCode).toBe(403);
    const res = await call('rep', 'POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/x',
      events: ['*'],
    });
    expect(res.statusCode).toBe(403);
  });

  it('creates with a secret shown once, lists, tests, changes and deletes', async () => {
    const created = await call('admin', 'POST', '/api/v1/webhooks', {
      url: 'https://hooks.example.com/tandem',
      events: ['lead.mql', 'request.*'],
      description: 'CRM sync',
    });
    expect(created.statusCode, created.body).toBe(201);
    const endpoint = created.json();
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);

    let list = await call('admin', 'GET', '/api/v1/webhooks');
    expect(list.json().items).toHaveLength(1);
    expect(list.json().items[0]).toMatchObject({
      id: endpoint.id,
      events: ['lead.mql', 'request.*'],
      lastDelivery: null,
    });
    expect(list.body).not.toContain(endpoint.secret);

    const test = await call('admin', 'POST', `/api/v1/webhooks/${endpoint.id}/test`);
    expect(test.statusCode, test.body).toBe(202);
    expect(test.json()).toMatchObject({ eventType: 'webhook.test', status: 'pending' });
    list = await call('admin', 'GET', '/api/v1/webhooks');
    expect(list.json().items[0].lastDelivery).toMatchObject({ id: test.json().id });

    const replayPending = await call(
      'admin',
      'POST',
      `/api/v1/webhooks/${endpoint.id}/deliveries/${test.json().id}/replay`,
    );
    expect(replayPending.statusCode).toBe(409);
    const deliveries = await call('admin', 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries`);
    expect(deliveries.json().items).toHaveLength(1);
    const dead = await call('admin', 'GET', `/api/v1/webhooks/${endpoint.id}/deliveries?status=dead`);
    expect(dead.json().items).toEqual([]);

    const changed = await call('admin', 'PATCH', `/api/v1/webhooks/${endpoint.id}`, { active: false });
    expect(changed.json()).toMatchObject({ active: false });
    const refused = await call('admin', 'PATCH', `/api/v1/webhooks/${endpoint.id}`, {
      url: 'http://192.168.0.10/',
    });
    expect(refused.json()).toMatchObject({ field: '/url' });

    expect((await call('admin', 'DELETE', `/api/v1/webhooks/${endpoint.id}`)).statusCode).toBe(204);
    expect((await call('admin', 'DELETE', `/api/v1/webhooks/${endpoint.id}`)).statusCode).toBe(404);
    const audit = await t.handle.db.selectFrom('audit_log').select(['action', 'details']).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['webhook.created', 'webhook.updated', 'webhook.deleted']),
    );
    expect(JSON.stringify(audit)).not.toContain(endpoint.secret);
  });
});
