import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../src/id.js';
import { basicAuth, createIngestTestApp, type IngestTestApp } from './ingest-setup.js';

describe('identity stitching', () => {
  let t: IngestTestApp;
  let n = 0;
  beforeAll(async () => {
    t = await createIngestTestApp();
    await t.handle.db
      .insertInto('campaign')
      .values({
        workspace_id: t.workspaceId,
        id: newId(),
        name: 'Spring launch',
        channel: 'paid_search',
        utm_campaign: 'Spring-Launch',
      })
      .execute();
  });
  afterAll(async () => t?.close());

  async function send(batch: Array<Record<string, unknown>>): Promise<void> {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(t.writeKey) },
      payload: {
        batch: batch.map((e) => ({
          messageId: `id-${++n}`,
          timestamp: new Date(Date.now() - 60_000 + n).toISOString(),
          ...e,
        })),
        sentAt: new Date().toISOString(),
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ success: true });
  }

  const eventsOf = (anonymousId: string) =>
    t.handle.db
      .selectFrom('event')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('anonymous_id', '=', anonymousId)
      .orderBy('occurred_at')
      .execute();

  const contactByEmail = (email: string) =>
    t.handle.db
      .selectFrom('contact')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('email', '=', email)
      .executeTakeFirstOrThrow();

  it('keeps anonymous page views, maps their campaign, and attaches them when the visitor identifies', async () => {
    const page = (path: string) => ({
      type: 'page',
      name: path,
      anonymousId: 'anon-1',
      context: {
        page: {
          url: `https://acme.io${path}?utm_campaign=spring-launch&utm_source=google`,
          referrer: 'https://google.com/',
        },
      },
    });
    await send([page('/'), page('/pricing')]);
    const before = await eventsOf('anon-1');
    expect(before).toHaveLength(2);
    for (const event of before) {
      expect(event.contact_id).toBeNull();
      expect(event).toMatchObject({
        utm_campaign: 'spring-launch',
        utm_source: 'google',
        referrer: 'https://google.com/',
      });
      expect(event.campaign_id).not.toBeNull();
    }

    await send([
      {
        type: 'identify',
        anonymousId: 'anon-1',
        userId: 'u-ada',
        traits: { email: 'Ada@Acme.io', name: 'Ada Lovelace', company: 'Acme Inc', role: 'buyer' },
      },
    ]);
    const contact = await contactByEmail('ada@acme.io');
    expect(contact).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      traits: { company: 'Acme Inc', role: 'buyer' },
    });
    const account = await t.handle.db
      .selectFrom('account')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('domain', '=', 'acme.io')
      .executeTakeFirstOrThrow();
    expect(account.name).toBe('Acme Inc');
    expect(contact.account_id).toBe(account.id);
    for (const event of await eventsOf('anon-1')) {
      expect(event.contact_id).toBe(contact.id);
      expect(event.account_id).toBe(account.id);
    }

    // Later events from the same device are attached as they arrive.
    await send([{ type: 'track', event: 'Clicked Demo', anonymousId: 'anon-1' }]);
    expect((await eventsOf('anon-1')).every((e) => e.contact_id === contact.id)).toBe(true);
  });

  it('identifies a visitor by a form email on a track call, within the same batch as their views', async () => {
    await send([
      { type: 'page', name: 'Webinar', anonymousId: 'anon-2' },
      {
        type: 'track',
        event: 'Form Submitted',
        anonymousId: 'anon-2',
        properties: { email: 'grace@navy.mil' },
      },
      { type: 'page', name: 'Thanks', anonymousId: 'anon-2' },
    ]);
    const contact = await contactByEmail('grace@navy.mil');
    const events = await eventsOf('anon-2');
    expect(events).toHaveLength(3);
    for (const event of events) expect(event.contact_id).toBe(contact.id);
  });

  it('creates no company for a free-mail address', async () => {
    await send([{ type: 'identify', anonymousId: 'anon-3', traits: { email: 'bob@gmail.com' } }]);
    expect((await contactByEmail('bob@gmail.com')).account_id).toBeNull();
  });

  it('stitches on alias: the previous id and the user are one person', async () => {
    await send([{ type: 'page', name: 'Docs', anonymousId: 'anon-4' }]);
    await send([{ type: 'alias', userId: 'u-4', previousId: 'anon-4' }]);
    await send([{ type: 'track', event: 'Logged In', userId: 'u-4' }]);
    const identity = await t.handle.db
      .selectFrom('identity')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('value', '=', 'u-4')
      .executeTakeFirstOrThrow();
    const events = await t.handle.db
      .selectFrom('event')
      .select(['type', 'contact_id'])
      .where('workspace_id', '=', t.workspaceId)
      .where((eb) => eb.or([eb('anonymous_id', '=', 'anon-4'), eb('user_id', '=', 'u-4')]))
      .execute();
    expect(events).toHaveLength(3);
    for (const event of events) expect(event.contact_id).toBe(identity.contact_id);
  });

  it('applies group traits to the account and ties an anonymous visitor to it', async () => {
    await send([{ type: 'page', name: 'Home', anonymousId: 'anon-5' }]);
    await send([
      {
        type: 'group',
        anonymousId: 'anon-5',
        groupId: 'initech.com',
        traits: { name: 'Initech', industry: 'Software', employees: '250', country: 'US', plan: 'gold' },
      },
    ]);
    const account = await t.handle.db
      .selectFrom('account')
      .selectAll()
      .where('workspace_id', '=', t.workspaceId)
      .where('external_id', '=', 'initech.com')
      .executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      domain: 'initech.com',
      name: 'Initech',
      industry: 'Software',
      employees: 250,
      country: 'US',
      traits: { plan: 'gold' },
    });
    for (const event of await eventsOf('anon-5')) expect(event.account_id).toBe(account.id);

    // The same company identified later by an employee's email is the same account.
    await send([{ type: 'identify', anonymousId: 'anon-5', traits: { email: 'peter@initech.com' } }]);
    expect((await contactByEmail('peter@initech.com')).account_id).toBe(account.id);
  });

  it('attributes every view of visitors identified while their views arrive in concurrent requests', async () => {
    // On PostgreSQL several flushes are in flight at once; the views and the identify of one
    // visitor land in different flushes in either order, and none may stay anonymous.
    const visitors = Array.from({ length: 12 }, (_, i) => `race-anon-${i}`);
    const sends: Promise<void>[] = [];
    for (const [i, anonymousId] of visitors.entries()) {
      // Staggered, so that requests keep arriving while earlier flushes are being written.
      const batches = [
        [1, 2, 3].map((k) => ({ type: 'page', name: `Race ${k}`, anonymousId })),
        [
          {
            type: 'identify',
            anonymousId,
            userId: `race-user-${i}`,
            traits: { email: `race${i}@racing.io` },
          },
        ],
        [{ type: 'track', event: 'Race Viewed', anonymousId }],
      ];
      for (const batch of i % 2 ? batches.reverse() : batches) {
        sends.push(send(batch));
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
    }
    await Promise.all(sends);
    for (const [i, anonymousId] of visitors.entries()) {
      const contact = await contactByEmail(`race${i}@racing.io`);
      const events = await eventsOf(anonymousId);
      expect(events).toHaveLength(5);
      expect(events.map((e) => e.contact_id)).toEqual(events.map(() => contact.id));
    }
  });

  it('does not replay a resent identify over newer traits', async () => {
    const first = {
      type: 'identify',
      userId: 'u-6',
      messageId: 'identify-6a',
      traits: { email: 'lin@corp.io', title: 'Analyst' },
    };
    await send([first]);
    await send([
      { type: 'identify', userId: 'u-6', messageId: 'identify-6b', traits: { title: 'Director' } },
    ]);
    await send([first]);
    expect((await contactByEmail('lin@corp.io')).title).toBe('Director');
  });
});

describe('free-mail list from configuration', () => {
  let t: IngestTestApp;
  beforeAll(async () => {
    t = await createIngestTestApp({ env: { TANDEM_FREEMAIL_DOMAINS: 'acme.io, example.org' } });
  });
  afterAll(async () => t?.close());

  it('replaces the built-in list', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/batch',
      headers: { authorization: basicAuth(t.writeKey) },
      payload: {
        batch: [
          { type: 'identify', userId: 'a', traits: { email: 'ada@acme.io' } },
          { type: 'identify', userId: 'b', traits: { email: 'bob@gmail.com' } },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    const accounts = await t.handle.db
      .selectFrom('account')
      .select('domain')
      .where('workspace_id', '=', t.workspaceId)
      .execute();
    expect(accounts.map((a) => a.domain)).toEqual(['gmail.com']);
  });
});
