import Fastify from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerProblemHandlers } from '../packages/server/src/http/plugins/problem.js';
import { sdkRoutes } from '../packages/server/src/http/routes/sdk.routes.js';
import { launchBrowser } from './support/browser.js';
import {
  buildSnippet,
  eventually,
  type IngestApi,
  type PageServer,
  startIngestApi,
  startPageServer,
} from './support/pages/harness.js';

type Bag = Record<string, unknown>;

describe('the Tandem snippet in Chromium', () => {
  let api: IngestApi;
  let pages: PageServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    buildSnippet();
    api = await startIngestApi();
    pages = await startPageServer(api);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await pages?.close();
    await api?.close();
  });

  const newPage = async () => {
    const context = await browser.newContext();
    contexts.push(context);
    return { context, page: await context.newPage() };
  };

  /** Events stored for one visitor, oldest first. */
  const eventsOf = (anonymousId: string) =>
    api.db
      .selectFrom('event')
      .selectAll()
      .where('workspace_id', '=', api.workspaceId)
      .where('anonymous_id', '=', anonymousId)
      .orderBy('occurred_at')
      .execute();

  it('serves /sdk.js publicly, cacheable, with an ETag and compressed', async () => {
    const response = await fetch(`${api.url}/sdk.js`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(response.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(await response.text()).toContain('tandem.js');
    const etag = response.headers.get('etag')!;
    const again = await fetch(`${api.url}/sdk.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
  });

  it('answers 404 with a problem when the snippet is not built', async () => {
    const app = Fastify();
    registerProblemHandlers(app);
    await app.register(sdkRoutes, { snippetFile: '/nonexistent/tandem.js' });
    const response = await app.inject({ method: 'GET', url: '/sdk.js' });
    await app.close();
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('records page views, a custom event and engaged time, and a captured form stitches the earlier visits', async () => {
    const { page } = await newPage();
    await page.goto(`${pages.url}/landing.html?utm_source=news&utm_medium=email&utm_campaign=spring`);
    await page.waitForFunction(() => localStorage.getItem('tandem_aid') !== null);
    const anonymousId = (await page.evaluate(() => localStorage.getItem('tandem_aid')))!;

    // The automatic page view and the call made before tandem.js arrived.
    const landing = await eventually(async () => {
      const rows = await eventsOf(anonymousId);
      expect(rows.map((r) => [r.type, r.name]).sort()).toEqual([
        ['page', null],
        ['track', 'Pricing Viewed'],
      ]);
      return rows;
    });
    const landingView = landing.find((r) => r.type === 'page')!;
    expect(landingView.contact_id).toBeNull();
    expect(landingView.context as Bag).toMatchObject({
      library: { name: 'tandem.js' },
      campaign: { source: 'news', medium: 'email', name: 'spring' },
      page: { path: '/landing.html', title: 'Landing' },
    });
    expect((landingView.context as Bag).userAgent).toContain('Chrome');
    expect(landing.find((r) => r.type === 'track')!.properties).toMatchObject({ plan: 'team' });

    // Stay on the page, visibly active, for over a second, then leave it: engaged time is sent on pagehide.
    await page.mouse.move(10, 10);
    await page.waitForTimeout(1_300);
    await page.mouse.move(40, 40);
    await page.click('#next');
    await page.waitForURL('**/form.html');
    const engaged = await eventually(async () => {
      const rows = await eventsOf(anonymousId);
      const found = rows.find((r) => r.name === 'Page Engaged');
      expect(found).toBeDefined();
      expect(rows.filter((r) => r.type === 'page')).toHaveLength(2);
      return found!;
    });
    expect((engaged.properties as Bag).seconds).toBeGreaterThanOrEqual(1);
    expect((engaged.context as Bag).page).toMatchObject({ path: '/landing.html' });

    // The form posts and navigates away at once: the capture must survive the navigation.
    await page.fill('input[name=email]', 'Ada@Analytical-Engines.example');
    await page.fill('input[name=first_name]', 'Ada');
    await page.fill('input[name=company]', 'Analytical Engines');
    await page.fill('input[name=password]', 'correct horse battery');
    await page.fill('textarea[name=notes]', 'private');
    await page.click('button[type=submit]');
    await page.waitForURL('**/thanks.html');

    const contact = await eventually(async () => {
      const found = await api.db
        .selectFrom('contact')
        .selectAll()
        .where('workspace_id', '=', api.workspaceId)
        .where('email', '=', 'ada@analytical-engines.example')
        .executeTakeFirstOrThrow();
      return found;
    });
    const rows = await eventually(async () => {
      const all = await eventsOf(anonymousId);
      expect(all.map((r) => r.type).filter((t) => t === 'page')).toHaveLength(3);
      expect(all.some((r) => r.name === 'Form Submitted')).toBe(true);
      // Every event of the visitor, the anonymous visits before the form included, belongs to the contact.
      for (const row of all) expect(row.contact_id).toBe(contact.id);
      return all;
    });
    const identify = rows.find((r) => r.type === 'identify')!;
    expect(identify.traits).toEqual({
      email: 'ada@analytical-engines.example',
      first_name: 'Ada',
      company: 'Analytical Engines',
    });
    expect(rows.find((r) => r.name === 'Form Submitted')!.properties).toEqual({ form: 'demo-request' });
    expect(rows.filter((r) => r.occurred_at < identify.occurred_at).length).toBeGreaterThanOrEqual(4);
  });

  it('sends and stores nothing before consent when the site requires it, then everything held', async () => {
    const { context, page } = await newPage();
    const sent: string[] = [];
    page.on('request', (request) => {
      if (request.url().startsWith(`${api.url}/v1/`)) sent.push(request.url());
    });
    await page.goto(`${pages.url}/consent.html`);
    await page.waitForFunction(() => !Array.isArray((window as unknown as { tandem: unknown }).tandem));
    // Five times the snippet's batching delay: ample for a request to have started were one due.
    await page.waitForTimeout(1_000);
    expect(sent).toEqual([]);
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    expect(await context.cookies()).toEqual([]);

    await page.click('#accept');
    const anonymousId = (await page.evaluate(() => localStorage.getItem('tandem_aid')))!;
    expect(anonymousId).toMatch(/^[0-9a-f-]{36}$/);
    const rows = await eventually(async () => {
      const found = await eventsOf(anonymousId);
      expect(found.map((r) => [r.type, r.name]).sort()).toEqual([
        ['page', null],
        ['track', 'Before Consent'],
      ]);
      return found;
    });
    // The stored rows prove the held events were sent after consent; Chromium does not always
    // report a beacon sent during a click to the page's request listener, so `sent` is not counted.
    expect(rows[0]!.context as Bag).toMatchObject({ page: { path: '/consent.html' } });

    // Withdrawing consent forgets what was stored.
    await page.click('#refuse');
    expect(
      await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('tandem'))),
    ).toEqual([]);
  });
});
