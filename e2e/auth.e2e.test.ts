import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { demoCredentials } from '../packages/server/src/app/seed-demo.js';
import { launchBrowser, newContext } from './support/browser.js';
import { fillLogin, logIn, logOut, navigation, screenshot } from './support/pages.js';
import { startTestServer, type TestServer } from './support/server.js';

const demoEmail = (who: string) => `${who}@demo.tandem.test`;

describe('login, navigation by role, logout', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    await context?.close();
    context = await newContext(browser, server.url);
    page = await context.newPage();
  });

  it('sends a visitor without a session to the login page', async () => {
    await page.goto('/');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await screenshot(page, 'login');
  });

  it('says so when the password is wrong, and stays on the login page', async () => {
    await fillLogin(page, demoEmail('marketing'), 'not-the-password');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('The email or password is incorrect.');
    expect(new URL(page.url()).pathname).toBe('/login');
  });

  it('tells how long to wait after too many failed attempts', async () => {
    await page.goto('/login');
    const alert = page.getByRole('alert');
    // The server refuses an email after 5 failures in 15 minutes (TANDEM_LOGIN_MAX_FAILURES).
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/login'));
      await fillLogin(page, demoEmail('partner'), `wrong-password-${attempt}`);
      expect((await answered).status()).toBe(attempt < 5 ? 401 : 429);
    }
    await alert.getByText(/Too many failed attempts\. Try again in \d+ (minute|second)s?\./).waitFor();
  });

  it('shows a sales rep "My leads" and no settings', async () => {
    await logIn(page, demoEmail('rep1'), demoCredentials.password);
    const nav = navigation(page);
    await nav.getByRole('link', { name: 'My leads' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Settings' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Team leads' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'User menu' }).textContent()).toContain('Sales rep');

    await nav.getByRole('link', { name: 'My leads' }).click();
    await page.getByRole('heading', { name: 'My leads', level: 2 }).waitFor();

    // Typing the address does not open settings either.
    await page.goto('/settings');
    await page.getByText('You do not have access to workspace settings.').waitFor();
  });

  it('shows a sales manager "Team leads"', async () => {
    await logIn(page, demoEmail('manager'), demoCredentials.password);
    await navigation(page).getByRole('link', { name: 'Team leads' }).waitFor();
    expect(await navigation(page).getByRole('link', { name: 'Settings' }).count()).toBe(0);
  });

  it('returns to the page asked for after logging in', async () => {
    await page.goto('/leads?stage=mql');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await logIn(page, demoEmail('marketing'), demoCredentials.password);
    await page.getByRole('heading', { name: 'Leads', level: 2 }).waitFor();
    const url = new URL(page.url());
    expect(url.pathname).toBe('/leads');
    expect(url.searchParams.get('stage')).toBe('mql');
  });

  it('shows a friendly page for unknown addresses', async () => {
    await logIn(page, demoEmail('rep1'), demoCredentials.password);
    await page.goto('/no-such-page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await page.getByRole('link', { name: 'Go to home' }).click();
    await navigation(page).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('logs out back to the login page, and the session is gone', async () => {
    await logIn(page, demoEmail('rep1'), demoCredentials.password);
    await logOut(page);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto('/');
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
  });
});
