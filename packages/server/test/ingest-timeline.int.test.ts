import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-setup.js';

describe('timelines', () => {
  let t: IngestTestApp;
  let secret: string;
  let contactId: string;
  let accountId: string;
  const password = 'correct horse battery staple';

  beforeAll(async () => {
    t = await createIngestTestApp();
    secret = (await createApiKey(t.handle.db, { workspaceId: t.workspaceId, kind: 'secret' })).key;
    await createUser(t.handle.db, {
      workspaceId: t.workspaceId,
      email: 'rep@test.dev',
      name: 'Rep',
      role: 'sales_rep',
      password,
    });
    const at = (minutes: number) => new Date(Date.UTC(2025, 0, 1, 9, minutes)).toISOString();
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(t.writeKey) },
      payload: {
        batch: [
          { type: 'page', name: 'Home', anonymousId: 'v1', messageId: 'e1', timestamp: at(1) },
          { type: 'page', name: 'Pricing', anonymousId: 'v1', messageId: 'e2', timestamp: at(2) },
          { type: 'track', event: 'Demo Requested', anonymousId: 'v1', messageId: 'e3', timestamp: at(3) },
          {
            type: 'identify',
            anonymousId: 'v1',
            userId: 'ada',
            messageId: 'e4',
            timestamp: at(4),
            traits: { email: 'ada@acme.io' },
          },
          { type: 'page', name: 'Docs', anonymousId: 'v2', messageId: 'e5', timestamp: at(5) },
          {
            type: 'identify',
            anonymousId: 'v2',
            messageId: 'e6',
            timestamp: at(6),
            traits: { email: 'bob@acme.io' },
          },
          { type: 'page', name: 'Elsewhere', anonymousId: 'v3', messageId: 'e7', timestamp: at(7) },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const contact = await t.handle.db
      .selectFrom('contact')
      .select(['id', 'account_id'])
      .where('workspace_id', '=', t.workspaceId)
      .where('email', '=', 'ada@acme.io')
      .executeTakeFirstOrThrow();
    contactId = contact.id;
    accountId = contact.account_id!;
  });
  afterAll(async () => t?.close());

  const get = (url: string, authorization = `Bearer ${secret}`) =>
    t.app.inject({ method: 'GET', url, headers: { authorization } });

  it("lists a contact's events newest first, including anonymous visits stitched later", async () => {
    const res = await get(`/api/v1/contacts/${contactId}/events`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.items.map((e: { messageId: string }) => e.messageId)).toEqual(['e4', 'e3', 'e2', 'e1']);
    expect(body.items[3]).toMatchObject({
      type: 'page',
      name: 'Home',
      anonymousId: 'v1',
      contactId,
      accountId,
    });
    expect(body.nextCursor).toBeNull();
  });

  it('pages with a cursor', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await get(`/api/v1/contacts/${contactId}/events?limit=3${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const body: { items: Array<{ messageId: string }>; nextCursor: string | null } = res.json();
      seen.push(...body.items.map((e) => e.messageId));
      cursor = body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['e4', 'e3', 'e2', 'e1']);
    const bad = await get(`/api/v1/contacts/${contactId}/events?cursor=garbage`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'cursor' });
  });

  it("lists a company's events across its people", async () => {
    const res = await get(`/api/v1/accounts/${accountId}/events`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((e: { messageId: string }) => e.messageId)).toEqual([
      'e6',
      'e5',
      'e4',
      'e3',
      'e2',
      'e1',
    ]);
  });

  it('answers 404 for unknown records, records of another workspace and records out of reach', async () => {
    const unknown = '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b';
    expect((await get(`/api/v1/contacts/${unknown}/events`)).statusCode).toBe(404);
    expect((await get(`/api/v1/accounts/${unknown}/events`)).statusCode).toBe(404);

    const other = await createWorkspace(t.handle.db, { name: 'Other company' });
    const otherSecret = (await createApiKey(t.handle.db, { workspaceId: other.id, kind: 'secret' })).key;
    const foreign = await get(`/api/v1/contacts/${contactId}/events`, `Bearer ${otherSecret}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toMatchObject({ code: 'not_found' });

    // A sales rep sees only contacts they own or that have their leads: not this one.
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'rep@test.dev', password },
    });
    expect(login.statusCode, login.body).toBe(200);
    const cookie = `tandem_session=${login.cookies[0]!.value}`;
    const asRep = await t.app.inject({
      method: 'GET',
      url: `/api/v1/contacts/${contactId}/events`,
      headers: { cookie },
    });
    expect(asRep.statusCode).toBe(404);
    const accountAsRep = await t.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/${accountId}/events`,
      headers: { cookie },
    });
    expect(accountAsRep.statusCode).toBe(404);
  });

  it('refuses write keys and anonymous callers', async () => {
    expect((await get(`/api/v1/contacts/${contactId}/events`, basicAuth(t.writeKey))).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/contacts/${contactId}/events` })).statusCode,
    ).toBe(401);
  });
});
