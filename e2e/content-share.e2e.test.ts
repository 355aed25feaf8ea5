import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyPdf } from '../packages/server/src/app/demo/content.js';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, screenshot } from './support/pages.js';
import { apiSession } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

describe('sharing content with a prospect', () => {
  let server: TestServer;
  let browser: Browser;
  let repContext: BrowserContext;
  let prospectContext: BrowserContext;
  let repPage: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    repContext = await newContext(browser, server.url);
    prospectContext = await newContext(browser, server.url);
    repPage = await repContext.newPage();
  });
  afterAll(async () => {
    await prospectContext?.close();
    await repContext?.close();
    await browser?.close();
    await server?.close();
  });

  it('a rep shares an asset; the prospect opens the link with no session; the rep sees the view', async () => {
    // Marketing's library: a small PDF, approved.
    const marketingContext = await newContext(browser, server.url);
    let assetId: string;
    try {
      const api = marketingContext.request;
      const login = await api.post('/api/v1/auth/login', {
        data: { email: 'marketing@demo.tandem.test', password: demoCredentials.password },
      });
      const headers = { 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
      const created = await api.post('/api/v1/assets', {
        headers,
        data: {
          title: 'Browser test buyer’s guide',
          description: 'How teams pick an analytics platform.',
          stage: 'consideration',
        },
      });
      expect(created.status(), await created.text()).toBe(201);
      assetId = ((await created.json()) as { id: string }).id;
      const pdf = tinyPdf('How teams pick an analytics platform');
      const uploaded = await api.put(`/api/v1/assets/${assetId}/file?filename=guide.pdf`, {
        data: pdf,
        headers: { ...headers, 'content-type': 'application/pdf' },
      });
      expect(uploaded.status(), await uploaded.text()).toBe(201);
      const approved = await api.post(`/api/v1/assets/${assetId}/approve`, { headers });
      expect(approved.status(), await approved.text()).toBe(200);
    } finally {
      await marketingContext.close();
    }
    const asset = { id: assetId };

    // The rep, logged in to the app, shares it with one of their contacts.
    await logIn(repPage, 'rep1@demo.tandem.test', demoCredentials.password);
    const bell = repPage.getByTestId('notification-bell');
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-unread'));
    // The rep, in the library page, shares it with one of their contacts.
    await repPage.goto(`${server.url}/content`);
    await repPage.getByRole('textbox', { name: 'Search content' }).fill('Browser test');
    await repPage.getByRole('button', { name: 'Share Browser test buyer’s guide' }).click();
    const dialog = repPage.getByRole('form', { name: 'Share an asset' });
    await dialog.getByRole('combobox', { name: 'Contact' }).click();
    await repPage.getByRole('option').first().click();
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const link = repPage.getByTestId('share-link');
    await link.waitFor();
    await screenshot(repPage, 'content-share-dialog');
    const url = await link.inputValue();
    const token = /\/s\/([A-Za-z0-9_-]+)$/.exec(url)?.[1];
    expect(token).toBeDefined();
    const share = { token: token! };
    await repPage.getByRole('button', { name: 'Done' }).click();
    const rep = await apiSession(repContext.request, 'rep1@demo.tandem.test', demoCredentials.password);

    // The prospect: another browser context, no session at all.
    const prospect = await prospectContext.newPage();
    const response = await prospect.goto(`${server.url}/s/${share.token}`);
    expect(response?.status()).toBe(200);
    await prospect.getByRole('heading', { name: 'Browser test buyer’s guide' }).waitFor();
    await prospect.getByText('Shared by Riley Park').waitFor();
    expect(await prospect.locator('iframe').getAttribute('src')).toMatch(/^\/s\/[^/]+\/file\?v=/);
    await prospect.getByRole('link', { name: /Download/ }).waitFor();
    await screenshot(prospect, 'content-share-viewer');

    // No reload: the rep's bell counts the view.
    await repPage.waitForFunction(
      (expected) =>
        Number(document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread')) >=
        expected,
      before + 1,
    );
    await bell.click();
    await repPage.getByText(/is viewing Browser test buyer’s guide/).waitFor();

    const mine = await rep.get<{ items: Array<{ views: number }> }>(`/api/v1/shares?assetId=${asset.id}`);
    expect(mine.items[0]?.views).toBe(1);

    // Revoked: the prospect's next visit is refused.
    const shares = await rep.get<{ items: Array<{ id: string }> }>(`/api/v1/shares?assetId=${asset.id}`);
    await rep.post(`/api/v1/shares/${shares.items[0]!.id}/revoke`, {});
    const gone = await prospect.goto(`${server.url}/s/${share.token}`);
    expect(gone?.status()).toBe(410);
    await prospect.getByText('This link is no longer available').waitFor();
  });
});
