import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, screenshot } from './support/pages.js';
import { startTestServer, type TestServer } from './support/server.js';

describe('backtest and signal lift in the contract editor', () => {
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

  it('backtests the active version over 180 days and shows the charts and figures', async () => {
    await logIn(page, 'marketing@demo.tandem.test', demoCredentials.password);
    await page.goto('/contract/1?tab=backtest');
    const panel = page.getByRole('region', { name: 'Backtest version 1' });
    await panel.getByText('180 days', { exact: true }).click();
    await panel.getByRole('button', { name: 'Run backtest' }).click();
    await panel.getByRole('figure', { name: 'MQLs per week' }).waitFor({ timeout: 60_000 });
    for (const figure of ['Fit grades', 'Interest at the end of the window']) {
      await panel.getByRole('figure', { name: figure }).waitFor();
    }
    for (const card of ['MQLs', 'Precision', 'Recall', 'Lift']) {
      await panel.getByRole('group', { name: card }).or(panel.getByLabel(card)).first().waitFor();
    }
    await screenshot(page, 'contract-backtest');
  });

  it('sorts signals by lift, marks small samples and drafts a version from ticked suggestions', async () => {
    const lift = page.getByRole('region', { name: 'Signal lift' });
    await lift.getByRole('button', { name: 'Measure signal lift' }).click();
    const table = lift.getByRole('table', { name: 'Signals' });
    await table.waitFor();
    await table.getByRole('button', { name: /Lift/ }).click();
    const boxes = table.getByRole('checkbox', { disabled: false });
    expect(await boxes.count()).toBeGreaterThan(0);
    await boxes.first().check();
    await lift.getByRole('button', { name: /Create draft from 1 suggestion/ }).click();
    await page.waitForURL(/\/contract\/2\?tab=edit/);
  });
});
