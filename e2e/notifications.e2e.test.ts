import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify } from '../packages/server/src/app/notifications/notify.js';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, screenshot } from './support/pages.js';
import { startTestServer, type TestServer } from './support/server.js';

describe('live notifications', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
    page = await context.newPage();
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('a notification created on the server appears in the open page’s bell at once', async () => {
    await logIn(page, 'rep1@demo.tandem.test', demoCredentials.password);
    const bell = page.getByTestId('notification-bell');
    await bell.waitFor();
    const before = Number(await bell.getAttribute('data-unread'));

    const rep = await server.db
      .selectFrom('app_user')
      .select(['id', 'workspace_id'])
      .where('email', '=', 'rep1@demo.tandem.test')
      .executeTakeFirstOrThrow();
    const lead = await server.db
      .selectFrom('lead')
      .select('id')
      .where('workspace_id', '=', rep.workspace_id)
      .limit(1)
      .executeTakeFirstOrThrow();
    await server.db.transaction().execute((trx) =>
      notify(trx, {
        workspaceId: rep.workspace_id,
        type: 'lead.assigned',
        recipientUserIds: [rep.id],
        subject: { type: 'lead', id: lead.id },
        title: 'Grace Hopper was assigned to you',
        body: 'Fit A, interest 80. Act within 15 minutes.',
        data: { leadId: lead.id },
        occurredAt: new Date(),
        skipEmail: true,
      }),
    );

    // No reload: the stream pushes it and the bell's count goes up.
    await page.waitForFunction(
      (expected) =>
        document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread') === expected,
      String(before + 1),
    );
    await bell.click();
    const link = page.getByRole('link', { name: 'Grace Hopper was assigned to you' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/leads/${lead.id}`);
    await screenshot(page, 'notifications-bell');

    await page.getByRole('button', { name: 'Mark all read' }).click();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="notification-bell"]')?.getAttribute('data-unread') === '0',
    );
  });

  it('an admin adds a webhook: private addresses are refused, the secret is shown once', async () => {
    const admin = await newContext(browser, server.url);
    try {
      const adminPage = await admin.newPage();
      await logIn(adminPage, 'admin@demo.tandem.test', demoCredentials.password);
      await adminPage.goto(`${server.url}/settings?tab=webhooks`);
      await adminPage.getByText('No webhooks yet.').waitFor();
      await adminPage.getByRole('button', { name: 'Add webhook' }).click();
      const form = adminPage.getByRole('form', { name: 'Add a webhook' });
      await form.getByLabel('URL').fill('http://127.0.0.1:8080/hook');
      await form.getByRole('button', { name: 'Create webhook' }).click();
      await form.getByText('refused address').waitFor();
      await form.getByLabel('URL').fill('https://hooks.example.com/tandem');
      await form.getByRole('button', { name: 'Create webhook' }).click();
      const secret = adminPage.getByTestId('created-webhook-secret');
      await secret.waitFor();
      expect(await secret.textContent()).toMatch(/^whsec_/);
      await adminPage.getByRole('button', { name: 'Done' }).click();
      const table = adminPage.getByRole('table', { name: 'Webhooks' });
      await table.getByRole('cell', { name: 'https://hooks.example.com/tandem', exact: true }).waitFor();
      await screenshot(adminPage, 'settings-webhooks');
      // Nothing may reach the outside from a test: remove it before any event could be sent.
      await adminPage.getByRole('button', { name: 'Delete https://hooks.example.com/tandem' }).click();
      await adminPage.getByText('No webhooks yet.').waitFor();
    } finally {
      await admin.close();
    }
  });
});
