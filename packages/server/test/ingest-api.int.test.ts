import { Analytics } from '@segment/analytics-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basicAuth, countRows, createIngestTestApp, type IngestTestApp, trackEvent } from './ingest-setup.js';

describe('ingestion API with the real Segment Node client', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await createIngestTestApp();
    await t.listen();
  });
  afterAll(async () => t?.close());

  it('stores identify, track, page, screen, group and alias, and stores nothing new when resent', async () => {
    const analytics = new Analytics({
      writeKey: t.writeKey,
      host: t.url,
      path: '/v1/batch',
      flushAt: 15,
      maxRetries: 3,
    });
    const sent: Array<{ body: string; headers: Record<string, string> }> = [];
    const statuses: number[] = [];
    analytics.on('http_request', (request) =>
      sent.push({ body: String(request.body), headers: request.headers }),
    );
    analytics.on('http_response', (response) => statuses.push(response.status));

    analytics.identify({
      userId: 'u-ada',
      anonymousId: 'anon-ada',
      traits: {
        email: 'ada@analytical.io',
        firstName: 'Ada',
        lastName: 'Lovelace',
        title: 'CTO',
        plan: 'pro',
      },
    });
    analytics.track({ userId: 'u-ada', event: 'Report Run', properties: { rows: 12 } });
    analytics.page({
      userId: 'u-ada',
      category: 'Docs',
      name: 'Pricing',
      properties: { url: 'https://a.io/pricing' },
    });
    analytics.screen({ userId: 'u-ada', name: 'Dashboard', properties: { tab: 'funnel' } });
    analytics.group({
      userId: 'u-ada',
      groupId: 'org-42',
      traits: { name: 'Analytical', industry: 'Software', employees: 80 },
    });
    analytics.alias({ userId: 'u-ada', previousId: 'old-ada' });
    await analytics.closeAndFlush({ timeout: 10_000 });

    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const events = await t.handle.db
      .selectFrom('event')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .orderBy('occurred_at')
      .execute();
    expect(events.map((e) => e.type).sort()).toEqual([
      'alias',
      'group',
      'identify',
      'page',
      'screen',
      'track',
    ]);
    const byType = Object.fromEntries(events.map((e) => [e.type, e]));
    expect(byType.identify).toMatchObject({ user_id: 'u-ada', anonymous_id: 'anon-ada' });
    expect(byType.identify?.traits).toMatchObject({ email: 'ada@analytical.io', plan: 'pro' });
    expect(byType.track).toMatchObject({ name: 'Report Run', properties: { rows: 12 } });
    expect(byType.page).toMatchObject({ name: 'Pricing', page_url: 'https://a.io/pricing' });
    expect(byType.screen).toMatchObject({ name: 'Dashboard', properties: { tab: 'funnel' } });
    expect(byType.group).toMatchObject({ group_id: 'org-42', traits: { name: 'Analytical' } });
    expect(byType.alias).toMatchObject({ previous_id: 'old-ada', user_id: 'u-ada' });
    expect(byType.track?.context).toMatchObject({ library: { name: '@segment/analytics-node' } });
    for (const event of events) expect(event.message_id).toMatch(/^node-next-/);

    // The person, their company and every event of theirs are tied together.
    const contact = await t.handle.db
      .selectFrom('contact')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .executeTakeFirstOrThrow();
    expect(contact).toMatchObject({
      email: 'ada@analytical.io',
      first_name: 'Ada',
      last_name: 'Lovelace',
      title: 'CTO',
    });
    expect(contact.traits).toMatchObject({ plan: 'pro' });
    const account = await t.handle.db
      .selectFrom('account')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('id', '=', contact.account_id!)
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({ domain: 'analytical.io' });
    const group = await t.handle.db
      .selectFrom('account')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('external_id', '=', 'org-42')
      .executeTakeFirstOrThrow();
    expect(group).toMatchObject({ name: 'Analytical', industry: 'Software', employees: 80 });
    const stored = await t.handle.db
      .selectFrom('event')
      .select(['type', 'contact_id'])
      .where('workspace_id', '=', t.workspaceId)
      .execute();
    for (const row of stored) expect(row.contact_id, row.type).toBe(contact.id);

    // Resending every request as the client sent it is a success that stores nothing new.
    const before = await countRows(t.handle.db, 'event', t.workspaceId);
    for (const request of sent) {
      const res = await fetch(`${t.url}/v1/batch`, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ success: true });
    }
    expect(await countRows(t.handle.db, 'event', t.workspaceId)).toBe(before);
  });

  it('stores 14 good events of a batch and rejects the bad one alone, with its code and field', async () => {
    const before = await countRows(t.handle.db, 'event', t.workspaceId);
    const batch = Array.from({ length: 15 }, () => trackEvent());
    batch[6] = { ...batch[6], event: undefined };
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(t.writeKey), 'content-type': 'application/json' },
      payload: { batch },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      success: true,
      rejected: [
        {
          index: 6,
          messageId: batch[6]!.messageId,
          code: 'validation_failed',
          field: '/batch/6/event',
          detail: 'is required',
        },
      ],
    });
    expect(await countRows(t.handle.db, 'event', t.workspaceId)).toBe(before + 14);
    const rejection = await t.handle.db
      .selectFrom('event_rejection')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('message_id', '=', String(batch[6]!.messageId))
      .executeTakeFirstOrThrow();
    expect(rejection).toMatchObject({
      code: 'validation_failed',
      field: '/batch/6/event',
      detail: 'is required',
    });
    expect(rejection.payload).toMatchObject({ type: 'track', messageId: batch[6]!.messageId });
  });

  it('accepts the write key as Basic, Bearer or in the body, and refuses a missing or wrong one with 401', async () => {
    const post = (headers: Record<string, string>, payload: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/track',
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });
    expect((await post({ authorization: basicAuth(t.writeKey) }, trackEvent())).statusCode).toBe(200);
    expect((await post({ authorization: `Bearer ${t.writeKey}` }, trackEvent())).statusCode).toBe(200);
    expect((await post({}, { ...trackEvent(), writeKey: t.writeKey })).statusCode).toBe(200);

    const missing = await post({}, trackEvent());
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ code: 'unauthenticated', field: 'authorization' });
    const wrong = await post({ authorization: basicAuth('tdw_not-a-real-key') }, trackEvent());
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'unauthenticated', field: 'authorization' });
    const wrongInBody = await post({}, { ...trackEvent(), writeKey: 'tdw_nope' });
    expect(wrongInBody.statusCode).toBe(401);
    expect(wrongInBody.json()).toMatchObject({ code: 'unauthenticated', field: '/writeKey' });
  });

  it('serves browsers: text/plain bodies on the short paths, CORS preflight and headers', async () => {
    const preflight = await fetch(`${t.url}/v1/t`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.example.com',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');

    const before = await countRows(t.handle.db, 'event', t.workspaceId);
    for (const [path, body] of [
      ['/v1/t', { event: 'Clicked', anonymousId: 'anon-b' }],
      ['/v1/p', { name: 'Home', anonymousId: 'anon-b' }],
      ['/v1/i', { anonymousId: 'anon-b', traits: { plan: 'free' } }],
      ['/v1/b', { batch: [{ type: 'track', event: 'Batched', anonymousId: 'anon-b' }] }],
    ] as const) {
      const res = await fetch(`${t.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'https://www.example.com' },
        body: JSON.stringify({ ...body, writeKey: t.writeKey, sentAt: new Date().toISOString() }),
      });
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe('https://www.example.com');
      expect(res.headers.get('access-control-expose-headers')).toBe('Retry-After');
    }
    expect(await countRows(t.handle.db, 'event', t.workspaceId)).toBe(before + 4);
  });

  it('deduplicates by messageId per workspace and derives one for events without it', async () => {
    const event = trackEvent({ messageId: undefined, userId: 'no-id-user' });
    const before = await countRows(t.handle.db, 'event', t.workspaceId);
    for (let i = 0; i < 3; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/v1/batch',
        headers: { authorization: basicAuth(t.writeKey) },
        payload: { batch: [event, event], sentAt: new Date().toISOString() },
      });
      expect(res.statusCode).toBe(200);
    }
    expect(await countRows(t.handle.db, 'event', t.workspaceId)).toBe(before + 1);
  });
});
