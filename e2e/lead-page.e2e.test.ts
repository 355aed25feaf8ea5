import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, navigation, screenshot } from './support/pages.js';
import { apiSession, trackForLead } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

describe('a sales rep on a lead page', () => {
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

  it('sees fit grade and interest in the leads list and opens a lead from it', async () => {
    await logIn(page, 'rep1@demo.tandem.test', demoCredentials.password);
    await navigation(page).getByRole('link', { name: 'My leads' }).click();
    await page.goto('/leads?stage=mql');
    const table = page.getByRole('table', { name: 'Leads' });
    await table.waitFor();
    const header = await table.locator('thead').textContent();
    expect(header).toContain('Fit');
    expect(header).toContain('Interest');
    await table.locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
  });

  it('reads why the lead has its score, with totals equal to the stored score', async () => {
    // Demo leads are generated, not scored event by event: one tracked event makes live scoring
    // score this lead, after which the stored score and the explanation must agree to the cent.
    const leadId = new URL(page.url()).pathname.split('/').pop() ?? '';
    const adminContext = await newContext(browser, server.url);
    try {
      const admin = await apiSession(
        adminContext.request,
        'admin@demo.tandem.test',
        demoCredentials.password,
      );
      await trackForLead(adminContext.request, admin, { leadId, event: 'Webinar Attended' });
    } finally {
      await adminContext.close();
    }
    await page.reload();
    const explanation = page.getByRole('region', { name: 'Score explanation' });
    await explanation.waitFor();
    await explanation.getByRole('table', { name: 'Fit rules hit' }).waitFor();
    const totals = await explanation.getByTestId('score-totals').textContent();
    expect(totals).toMatch(/^Totals match the stored score/);

    const fitTotal = Number(await explanation.getByTestId('fit-total').textContent());
    const headerFit = await page.getByTestId('lead-fit-points').textContent();
    expect(headerFit).toBe(`${fitTotal} points`);

    // The interest total is the sum of the rows' "counts now" column, to the cent.
    const interestTotal = await explanation.getByTestId('interest-total').textContent();
    const cells = await explanation
      .getByRole('table', { name: 'Interest rules hit' })
      .locator('tbody tr td:nth-child(7)')
      .allTextContents();
    const cents = cells.reduce((sum, c) => sum + Math.round(Number(c.replace('−', '-')) * 100), 0);
    expect((cents / 100).toFixed(2)).toBe(interestTotal);
    await explanation.getByRole('region', { name: 'MQL' }).waitFor();
    await screenshot(page, 'lead-page');
  });

  it('says a lead out of reach is not found', async () => {
    await page.goto('/leads/00000000-0000-7000-8000-000000000000');
    await page.getByText('Lead not found').waitFor();
  });
});
