import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from './support/browser.js';
import {
  bundleSegmentPage,
  eventually,
  type IngestApi,
  type PageServer,
  startIngestApi,
  startPageServer,
} from './support/pages/harness.js';

type Bag = Record<string, unknown>;

interface SegmentOnPage {
  analytics: {
    page(name?: string, properties?: Bag): Promise<unknown>;
    track(event: string, properties?: Bag): Promise<unknown>;
    user(): Promise<{ anonymousId(): string | null }>;
  };
}

/**
 * Segment's own browser client (@segment/analytics-next), unmodified, sending to Tandem from
 * another origin: in its standard mode (one request per call to the short paths /v1/p, /v1/t…)
 * and its batching mode (/v1/b).
 */
describe('@segment/analytics-next in Chromium', () => {
  let api: IngestApi;
  let pages: PageServer;
  let browser: Browser;

  beforeAll(async () => {
    api = await startIngestApi();
    pages = await startPageServer(api, { '/segment.js': await bundleSegmentPage() });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await pages?.close();
    await api?.close();
  });

  const eventsOf = (anonymousId: string) =>
    api.db
      .selectFrom('event')
      .selectAll()
      .where('workspace_id', '=', api.workspaceId)
      .where('anonymous_id', '=', anonymousId)
      .orderBy('occurred_at')
      .execute();

  /** Opens the test page in a fresh profile and returns the visitor's anonymous id once the client is ready. */
  async function openSegmentPage(
    mode: 'standard' | 'batching',
  ): Promise<{ page: Page; anonymousId: string }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${pages.url}/segment.html?mode=${mode}`);
    await page.waitForFunction(
      () => (window as unknown as { analyticsReady?: boolean }).analyticsReady === true,
    );
    const anonymousId = await page.evaluate(async () => {
      const user = await (window as unknown as SegmentOnPage).analytics.user();
      return user.anonymousId();
    });
    expect(anonymousId).toBeTruthy();
    return { page, anonymousId: anonymousId! };
  }

  it.each(['standard', 'batching'] as const)(
    'stores page views and a custom event sent in %s mode',
    async (mode) => {
      const { page, anonymousId } = await openSegmentPage(mode);
      const paths: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith(api.url)) paths.push(new URL(request.url()).pathname);
      });
      await page.evaluate(async () => {
        const { analytics } = window as unknown as SegmentOnPage;
        await analytics.page('Home');
        await analytics.track('Trial Started', { plan: 'team', seats: 5 });
        await analytics.page('Pricing', { section: 'enterprise' });
      });

      const rows = await eventually(async () => {
        const found = await eventsOf(anonymousId);
        expect(found.map((r) => [r.type, r.name])).toEqual([
          ['page', 'Home'],
          ['track', 'Trial Started'],
          ['page', 'Pricing'],
        ]);
        return found;
      });
      expect(rows[1]!.properties).toMatchObject({ plan: 'team', seats: 5 });
      expect(rows[2]!.properties).toMatchObject({ section: 'enterprise' });
      expect(rows[0]!.context as Bag).toMatchObject({ library: { name: 'analytics.js' } });
      expect((rows[0]!.context as Bag).page).toMatchObject({ path: '/segment.html' });
      const messageIds = new Set(rows.map((r) => r.message_id));
      expect(messageIds.size).toBe(3);

      if (mode === 'batching') expect(paths).toContain('/v1/b');
      else expect(paths).toEqual(expect.arrayContaining(['/v1/p', '/v1/t']));
      await page.context().close();
    },
  );
});
