import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { logIn, logOut, navigation, screenshot } from './support/pages.js';
import { apiSession } from './support/pages-api.js';
import { startTestServer, type TestServer } from './support/server.js';

// Marketing drafts version 2 of the demo contract, the sales manager co-signs it; steps run in order.
describe('the lead contract, from draft to active', () => {
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

  const versions = () => page.getByRole('table', { name: 'Contract versions' });
  const versionRow = (n: number) =>
    versions()
      .getByRole('row')
      .filter({ hasText: `Version ${n}` });

  it('shows marketing the signed version 1 with who signed it', async () => {
    await logIn(page, 'marketing@demo.tandem.test', demoCredentials.password);
    await navigation(page).getByRole('link', { name: 'Lead contract' }).click();
    await versions().waitFor();
    const row = versionRow(1);
    await row.getByText('Active').waitFor();
    expect(await row.textContent()).toContain('Maya Chen');
    expect(await row.textContent()).toContain('Sam Rivera');

    await row.getByRole('link', { name: 'Version 1' }).click();
    const agreement = page.frameLocator('iframe[title="Agreement, version 1"]');
    await agreement.getByText('Sam Rivera').first().waitFor();
    await navigation(page).getByRole('link', { name: 'Lead contract' }).click();
    await versions().waitFor();
  });

  it('drafts version 2 in YAML, sees the validation error at the field, fixes it in the form and saves', async () => {
    await page.getByRole('button', { name: 'New draft from version 1' }).click();
    await page.waitForURL(/\/contract\/2\?tab=edit/);
    await page.getByRole('region', { name: 'Fit' }).waitFor();

    await page.getByText('YAML', { exact: true }).click();
    const yaml = page.getByRole('textbox', { name: 'Contract YAML' });
    const text = await yaml.inputValue();
    expect(text).toContain('minInterest: 40');
    await yaml.fill(
      text
        .replace('minInterest: 40', 'minInterest: 50')
        .replace('op: contains_word', 'op: has_word')
        .replace('points: 20', 'points: 25'),
    );
    await page.getByTestId('unsaved').waitFor();
    await page.getByRole('button', { name: 'Save draft' }).click();

    const list = page.getByRole('list', { name: 'Contract problems' });
    await list.getByText('/fit/rules/0/op').waitFor();
    expect(await list.textContent()).toMatch(/must be one of/);

    await page.getByText('Form', { exact: true }).click();
    const rule = page.getByRole('group', { name: 'Fit rule Executive title' });
    await rule.getByText(/must be one of/).waitFor();
    await rule.scrollIntoViewIfNeeded();
    await screenshot(page, 'contract-editor');

    await rule.getByRole('combobox', { name: 'Operator' }).click();
    await page.getByRole('option', { name: 'contains the word', exact: true }).click();
    expect(await rule.getByText(/must be one of/).count()).toBe(0);
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
    expect(await page.getByRole('list', { name: 'Contract problems' }).count()).toBe(0);
  });

  it('warns before leaving unsaved changes', async () => {
    await page.getByText('YAML', { exact: true }).click();
    const yaml = page.getByRole('textbox', { name: 'Contract YAML' });
    await yaml.fill((await yaml.inputValue()).replace('halfLifeDays: 30', 'halfLifeDays: 45'));
    await page.getByRole('tab', { name: 'Changes' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await dialog.getByRole('button', { name: 'Stay' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByText('Saved', { exact: true }).waitFor();
  });

  it('shows what the draft changes against the active version', async () => {
    await page.getByRole('tab', { name: 'Changes' }).click();
    const changes = page.getByRole('list', { name: 'Changes in words' });
    await changes.waitFor();
    const words = await changes.textContent();
    expect(words).toContain('MQL minimum interest 40 → 50');
    expect(words).toMatch(/half-life/i);
    const rules = page.getByRole('table', { name: 'Rule changes' });
    expect(await rules.getByRole('row').filter({ hasText: 'Executive title' }).textContent()).toMatch(
      /20.*25/,
    );
    await screenshot(page, 'contract-diff');
  });

  it('submits the draft and signs the marketing side', async () => {
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.getByRole('button', { name: 'Submit for signature' }).click();
    await page.getByText('Awaiting signatures').first().waitFor();
    await signOff.getByRole('button', { name: 'Approve for marketing' }).click();
    await signOff.getByTestId('signature-marketing').getByText('Approved').waitFor();
    expect(await signOff.getByRole('button', { name: /Approve for/ }).count()).toBe(0);
    await logOut(page);
  });

  it('lets the sales manager approve the sales side, and the version becomes active', async () => {
    await logIn(page, 'manager@demo.tandem.test', demoCredentials.password);
    await page.goto('/contract/2');
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.getByRole('button', { name: 'Approve for sales' }).click();
    await signOff.getByTestId('signature-sales').getByText('Approved').waitFor();
    await page.getByText('Active', { exact: true }).first().waitFor();

    await navigation(page).getByRole('link', { name: 'Lead contract' }).click();
    await versionRow(2).getByText('Active').waitFor();
    await versionRow(1).getByText('Superseded').waitFor();
    await screenshot(page, 'contract-versions');
  });

  it('rolls back to version 1 as a new draft, which the sales manager rejects with a comment', async () => {
    await logOut(page);
    await logIn(page, 'marketing@demo.tandem.test', demoCredentials.password);
    await page.goto('/contract/1');
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.getByRole('button', { name: 'Roll back to this version' }).click();
    await page.waitForURL(/\/contract\/3\?tab=edit/);
    await page.getByText('restores version 1').waitFor();
    await signOff.getByRole('button', { name: 'Submit for signature' }).click();
    await signOff.getByRole('button', { name: 'Approve for marketing' }).waitFor();
    await logOut(page);

    await logIn(page, 'manager@demo.tandem.test', demoCredentials.password);
    await page.goto('/contract/3');
    await signOff.getByRole('button', { name: 'Reject for sales' }).click();
    await signOff.getByText('Say why you reject it').waitFor();
    await signOff
      .getByLabel('Why you reject it (required)')
      .fill('Version 2 stays: its interest bar is right.');
    await signOff.getByRole('button', { name: 'Reject for sales' }).click();
    const sales = signOff.getByTestId('signature-sales');
    await sales.getByText('Rejected').waitFor();
    await sales.getByText('Version 2 stays').waitFor();
    await page.getByText('Rejected', { exact: true }).first().waitFor();
  });

  it('shows the server refusal when the version changed since the page was opened', async () => {
    const marketingContext = await newContext(browser, server.url);
    try {
      const marketing = await apiSession(
        marketingContext.request,
        'marketing@demo.tandem.test',
        demoCredentials.password,
      );
      const draft = await marketing.post<{ version: number }>('/api/v1/lead-contracts/1/rollback', {});
      await marketing.post(`/api/v1/lead-contracts/${draft.version}/submit`, {});
      await page.goto(`/contract/${draft.version}`);
      const signOff = page.getByRole('region', { name: 'Sign-off' });
      const approve = signOff.getByRole('button', { name: 'Approve for sales' });
      await approve.waitFor();
      await marketing.post(`/api/v1/lead-contracts/${draft.version}/withdraw`, {});
      await approve.click();
      const refusal = signOff.getByRole('alert');
      await refusal.getByText('The server refused').waitFor();
      expect(await refusal.textContent()).toContain('withdrawn');
      // The page catches up with the version as it now is.
      await page.getByText('Withdrawn', { exact: true }).first().waitFor();
      expect(await approve.count()).toBe(0);
    } finally {
      await marketingContext.close();
    }
  });

  it('offers a sales rep no sign-off or edit buttons', async () => {
    await logOut(page);
    await logIn(page, 'rep1@demo.tandem.test', demoCredentials.password);
    await page.goto('/contract/1');
    const signOff = page.getByRole('region', { name: 'Sign-off' });
    await signOff.waitFor();
    expect(await signOff.getByRole('button').count()).toBe(0);
    expect(await page.getByRole('tab', { name: 'Edit draft' }).count()).toBe(0);
  });
});
