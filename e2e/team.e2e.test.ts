import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { apiSession } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

/** A rep's open leads on the team page: MQL + accepted + SQL of their row. */
async function repTotal(reps: Locator, name: string): Promise<number> {
  const row = reps.getByRole('row').filter({ hasText: name });
  let total = 0;
  for (const cell of ['load-mql', 'load-accepted', 'load-sql']) {
    total += Number(await row.getByTestId(cell).textContent());
  }
  return total;
}

describe('the sales manager, marketing and the admin on the hand-off pages', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function pageAs(email: string): Promise<Page> {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    const page = await context.newPage();
    await logIn(page, email, demoCredentials.password);
    return page;
  }

  /** The API as a user, in a context of its own (a login in the page's context would replace its session). */
  async function apiAs(email: string) {
    const context = await newContext(browser, server.url);
    contexts.push(context);
    return apiSession(context.request, email, demoCredentials.password);
  }

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  it('shows the manager breaches ticking live, and a reassignment moves the counts', async () => {
    const page = await pageAs('manager@demo.tandem.test');
    await navigation(page).getByRole('link', { name: 'Team', exact: true }).click();
    const reps = page.getByRole('table', { name: 'Reps' });
    const breaches = page.getByRole('table', { name: 'Breached clocks' });
    await breaches.waitFor();
    const first = breaches.locator('tbody tr').first();

    // The overdue time counts up by itself.
    const overdue = first.getByTestId('overdue-by');
    const before = await overdue.textContent();
    await page.waitForFunction(([el, text]) => (el as HTMLElement).textContent !== text, [
      await overdue.elementHandle(),
      before,
    ] as const);

    const from = (await first.locator('td').nth(1).textContent()) ?? '';
    await first.getByRole('button', { name: /^Reassign/ }).click();
    const target = page.getByRole('menuitem').filter({ hasNotText: 'Route again' }).first();
    const to = (await target.textContent()) ?? '';
    expect(to).not.toBe(from);
    const fromBefore = await repTotal(reps, from);
    const toBefore = await repTotal(reps, to);
    await target.click();
    await expect.poll(() => repTotal(reps, to), { timeout: 20_000 }).toBe(toBefore + 1);
    expect(await repTotal(reps, from)).toBe(fromBefore - 1);
    await screenshot(page, 'team');

    // From the rep's row: one of their open leads goes back to the first rep.
    await reps
      .getByRole('row')
      .filter({ hasText: to })
      .getByRole('button', { name: 'Reassign leads…' })
      .click();
    const dialog = page.getByRole('dialog');
    const openLeads = dialog.getByRole('table', { name: 'Open leads' });
    await openLeads.waitFor();
    await openLeads
      .locator('tbody tr')
      .first()
      .getByRole('button', { name: /^Reassign/ })
      .click();
    await page.getByRole('menuitem', { name: from, exact: true }).click();
    await expect.poll(() => repTotal(reps, from), { timeout: 20_000 }).toBe(fromBefore);
    expect(await repTotal(reps, to)).toBe(toBefore);
  });

  it('shows marketing the returned leads by reason, with the contract’s labels', async () => {
    const page = await pageAs('marketing@demo.tandem.test');
    await navigation(page).getByRole('link', { name: 'Returned leads' }).click();
    const bars = page.getByRole('list', { name: 'Counts by reason' });
    await bars.waitFor();
    expect(await bars.getByTestId('reason-bar').count()).toBeGreaterThan(1);
    // Codes the active contract lists are shown by their label.
    // A code can come back by two roads (rejected to recycled, or disqualified): one bar each.
    await bars.getByText('Duplicate of an open lead or opportunity').first().waitFor();
    const counts = await bars.getByTestId('reason-count').allTextContents();
    expect(counts.every((c) => Number(c) > 0)).toBe(true);
    const rows = page.getByRole('table', { name: 'Returned leads' }).locator('tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const href = await rows.first().getByRole('link').getAttribute('href');
    expect(href).toMatch(/^\/leads\/[0-9a-f-]{36}$/);
    await screenshot(page, 'returned-leads');
  });

  it('lets a rep ask marketing, and marketing accept and deliver on the board', async () => {
    const title = 'Booth staff for the Berlin trade fair';
    const rep = await pageAs('rep1@demo.tandem.test');
    await navigation(rep).getByRole('link', { name: 'Requests' }).click();
    await rep.getByRole('button', { name: 'New request' }).click();
    const form = rep.getByRole('form', { name: 'New request' });
    await form.getByRole('combobox', { name: 'Kind' }).click();
    await rep.getByRole('option', { name: 'Event support' }).click();
    await form.getByLabel('Title').fill(title);
    await form.getByLabel('Details').fill('Two people on the stand on both days.');
    await form.getByRole('button', { name: 'Send request' }).click();
    await rep.getByRole('region', { name: 'Open' }).getByRole('article', { name: title }).waitFor();

    const marketing = await pageAs('marketing@demo.tandem.test');
    await navigation(marketing).getByRole('link', { name: 'Requests' }).click();
    const open = marketing.getByRole('region', { name: 'Open' }).getByRole('article', { name: title });
    await open.getByTestId('request-countdown').waitFor();
    expect(await open.getByTestId('request-countdown').textContent()).toMatch(/^due in /);
    await open.getByRole('button', { name: 'Accept' }).click();
    const accepted = marketing
      .getByRole('region', { name: 'Accepted' })
      .getByRole('article', { name: title });
    await accepted.waitFor();
    await accepted.getByRole('button', { name: 'Deliver' }).click();
    const delivered = marketing
      .getByRole('region', { name: 'Delivered' })
      .getByRole('article', { name: title });
    await delivered.waitFor();
    expect(await delivered.textContent()).toContain('Clock met');
    await screenshot(marketing, 'requests');
  });

  it('lets the admin reorder routing rules, save them, and dry-run a lead', async () => {
    const page = await pageAs('admin@demo.tandem.test');
    const api = await apiAs('admin@demo.tandem.test');
    const ids = async () =>
      (await api.get<{ rules: Array<{ id: string }> }>('/api/v1/routing/rules')).rules.map((r) => r.id);
    const original = await ids();
    expect(original.length).toBeGreaterThan(1);

    await navigation(page).getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('tab', { name: 'Routing' }).click();
    const second = page.getByRole('region', { name: /^Rule 2: / });
    await second.waitFor();
    await second.getByRole('button', { name: / up$/ }).click();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByRole('status').filter({ hasText: 'Rules saved.' }).waitFor();
    expect(await ids()).toEqual([original[1], original[0], ...original.slice(2)]);

    const dryRun = page.getByRole('region', { name: 'Dry run' });
    await dryRun.getByRole('combobox', { name: 'A recent MQL' }).click();
    await page.getByRole('option').first().click();
    await dryRun.getByRole('button', { name: 'Dry run' }).click();
    const result = dryRun.getByTestId('dry-run-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/Would go to|No rep would get it/);
    expect(await result.locator('li').count()).toBeGreaterThan(0);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await screenshot(page, 'settings-routing');
  });

  it('lets the admin set a team’s business hours and mark a rep out of office', async () => {
    const page = await pageAs('admin@demo.tandem.test');
    const api = await apiAs('admin@demo.tandem.test');
    await page.goto('/settings?tab=business-hours');
    await page.getByRole('combobox', { name: 'Team' }).click();
    await page.getByRole('option', { name: 'Inbound Sales (sales)' }).click();
    const friday = page.getByRole('textbox', { name: 'Friday hours' });
    await expect.poll(() => friday.inputValue(), { timeout: 20_000 }).toBe('08:00-18:00');
    await friday.fill('9 to 3');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByText('“9 to 3” is not like 09:00-17:30').waitFor();
    await friday.fill('08:00-15:00');
    await page.getByRole('button', { name: 'Add a holiday' }).click();
    await page.getByLabel('Holiday 3 date').fill('2026-12-31');
    await page.getByLabel('Holiday 3 name').fill('New Year’s Eve');
    await page.getByRole('button', { name: 'Save business hours' }).click();
    await page.getByRole('status').filter({ hasText: 'Business hours saved.' }).waitFor();
    const hours = await api.get<{
      items: Array<{ hours: { week: { fri?: unknown }; holidays?: Array<{ date: string }> } }>;
    }>('/api/v1/business-hours');
    const saved = hours.items.find((h) => h.hours.holidays?.some((d) => d.date === '2026-12-31'));
    expect(saved?.hours.week.fri).toEqual([{ start: '08:00', end: '15:00' }]);
    await screenshot(page, 'settings-business-hours');

    await page.goto('/settings?tab=availability');
    const table = page.getByRole('table', { name: 'Availability' });
    await table.waitFor();
    const row = table.locator('tbody tr').filter({ hasText: 'Jordan Ellis' });
    const toggle = row.getByRole('switch');
    expect(await toggle.isChecked()).toBe(false);
    await toggle.click({ force: true });
    await expect.poll(() => toggle.isChecked(), { timeout: 20_000 }).toBe(true);
    const reps = await api.get<{ items: Array<{ name: string; outOfOffice: boolean }> }>(
      '/api/v1/routing/capacity',
    );
    expect(reps.items.find((r) => r.name === 'Jordan Ellis')?.outOfOffice).toBe(true);
    await screenshot(page, 'settings-availability');
  });
});
