import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { apiSession } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

const rep = 'rep1@demo.tandem.test';
const gradeRank = (grade: string) => ('ABCD'.includes(grade) && grade ? 'ABCD'.indexOf(grade) : 4);

async function openInbox(page: Page): Promise<Locator> {
  await navigation(page).getByRole('link', { name: 'Inbox' }).click();
  await page.waitForURL(/\/inbox$/);
  const table = page.getByRole('table', { name: 'My open leads' });
  await table.waitFor();
  return table;
}

const row = (table: Locator, leadId: string) => table.locator(`tr[data-lead-id="${leadId}"]`);

/** The first MQL row of the inbox that is not in `skip`. */
async function mqlRow(table: Locator, skip: readonly string[] = []): Promise<string> {
  const ids = await table
    .locator('tr[data-testid="inbox-row"][data-stage="mql"]')
    .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-lead-id') ?? ''));
  const id = ids.find((i) => i && !skip.includes(i));
  if (!id) throw new Error('the demo rep has no open MQL left in the inbox');
  return id;
}

describe('a sales rep’s inbox', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let table: Locator;
  const used: string[] = [];
  let rejected = '';

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

  it('lists open leads by priority with live SLA countdowns', async () => {
    await logIn(page, rep, demoCredentials.password);
    const labels = await navigation(page).getByRole('link').allTextContents();
    expect(labels.slice(0, 2)).toEqual(['Home', 'Inbox']);
    table = await openInbox(page);
    const rows = table.locator('tr[data-testid="inbox-row"]');
    expect(await rows.count()).toBeGreaterThan(1);
    // Fit grade first (A best, ungraded last), then interest.
    const ranked = await rows.evaluateAll((trs) =>
      trs.map((tr) => ({
        grade: tr.querySelector('td:nth-child(4)')?.textContent?.trim() ?? '',
        interest: Number(tr.querySelector('td:nth-child(5)')?.textContent ?? '0'),
      })),
    );
    for (let i = 1; i < ranked.length; i++) {
      const [a, b] = [ranked[i - 1]!, ranked[i]!];
      expect(gradeRank(a.grade)).toBeLessThanOrEqual(gradeRank(b.grade));
      if (a.grade === b.grade) expect(a.interest).toBeGreaterThanOrEqual(b.interest);
    }
    // A running clock counts down (or up, once overdue) while the page is open.
    const countdown = table.getByTestId('sla-countdown').first().locator('.mantine-Badge-label');
    const first = await countdown.textContent();
    expect(first).toMatch(/left$|^overdue by/);
    await page.waitForFunction(
      (before) =>
        document.querySelector('[data-testid="sla-countdown"] .mantine-Badge-label')?.textContent !== before,
      first,
    );
    expect(await countdown.textContent()).not.toBe(first);
    await screenshot(page, 'inbox');
  });

  it('logs a call on an MQL, then accepts it', async () => {
    const leadId = await mqlRow(table);
    used.push(leadId);
    await row(table, leadId).getByRole('button', { name: 'Log activity' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Subject').fill('Intro call');
    await dialog.getByLabel('Note').fill('Talked about the pilot.');
    await dialog.getByRole('button', { name: 'Log call' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The call stopped the first-touch clock; the accept clock still runs.
    await row(table, leadId).locator('[data-testid="sla-countdown"][data-kind="first_touch"]').waitFor({
      state: 'detached',
    });
    await row(table, leadId).getByRole('button', { name: 'Accept' }).click();
    await table.locator(`tr[data-lead-id="${leadId}"][data-stage="accepted"]`).waitFor();
    expect(await row(table, leadId).getByRole('button', { name: 'Accept' }).count()).toBe(0);
  });

  it('rejects another MQL with a reason from the contract and a note; marketing sees it returned', async () => {
    rejected = await mqlRow(table, used);
    used.push(rejected);
    await row(table, rejected).getByRole('button', { name: 'Reject' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('combobox', { name: 'Reason' }).click();
    await page.getByRole('option', { name: 'Outside our ideal customer profile' }).click();
    await dialog.getByLabel('Note for marketing').fill('Two-person agency; no budget for a platform.');
    await screenshot(page, 'inbox-reject');
    await dialog.getByRole('button', { name: 'Reject', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    // Back with marketing: it leaves the inbox.
    await row(table, rejected).waitFor({ state: 'detached' });

    const marketingContext = await newContext(browser, server.url);
    try {
      const marketing = await apiSession(
        marketingContext.request,
        'marketing@demo.tandem.test',
        demoCredentials.password,
      );
      const returned = await marketing.get<{
        items: Array<{ leadId: string; action: string; reasonCode: string; note: string }>;
      }>('/api/v1/leads/returned');
      expect(returned.items.find((i) => i.leadId === rejected)).toMatchObject({
        action: 'reject',
        reasonCode: 'not-icp',
        note: 'Two-person agency; no budget for a platform.',
      });
    } finally {
      await marketingContext.close();
    }
  });

  it('shows the rejection in the lead page’s stage history', async () => {
    await page.goto(`/leads/${rejected}`);
    const history = page.getByRole('table', { name: 'Stage history' });
    await history.waitFor();
    const latest = history.locator('tbody tr').first();
    await latest.getByText('Outside our ideal customer profile').waitFor();
    expect(await latest.textContent()).toContain('Two-person agency; no budget for a platform.');
    expect(await latest.textContent()).toContain('you');
    // Recycled: no sales action is left to take.
    const actions = page.getByRole('region', { name: 'Sales actions' });
    expect(await actions.getByRole('button').count()).toBe(0);
    await screenshot(page, 'lead-handoff');
  });

  it('answers the second of two accepts with the server’s reason, and the row stays consistent', async () => {
    const other = await newContext(browser, server.url);
    try {
      const second = await other.newPage();
      await logIn(second, rep, demoCredentials.password);
      const secondTable = await openInbox(second);
      table = await openInbox(page);
      const leadId = await mqlRow(table, used);
      await row(secondTable, leadId).getByRole('button', { name: 'Accept' }).waitFor();

      await row(table, leadId).getByRole('button', { name: 'Accept' }).click();
      await table.locator(`tr[data-lead-id="${leadId}"][data-stage="accepted"]`).waitFor();

      // The second page still shows the MQL; its accept is refused and explained.
      await row(secondTable, leadId).getByRole('button', { name: 'Accept' }).click();
      const error = row(secondTable, leadId).getByTestId('action-error');
      await error.waitFor();
      expect(await error.textContent()).toMatch(/^Accept failed: the lead was already accepted/);
      // The refusal refreshed the row: accepted, nothing else changed.
      await secondTable.locator(`tr[data-lead-id="${leadId}"][data-stage="accepted"]`).waitFor();
      expect(await row(secondTable, leadId).getByRole('button', { name: 'Accept' }).count()).toBe(0);
      const history = await server.db
        .selectFrom('stage_transition')
        .select('to_stage')
        .where('lead_id', '=', leadId)
        .where('to_stage', '=', 'accepted')
        .execute();
      expect(history).toHaveLength(1);
      await screenshot(second, 'inbox-conflict');
    } finally {
      await other.close();
    }
  });

  it('refreshes live when a manager hands the rep a lead, and claims from the team queue', async () => {
    if (!(await navigation(page).isVisible())) await logIn(page, rep, demoCredentials.password);
    table = await openInbox(page);
    const users = await server.db.selectFrom('app_user').select(['id', 'email']).execute();
    const idOf = (email: string) => users.find((u) => u.email === email)!.id;
    const rep2Mqls = await server.db
      .selectFrom('lead')
      .select('id')
      .where('owner_id', '=', idOf('rep2@demo.tandem.test'))
      .where('stage', '=', 'mql')
      // The best two, so both rank within the inbox's first page.
      .orderBy('fit_grade')
      .orderBy('interest_sum', 'desc')
      .orderBy('id')
      .limit(2)
      .execute();
    const [handed, queued] = rep2Mqls.map((l) => l.id);
    if (!handed || !queued) throw new Error('the demo has too few MQLs for rep2');

    const managerContext = await newContext(browser, server.url);
    try {
      const manager = await apiSession(
        managerContext.request,
        'manager@demo.tandem.test',
        demoCredentials.password,
      );
      await manager.post(`/api/v1/leads/${handed}/reassign`, { userId: idOf(rep) });
    } finally {
      await managerContext.close();
    }
    // No reload: lead.reassigned arrives on the stream and the inbox refetches.
    await row(table, handed).waitFor();
    await row(table, handed).getByTestId('sla-countdown').first().waitFor();

    // Routing found nobody for this one: unowned, no clocks, waiting in the queue.
    await server.db
      .updateTable('lead')
      .set({ owner_id: null, team_id: null, assigned_at: null })
      .where('id', '=', queued)
      .execute();
    await server.db
      .updateTable('sla_clock')
      .set({ stopped_at: new Date(), stop_cause: 'reassigned' })
      .where('subject_id', '=', queued)
      .where('stopped_at', 'is', null)
      .execute();
    await page.reload();
    const queue = page.getByRole('table', { name: 'Unowned leads' });
    await queue.waitFor();
    const queuedRow = queue.locator('tr[data-testid="queue-row"]').filter({
      has: page.locator(`a[href="/leads/${queued}"]`),
    });
    // The demo rep holds more open leads than their cap: the claim is refused and says why.
    await queuedRow.getByRole('button', { name: 'Claim' }).click();
    await queuedRow.getByRole('alert').waitFor();
    expect(await queuedRow.getByRole('alert').textContent()).toMatch(/your cap is \d+/);
    await screenshot(page, 'inbox-queue');

    const adminContext = await newContext(browser, server.url);
    try {
      const admin = await apiSession(
        adminContext.request,
        'admin@demo.tandem.test',
        demoCredentials.password,
      );
      await admin.put(`/api/v1/routing/capacity/${idOf(rep)}`, { capacity: null });
    } finally {
      await adminContext.close();
    }
    await queuedRow.getByRole('button', { name: 'Claim' }).click();
    const claimed = row(page.getByRole('table', { name: 'My open leads' }), queued);
    await claimed.waitFor();
    expect(await claimed.getAttribute('data-stage')).toBe('mql');
    await claimed.locator('[data-testid="sla-countdown"][data-kind="accept_reject"]').waitFor();
    await queuedRow.waitFor({ state: 'detached' });
  });
});
