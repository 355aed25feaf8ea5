import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { startTestServer, type TestServer } from './support/server.js';

// One admin session walks through the app; the steps run in order and share the page.
describe('an administrator', () => {
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

  it('logs in to a dashboard that greets them by name and role', async () => {
    await logIn(page, 'admin@demo.tandem.test', demoCredentials.password);
    const greeting = page.getByRole('heading', { level: 2 });
    await greeting.waitFor();
    expect(await greeting.textContent()).toMatch(/^Welcome, \S/);
    await page.getByText('Administrator', { exact: true }).first().waitFor();
    for (const card of ['Funnel', 'SLA', 'Sourced pipeline', 'Leads']) {
      await page.getByRole('region', { name: card }).waitFor();
    }
    const nav = navigation(page);
    for (const link of ['Home', 'Leads', 'Settings']) {
      await nav.getByRole('link', { name: link, exact: true }).waitFor();
    }
    await page.getByTestId('visible-lead-count').waitFor();
    await screenshot(page, 'home');
  });

  it('lists leads and filters them by stage', async () => {
    await navigation(page).getByRole('link', { name: 'Leads', exact: true }).click();
    await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor();
    await page
      .getByRole('table', { name: 'Leads' })
      .or(page.getByText('No leads yet.', { exact: false }))
      .waitFor();
    await screenshot(page, 'leads');

    await page.getByRole('combobox', { name: 'Filter by stage' }).click();
    await page.getByRole('option', { name: 'MQL', exact: true }).click();
    await page.waitForURL(/stage=mql/);
    await page.getByRole('table', { name: 'Leads' }).or(page.getByText('No leads in stage MQL.')).waitFor();
    const stages = await page
      .getByRole('table', { name: 'Leads' })
      .locator('tbody tr td:nth-child(3)')
      .allTextContents();
    for (const stage of stages) expect(stage).toBe('MQL');
  });

  it('creates a user in settings', async () => {
    await navigation(page).getByRole('link', { name: 'Settings' }).click();
    const users = page.getByRole('table', { name: 'Users' });
    await users.waitFor();
    await screenshot(page, 'settings-users');

    await page.getByRole('button', { name: 'Add user' }).click();
    const form = page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('Email').fill('new.rep@demo.tandem.test');
    await form.getByLabel('Name').fill('Nova Rep');
    await form.getByLabel('Password', { exact: true }).fill('a-long-enough-password');
    await form.getByRole('button', { name: 'Create user' }).click();
    await users.getByRole('cell', { name: 'new.rep@demo.tandem.test' }).waitFor();
    expect(await form.count()).toBe(0);
  });

  it('marks a user out of office', async () => {
    await page.getByRole('button', { name: 'Edit Nova Rep' }).click();
    const form = page.getByRole('form', { name: 'Edit Nova Rep' });
    await form.getByLabel('Out of office').check();
    await form.getByRole('button', { name: 'Save' }).click();
    const row = page.getByRole('row').filter({ hasText: 'new.rep@demo.tandem.test' });
    await row.getByText('out of office').waitFor();
  });

  it('creates a write key that is shown once, then revokes it', async () => {
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.waitForURL(/tab=api-keys/);
    await page.getByRole('button', { name: 'Create API key' }).click();
    const form = page.getByRole('form', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('Marketing website');
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByTestId('created-api-key');
    await shown.waitFor();
    const key = (await shown.textContent())?.trim() ?? '';
    expect(key).toMatch(/^tdw_\S{20,}$/);
    await page.getByText('This key is shown only once.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await shown.waitFor({ state: 'detached' });

    const keys = page.getByRole('table', { name: 'API keys' });
    const row = keys.getByRole('row').filter({ hasText: 'Marketing website' });
    await row.getByText('active').waitFor();
    expect(await page.getByText(key).count()).toBe(0);
    expect(await row.textContent()).toContain(key.slice(0, 10));
    await screenshot(page, 'settings-api-keys');

    await row.getByRole('button', { name: 'Revoke Marketing website' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke API key?' });
    await dialog.getByRole('button', { name: 'Revoke key' }).click();
    await row.getByText('revoked').waitFor();
    expect(await row.getByRole('button', { name: 'Revoke Marketing website' }).count()).toBe(0);
  });

  it('creates a team', async () => {
    await page.getByRole('tab', { name: 'Teams' }).click();
    const form = page.getByRole('form', { name: 'Create a team' });
    await form.getByLabel('Team name').fill('EMEA inbound');
    await form.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('table', { name: 'Teams' }).getByRole('cell', { name: 'EMEA inbound' }).waitFor();
  });
});
