import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { apiSession, type SessionApi } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

/** "$1,234.56" (or "−$2.50") as integer cents. */
const cents = (text: string | null) => {
  const t = (text ?? '').trim();
  const value = Math.round(Number(t.replace(/[^0-9.]/g, '')) * 100);
  return t.startsWith('−') ? -value : value;
};

describe('marketing closes the loop: attribution, campaigns, deals and imports', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let apiContext: BrowserContext;
  let api: SessionApi;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.url);
    page = await context.newPage();
    apiContext = await newContext(browser, server.url);
    api = await apiSession(apiContext.request, 'marketing@demo.tandem.test', demoCredentials.password);
    await logIn(page, 'marketing@demo.tandem.test', demoCredentials.password);
  });
  afterAll(async () => {
    await apiContext?.close();
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('switches attribution models: per-campaign numbers change, the total stays equal', async () => {
    await navigation(page).getByRole('link', { name: 'Attribution' }).click();
    const table = page.getByRole('table', { name: 'Attribution by campaign' });
    await table.waitFor();
    const read = async () => ({
      rows: await table.locator('tbody tr td[data-col="pipeline"]').allTextContents(),
      keys: await table
        .locator('tbody tr')
        .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-key'))),
      total: await table.locator('tfoot td[data-col="pipeline"]').textContent(),
      revenue: await table.locator('tfoot td[data-col="revenue"]').textContent(),
    });
    const model = page.getByLabel('Model');
    await model.selectOption('first_touch');
    const firstTouch = await read();
    expect(cents(firstTouch.total)).toBeGreaterThan(0);
    const rowSum = firstTouch.rows.reduce((s, r) => s + cents(r), 0);
    expect(rowSum).toBe(cents(firstTouch.total));

    await model.selectOption('linear');
    await page.waitForFunction((before) => {
      const cells = [
        ...document.querySelectorAll(
          'table[aria-label="Attribution by campaign"] tbody td[data-col="pipeline"]',
        ),
      ];
      return cells.map((c) => c.textContent).join('|') !== before;
    }, firstTouch.rows.join('|'));
    const linear = await read();
    expect(linear.total).toBe(firstTouch.total);
    expect(linear.revenue).toBe(firstTouch.revenue);
    const byKey = (r: Awaited<ReturnType<typeof read>>) =>
      new Map(r.keys.map((k, i) => [k, r.rows[i]] as const));
    const before = byKey(firstTouch);
    const after = byKey(linear);
    expect([...after].some(([k, v]) => before.get(k) !== v)).toBe(true);

    await model.selectOption('time_decay');
    await page.getByLabel('Half-life (days)').waitFor();
    expect((await read()).total).toBe(firstTouch.total);
    await page.getByTestId('sourced-share-pipeline').waitFor();
    await model.selectOption('w_shaped');
    await screenshot(page, 'attribution');

    // By channel, the same deals: the same total.
    await page.getByText('By channel').click();
    const byChannel = page.getByRole('table', { name: 'Attribution by channel' });
    await byChannel.waitFor();
    expect(await byChannel.locator('tfoot td[data-col="pipeline"]').textContent()).toBe(firstTouch.total);
    expect(new URL(page.url()).searchParams.get('by')).toBe('channel');
  });

  it('opens a campaign and edits a month’s cost', async () => {
    await navigation(page).getByRole('link', { name: 'Campaigns' }).click();
    const list = page.getByRole('table', { name: 'Campaigns' });
    await list.waitFor();
    await screenshot(page, 'campaigns');
    await list.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/campaigns\/[0-9a-f-]{36}$/);
    const costs = page.getByRole('table', { name: 'Monthly costs' });
    await costs.waitFor();
    const month = await costs.locator('tbody tr').first().getAttribute('data-month');
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    await costs.getByRole('button', { name: `Edit cost of ${month}` }).click();
    await costs.getByLabel(`Cost of ${month}`).fill('1234.56');
    await costs.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => costs.getByTestId(`cost-${month}`).textContent()).toBe('$1,234.56');
    const id = new URL(page.url()).pathname.split('/').pop();
    const stored = await api.get<{ items: Array<{ month: string; amountCents: number }> }>(
      `/api/v1/campaigns/${id}/costs`,
    );
    expect(stored.items.find((c) => c.month === month)?.amountCents).toBe(123_456);
    await page.getByRole('table', { name: 'Campaign credit by model' }).waitFor();
    await screenshot(page, 'campaign');

    // A new campaign from the form lands on its own page.
    await navigation(page).getByRole('link', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const form = page.getByRole('form', { name: 'New campaign' });
    await form.getByLabel('Name').fill('Browser test webinar');
    await form.getByLabel('Channel').fill('Webinar');
    await form.getByLabel('Starts on').fill('2026-01-05');
    await form.getByLabel('utm_campaign').fill('browser-test-webinar');
    await form.getByLabel('Fixed cost').fill('2,500');
    await form.getByRole('button', { name: 'Create campaign' }).click();
    await page.getByRole('heading', { name: 'Browser test webinar' }).waitFor();
    const created = (
      await api.get<{ items: Array<{ name: string; channel: string; costCents: number }> }>(
        '/api/v1/campaigns',
      )
    ).items.find((c) => c.name === 'Browser test webinar');
    expect(created).toMatchObject({ channel: 'webinar', costCents: 250_000 });
  });

  it('opens an opportunity and sees every model’s credits sum to the amount', async () => {
    const deals = await api.get<{ items: Array<{ id: string; amountCents: number }> }>(
      '/api/v1/opportunities?limit=200',
    );
    let chosen: { id: string; amountCents: number } | undefined;
    for (const deal of deals.items) {
      const a = await api.get<{ touches: unknown[] }>(`/api/v1/opportunities/${deal.id}/attribution`);
      if (a.touches.length >= 3 && deal.amountCents > 0) {
        chosen = deal;
        break;
      }
    }
    if (!chosen) throw new Error('the demo workspace has no deal with three touches');

    await navigation(page).getByRole('link', { name: 'Opportunities' }).click();
    await page.getByRole('table', { name: 'Opportunities' }).waitFor();
    await page.goto(`/opportunities/${chosen.id}`);
    const credits = page.getByRole('table', { name: 'Credit per touch and model' });
    await credits.waitFor();
    const totals = await credits
      .locator('tfoot td[data-cents]')
      .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-cents'))));
    expect(totals.length).toBe(9);
    for (const total of totals) expect(total).toBe(chosen.amountCents);
    expect(cents(await page.getByTestId('deal-amount').textContent())).toBe(chosen.amountCents);
    await expect.poll(() => page.getByTestId('credit-total-row').textContent()).toMatch(/^Total = amount/);
    await screenshot(page, 'opportunity');
  });

  it('shows a sales rep only their own deals', async () => {
    const repContext = await newContext(browser, server.url);
    try {
      const repPage = await repContext.newPage();
      await logIn(repPage, 'rep1@demo.tandem.test', demoCredentials.password);
      const rep = await apiSession(repContext.request, 'rep1@demo.tandem.test', demoCredentials.password);
      const me = await rep.get<{ user: { id: string } }>('/api/v1/auth/session');
      await navigation(repPage).getByRole('link', { name: 'Opportunities' }).click();
      await repPage
        .getByRole('table', { name: 'Opportunities' })
        .or(repPage.getByText('No opportunities'))
        .waitFor();
      const mine = await rep.get<{ items: Array<{ ownerId: string | null }> }>(
        '/api/v1/opportunities?limit=200',
      );
      for (const deal of mine.items) expect(deal.ownerId).toBe(me.user.id);
      const rows = await repPage.getByRole('table', { name: 'Opportunities' }).locator('tbody tr').count();
      expect(rows).toBe(Math.min(50, mine.items.length));
    } finally {
      await repContext.close();
    }
  });

  it('imports a CSV with one bad row: sees the line and reason, imports only the good rows', async () => {
    const campaigns = await api.get<{ items: Array<{ name: string }> }>('/api/v1/campaigns');
    const name = campaigns.items[0]?.name ?? '';
    const csv = [
      'campaign,month,amount',
      `"${name}",2020-01,100.00`,
      `"${name}",2020-02,twelve`,
      `"${name}",2020-03,50`,
    ].join('\n');

    await navigation(page).getByRole('link', { name: 'Imports' }).click();
    await page.getByRole('radio', { name: 'Campaign costs' }).waitFor({ state: 'attached' });
    await page.locator('input[type="file"]').setInputFiles({
      name: 'costs.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Check file' }).click();
    const problems = page.getByRole('table', { name: 'Problems' });
    await problems.waitFor();
    const cells = await problems.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('amount');
    expect(cells[2]?.length).toBeGreaterThan(0);
    expect(await problems.locator('tbody tr').count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Import', exact: true }).count()).toBe(0);
    await screenshot(page, 'import-preview');

    await page.getByRole('button', { name: /Import only the good rows/ }).click();
    const done = page.getByRole('status').filter({ hasText: 'Import finished' });
    await done.waitFor();
    expect(await done.textContent()).toContain('2 rows imported, 1 bad row skipped');
  });
});
