import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInternalEvents } from '../src/app/internal-events.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';
import { insertActiveContract } from './contracts.js';

const contentContract = {
  ...exampleContract,
  interest: {
    ...exampleContract.interest,
    rules: [
      ...exampleContract.interest.rules,
      {
        id: 'content-viewed',
        label: 'Shared content viewed',
        type: 'track',
        event: 'Content Viewed',
        points: 12,
      },
    ],
  },
};

describe('share links: viewer page, events, Interest, notification, expiry and revocation', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let workspaceId: string;
  let nowMs = Date.parse('2031-06-01T14:00:00Z');
  let contactId: string;
  let accountId: string;
  let whitepaper: string;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'tandem-shares-'));

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(nowMs), env: { TANDEM_DATA_DIR: dataDir } });
    ({ as, workspaceId } = await workspaceWithUsers(t, [
      ['rep1', 'sales_rep', 'East'],
      ['rep2', 'sales_rep', 'West'],
      ['mkt', 'marketing', 'Demand'],
    ]));
    const db = t.handle.db;
    await insertActiveContract(db, workspaceId, nowMs, contentContract);
    // The prospect: known from an earlier visit, owned by rep1.
    await recordInternalEvents(
      db,
      { freemailDomains: new Set(), clock: () => new Date(nowMs) },
      workspaceId,
      [
        {
          messageId: 'signup-ada',
          event: 'Signed Up',
          email: 'ada@prospect.test',
          occurredAt: new Date(nowMs - 3_600_000),
        },
      ],
    );
    const contact = await db
      .selectFrom('contact')
      .select(['id', 'account_id'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', 'ada@prospect.test')
      .executeTakeFirstOrThrow();
    contactId = contact.id;
    accountId = contact.account_id!;
    await db.updateTable('contact').set({ owner_id: as.rep1!.userId }).where('id', '=', contactId).execute();
    await db
      .updateTable('lead')
      .set({ owner_id: as.rep1!.userId })
      .where('contact_id', '=', contactId)
      .execute();

    const asset = await json(
      as.mkt!('POST', '/api/v1/assets', {
        title: 'Buyer’s guide <script>alert(1)</script>',
        description: 'Everything "in" one place',
        stage: 'consideration',
        url: 'https://content.example.com/guide',
      }),
      201,
    );
    await json(as.mkt!('POST', `/api/v1/assets/${asset.id}/approve`));
    whitepaper = asset.id;
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const open = (url: string, method: 'GET' | 'POST' = 'GET', payload?: unknown) =>
    t.app.inject({ method, url, ...(payload !== undefined ? { payload: payload as string } : {}) });
  const interest = async () =>
    (
      await t.handle.db
        .selectFrom('lead')
        .select('interest_sum')
        .where('contact_id', '=', contactId)
        .executeTakeFirstOrThrow()
    ).interest_sum;

  it('only shares with contacts and accounts the rep can see, and never a draft of someone else', async () => {
    const other = await expectStatus(
      as.rep2!('POST', `/api/v1/assets/${whitepaper}/shares`, { contactId }),
      400,
    );
    expect(other.json().field).toBe('/contactId');
    await expectStatus(as.mkt!('POST', `/api/v1/assets/${whitepaper}/shares`, { contactId }), 403);
    const draft = await json(as.mkt!('POST', '/api/v1/assets', { title: 'Draft', stage: 'awareness' }), 201);
    await expectStatus(as.rep1!('POST', `/api/v1/assets/${draft.id}/shares`, { contactId }), 404);
  });

  it('shows the asset to the prospect, records Content Viewed on the contact, raises Interest and notifies the rep', async () => {
    const before = await interest();
    const share = await json(as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, { contactId }), 201);
    expect(share).toMatchObject({ contactId, accountId, repId: as.rep1!.userId, emailGate: false });
    expect(share.url).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/);
    const stored = await t.handle.db
      .selectFrom('share_link')
      .select('token_hash')
      .where('id', '=', share.id)
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(share.token);

    const page = await open(`/s/${share.token}`);
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toContain("script-src 'nonce-");
    expect(page.body).toContain('Buyer’s guide &#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.body).not.toContain('<script>alert(1)');
    expect(page.body).toContain('Everything &#34;in&#34; one place');
    expect(page.body).toContain('Shared by rep1');
    const viewId = /v=([0-9a-f-]{36})/.exec(page.body)![1]!;

    const events = await t.handle.db
      .selectFrom('event')
      .select(['name', 'contact_id', 'properties'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'Content Viewed')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      contact_id: contactId,
      properties: { assetId: whitepaper, stage: 'consideration', shareId: share.id, seconds: 0 },
    });
    expect(await interest()).toBeGreaterThan(before);

    const notes = await t.handle.db
      .selectFrom('notification')
      .innerJoin('notification_recipient', 'notification_recipient.notification_id', 'notification.id')
      .select(['notification.type', 'notification.title', 'notification_recipient.user_id'])
      .where('notification.workspace_id', '=', workspaceId)
      .where('notification.type', '=', 'content.viewed')
      .execute();
    expect(notes).toEqual([
      {
        type: 'content.viewed',
        title: expect.stringContaining('ada@prospect.test is viewing'),
        user_id: as.rep1!.userId,
      },
    ]);

    // Time spent: pings while visible, capped per ping; they notify nobody again.
    nowMs += 15_000;
    expect((await open(`/s/${share.token}/ping`, 'POST', { viewId })).statusCode).toBe(204);
    nowMs += 600_000;
    expect((await open(`/s/${share.token}/ping`, 'POST', { viewId })).statusCode).toBe(204);
    expect(
      (await open(`/s/${share.token}/ping`, 'POST', { viewId: '0190a1b2-c3d4-7e5f-8a6b-7c8d9e0f1a2b' }))
        .statusCode,
    ).toBe(404);
    const view = await t.handle.db
      .selectFrom('share_view')
      .selectAll()
      .where('id', '=', viewId)
      .executeTakeFirstOrThrow();
    expect(view.seconds).toBe(35);
    const count = await t.handle.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('type', '=', 'content.viewed')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);

    const mine = await json(as.rep1!('GET', '/api/v1/shares'));
    expect(mine.items).toMatchObject([{ id: share.id, views: 1, seconds: 35, downloads: 0 }]);
    expect((await json(as.rep2!('GET', '/api/v1/shares'))).items).toEqual([]);
  });

  it('redirects /open only to the URL stored on the asset', async () => {
    const share = await json(as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, { accountId }), 201);
    const page = await open(`/s/${share.token}`);
    const viewId = /v=([0-9a-f-]{36})/.exec(page.body)![1]!;
    for (const extra of ['', '&url=https://evil.test', '&next=//evil.test', '&v=https://evil.test']) {
      const res = await open(`/s/${share.token}/open?v=${viewId}${extra}`);
      if (extra.startsWith('&v=')) {
        expect(res.statusCode).not.toBe(302);
        continue;
      }
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('https://content.example.com/guide');
    }
    // Without the page's view session there is no redirect at all.
    expect((await open(`/s/${share.token}/open`)).statusCode).toBe(404);
    expect((await open('/s/not-a-real-token-at-all/open')).statusCode).toBe(404);
  });

  it('asks for an email on a gated link and records the view under that email', async () => {
    const share = await json(
      as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, { accountId, emailGate: true }),
      201,
    );
    const gate = await open(`/s/${share.token}`);
    expect(gate.statusCode).toBe(200);
    expect(gate.body).toContain(`action="/s/${share.token}/gate"`);
    expect(gate.body).not.toMatch(/v=[0-9a-f-]{36}/);
    const bad = await t.app.inject({
      method: 'POST',
      url: `/s/${share.token}/gate`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=nope',
    });
    expect(bad.statusCode).toBe(400);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/s/${share.token}/gate`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'email=Grace%40Prospect.test',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toMatch(/v=[0-9a-f-]{36}/);
    const event = await t.handle.db
      .selectFrom('event')
      .innerJoin('contact', 'contact.id', 'event.contact_id')
      .select(['contact.email', 'contact.account_id'])
      .where('event.name', '=', 'Content Viewed')
      .where('contact.email', '=', 'grace@prospect.test')
      .executeTakeFirstOrThrow();
    expect(event.account_id).toBe(accountId);
  });

  it('serves a shared file only through the page, and records downloads as Content Downloaded', async () => {
    const asset = await json(
      as.mkt!('POST', '/api/v1/assets', { title: 'Pricing sheet', stage: 'decision' }),
      201,
    );
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    await json(
      as.mkt!('PUT', `/api/v1/assets/${asset.id}/file?filename=pricing.pdf`, pdf, {
        'content-type': 'application/pdf',
      }),
      201,
    );
    await json(as.mkt!('POST', `/api/v1/assets/${asset.id}/approve`));
    const share = await json(as.rep1!('POST', `/api/v1/assets/${asset.id}/shares`, { contactId }), 201);
    expect((await open(`/s/${share.token}/file`)).statusCode).toBe(404);
    const page = await open(`/s/${share.token}`);
    expect(page.body).toContain('<iframe');
    const viewId = /v=([0-9a-f-]{36})/.exec(page.body)![1]!;
    const inline = await open(`/s/${share.token}/file?v=${viewId}`);
    expect(inline.statusCode).toBe(200);
    expect(inline.headers['content-type']).toBe('application/pdf');
    expect(inline.headers['x-content-type-options']).toBe('nosniff');
    expect(inline.headers['content-disposition']).toMatch(/^inline; filename="pricing.pdf"/);
    const saved = await open(`/s/${share.token}/file?v=${viewId}&download=1`);
    expect(saved.headers['content-disposition']).toMatch(/^attachment/);
    expect(saved.rawPayload.equals(pdf)).toBe(true);
    const downloads = await t.handle.db
      .selectFrom('event')
      .select(['contact_id', 'properties'])
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', 'Content Downloaded')
      .execute();
    expect(downloads).toMatchObject([
      { contact_id: contactId, properties: { assetId: asset.id, shareId: share.id } },
    ]);
    const view = await t.handle.db
      .selectFrom('share_view')
      .select('downloads')
      .where('id', '=', viewId)
      .executeTakeFirstOrThrow();
    expect(view.downloads).toBe(1);
  });

  it('answers 410 once a link has expired or been revoked, and 404 to an unknown token', async () => {
    const expiring = await json(
      as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, {
        contactId,
        expiresAt: new Date(nowMs + 3_600_000).toISOString(),
      }),
      201,
    );
    const revoked = await json(as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, { contactId }), 201);
    expect((await open(`/s/${expiring.token}`)).statusCode).toBe(200);
    await expectStatus(as.rep2!('POST', `/api/v1/shares/${revoked.id}/revoke`), 404);
    const done = await json(as.rep1!('POST', `/api/v1/shares/${revoked.id}/revoke`));
    expect(done.revokedAt).not.toBeNull();
    const gone = await open(`/s/${revoked.token}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('no longer available');
    expect((await open(`/s/${revoked.token}/open`)).statusCode).toBe(410);
    expect((await open(`/s/${revoked.token}/ping`, 'POST', { viewId: 'x' })).statusCode).toBe(410);
    nowMs += 2 * 3_600_000;
    expect((await open(`/s/${expiring.token}`)).statusCode).toBe(410);
    expect((await open('/s/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    await expectStatus(
      as.rep1!('POST', `/api/v1/assets/${whitepaper}/shares`, {
        contactId,
        expiresAt: '2020-01-01T00:00:00Z',
      }),
      400,
    );
  });

  it('reports performance by asset and stage, influence on deals, and what is used but not made and vice versa', async () => {
    const db = t.handle.db;
    const opened = new Date(nowMs + 60_000);
    const won = new Date(nowMs + 120_000);
    await db
      .insertInto('opportunity')
      .values({
        workspace_id: workspaceId,
        id: '0190a1b2-c3d4-7e5f-8a6b-000000000001',
        name: 'Prospect platform',
        account_id: accountId,
        owner_id: as.rep1!.userId,
        amount_cents: 4_800_000,
        status: 'won',
        created_at: opened,
        updated_at: won,
        closed_at: won,
      })
      .execute();
    const unused = await json(
      as.mkt!('POST', '/api/v1/assets', {
        title: 'Case study',
        stage: 'awareness',
        url: 'https://x.example.com/cs',
      }),
      201,
    );
    await json(as.mkt!('POST', `/api/v1/assets/${unused.id}/approve`));
    const suggestion = await json(
      as.rep1!('POST', '/api/v1/assets', {
        title: 'My own deck',
        stage: 'decision',
        url: 'https://deck.example.com',
      }),
      201,
    );
    await json(as.rep1!('POST', `/api/v1/assets/${suggestion.id}/shares`, { contactId }), 201);
    nowMs += 300_000;

    await expectStatus(as.rep1!('GET', '/api/v1/reports/content'), 403);
    const report = await json(as.mkt!('GET', '/api/v1/reports/content'));
    const guide = report.assets.find((a: { assetId: string }) => a.assetId === whitepaper);
    expect(guide).toMatchObject({
      stage: 'consideration',
      uniqueAccounts: 1,
      seconds: 35,
      opportunitiesInfluenced: 1,
      wonDealsInfluenced: 1,
      wonAmountCents: 4_800_000,
      sharesByRep: [{ repId: as.rep1!.userId, repName: 'rep1' }],
    });
    expect(guide.views).toBeGreaterThanOrEqual(4);
    expect(guide.uniqueViewers).toBeGreaterThanOrEqual(2);
    const consideration = report.stages.find((x: { stage: string }) => x.stage === 'consideration');
    expect(consideration).toMatchObject({ opportunitiesInfluenced: 1, wonDealsInfluenced: 1 });
    expect(report.usedNotMade).toEqual([
      expect.objectContaining({ assetId: suggestion.id, origin: 'sales', status: 'draft', shares: 1 }),
    ]);
    expect(report.madeNotUsed.map((a: { title: string }) => a.title)).toEqual(['Case study']);
    await expectStatus(
      as.mkt!('GET', '/api/v1/reports/content?from=2031-07-01T00:00:00Z&to=2031-06-01T00:00:00Z'),
      400,
    );
  });
});
