import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { startTestServer, type TestServer } from './support/server.js';

/** "76.5 %" as 0.765; NaN for "—". */
const share = (text: string | null) => Number((text ?? '').replace(/[^0-9.]/g, '')) / 100;
/** "6,240" as 6240; NaN for "—". */
const count = (text: string | null) => Number((text ?? '').replace(/[^0-9]/g, '') || Number.NaN);

describe('the shared dashboard, cohorts, forecast and the goal planner', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
    page = await context.newPage();
    await logIn(page, 'marketing@demo.tandem.test', demoCredentials.password);
  });
  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('shows marketing a non-zero sourced share of pipeline and the funnel on the home page', async () => {
    const sourced = page.getByTestId('dashboard-sourced-share');
    await sourced.waitFor();
    expect(share(await sourced.textContent())).toBeGreaterThan(0);

    const funnel = page.getByTestId('funnel-chart');
    await funnel.waitFor();
    const counts = await funnel
      .locator('g[data-stage]')
      .evaluateAll((gs) =>
        gs.map((g) => [g.getAttribute('data-stage'), Number(g.getAttribute('data-count'))]),
      );
    expect(counts.map(([stage]) => stage)).toEqual(['lead', 'mql', 'accepted', 'sql', 'opportunity', 'won']);
    const leads = Number(counts[0]?.[1]);
    expect(leads).toBeGreaterThan(0);
    // A funnel narrows: no stage is reached by more leads than the one before it.
    for (let i = 1; i < counts.length; i++)
      expect(Number(counts[i]?.[1])).toBeLessThanOrEqual(Number(counts[i - 1]?.[1]));

    for (const region of ['Goals', 'SLA', 'Top rejection reasons']) {
      await page.getByRole('region', { name: region, exact: true }).waitFor();
    }
    await page.getByTestId('goal-won').waitFor();
    await page.getByRole('table', { name: 'Top rejection reasons' }).waitFor();
    const joint = page.getByRole('link', { name: 'Weekly joint report' });
    expect(await joint.getAttribute('href')).toBe('/api/v1/reports/joint?format=html');
    await screenshot(page, 'dashboard');

    // Another period asks the server again and still draws the funnel.
    await page.getByLabel('Period').selectOption('12m');
    await expect
      .poll(async () => Number(await funnel.locator('g[data-stage="lead"]').getAttribute('data-count')))
      .toBeGreaterThanOrEqual(leads);
  });

  it('opens the MQL cohorts as a heatmap and changes the window', async () => {
    await navigation(page).getByRole('link', { name: 'Funnel cohorts' }).click();
    const table = page.getByRole('table', { name: 'MQL cohorts' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const sizes = await rows.locator('td:nth-child(2)').allTextContents();
    expect(sizes.some((s) => count(s) > 0)).toBe(true);
    const shares = await table
      .locator('td[data-stage="sql"]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-share'))));
    expect(shares.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(await page.getByRole('link', { name: 'Export cohorts as CSV' }).getAttribute('href')).toMatch(
      /format=csv/,
    );
    await screenshot(page, 'cohorts');

    await page.getByLabel('Reached within').selectOption('30');
    await table.getByRole('columnheader', { name: 'SQL within 30 d' }).waitFor();
  });

  it('opens the forecast: weighted pipeline, funnel forecast and accuracy', async () => {
    await navigation(page).getByRole('link', { name: 'Forecast' }).click();
    const total = page.getByTestId('forecast-total');
    await total.waitFor();
    expect(count(await total.textContent())).toBeGreaterThan(0);
    expect(count(await page.getByTestId('forecast-weighted').textContent())).toBeGreaterThan(0);
    await page.getByRole('figure', { name: 'Weighted pipeline by stage' }).waitFor();
    await page.getByRole('table', { name: 'Funnel forecast by stage' }).waitFor();
    await page.getByRole('region', { name: 'Forecast accuracy' }).waitFor();
    await screenshot(page, 'forecast');
  });

  it('creates a goal in the planner and sees the MQLs it requires', async () => {
    await navigation(page).getByRole('link', { name: 'Goals' }).click();
    await page.getByRole('table', { name: 'Goals' }).or(page.getByText('No goal yet.')).waitFor();
    await page.getByRole('button', { name: 'New goal' }).click();
    const form = page.getByRole('form', { name: 'New goal' });
    const start = new Date();
    const end = new Date(start.getTime() + 89 * 86_400_000);
    await form.getByLabel('Name').fill('Browser test quarter');
    await form.getByLabel('First day').fill(start.toISOString().slice(0, 10));
    await form.getByLabel('Last day').fill(end.toISOString().slice(0, 10));
    await form.getByLabel('Revenue target').fill('600,000');
    await form.getByRole('button', { name: 'Create goal' }).click();

    const planner = page.getByRole('region', { name: 'Goal planner' });
    await planner.getByRole('heading', { name: 'Browser test quarter' }).waitFor();
    expect(new URL(page.url()).searchParams.get('goal')).toMatch(/^[0-9a-f-]{36}$/);
    const mqls = planner.getByTestId('required-mql');
    await mqls.waitFor();
    const required = count(await mqls.textContent());
    expect(required).toBeGreaterThan(0);
    // Walking up the funnel never needs fewer at an earlier stage.
    expect(count(await planner.getByTestId('required-lead').textContent())).toBeGreaterThanOrEqual(required);
    expect(count(await planner.getByTestId('required-sql').textContent())).toBeLessThanOrEqual(required);
    await planner.getByRole('region', { name: 'Marketing’s side' }).waitFor();
    await planner.getByRole('region', { name: 'Sales’ side' }).waitFor();
    expect(count(await planner.getByTestId('pace-mqls-required').textContent())).toBe(required);
    await screenshot(page, 'goal-planner');
  });
});
