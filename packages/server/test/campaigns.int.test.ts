import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, csv, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';

describe('campaigns and their monthly costs', () => {
  let t: TestApp;
  let as: Record<string, Caller>;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date('2031-03-01T10:00:00Z') });
    ({ as } = await workspaceWithUsers(t, [
      ['mkt', 'marketing', 'Demand'],
      ['rep', 'sales_rep', 'Sales'],
    ]));
  });
  afterAll(async () => t?.close());

  it('lets marketing create, edit and delete campaigns and everyone read them', async () => {
    const created = await json(
      as.mkt!('POST', '/api/v1/campaigns', {
        name: 'Spring webinar',
        channel: 'webinar',
        startsOn: '2031-03-01',
        endsOn: '2031-03-31',
        costCents: 500_000,
        utm: { campaign: 'spring-webinar', sourcePattern: 'linkedin*' },
        requestedBySales: true,
      }),
      201,
    );
    expect(created).toMatchObject({
      name: 'Spring webinar',
      startsOn: '2031-03-01',
      utm: { campaign: 'spring-webinar', sourcePattern: 'linkedin*', mediumPattern: null },
      requestedBySales: true,
    });
    await expectStatus(as.rep!('POST', '/api/v1/campaigns', { name: 'Rep campaign', channel: 'event' }), 403);
    const listed = await json(as.rep!('GET', '/api/v1/campaigns'));
    expect(listed.items.map((c: { name: string }) => c.name)).toEqual(['Spring webinar']);

    const clash = await expectStatus(
      as.mkt!('POST', '/api/v1/campaigns', {
        name: 'Other',
        channel: 'email',
        utm: { campaign: 'SPRING-WEBINAR' },
      }),
      409,
    );
    expect(clash.json()).toMatchObject({ code: 'conflict', field: '/utm/campaign' });
    const badDates = await expectStatus(
      as.mkt!('PATCH', `/api/v1/campaigns/${created.id}`, { endsOn: '2031-02-01' }),
      400,
    );
    expect(badDates.json()).toMatchObject({ field: '/endsOn' });

    const edited = await json(
      as.mkt!('PATCH', `/api/v1/campaigns/${created.id}`, {
        channel: 'event',
        utm: { mediumPattern: 'social' },
      }),
    );
    expect(edited).toMatchObject({
      channel: 'event',
      utm: { campaign: 'spring-webinar', mediumPattern: 'social' },
    });

    const doomed = await json(
      as.mkt!('POST', '/api/v1/campaigns', { name: 'Doomed', channel: 'email' }),
      201,
    );
    await expectStatus(as.mkt!('DELETE', `/api/v1/campaigns/${doomed.id}`), 204);
    await expectStatus(as.rep!('GET', `/api/v1/campaigns/${doomed.id}`), 404);
  });

  it('lists each campaign with its cost to date: monthly costs up to this month, else the fixed cost', async () => {
    const monthly = await json(
      as.mkt!('POST', '/api/v1/campaigns', { name: 'Podcast ads', channel: 'audio', costCents: 777 }),
      201,
    );
    for (const [month, amountCents] of [
      ['2031-02', 1_000],
      ['2031-03', 250],
      ['2031-04', 9_000],
    ] as const) {
      await expectStatus(
        as.mkt!('PUT', `/api/v1/campaigns/${monthly.id}/costs/${month}`, { amountCents }),
        204,
      );
    }
    const later = await json(
      as.mkt!('POST', '/api/v1/campaigns', {
        name: 'Summer fair',
        channel: 'event',
        startsOn: '2031-07-01',
        costCents: 400,
      }),
      201,
    );
    const listed = await json(as.rep!('GET', '/api/v1/campaigns'));
    const costOf = (id: string) =>
      listed.items.find((c: { id: string }) => c.id === id)?.costToDateCents as number | undefined;
    expect(costOf(monthly.id)).toBe(1_250);
    expect(costOf(later.id)).toBe(0);
    await expectStatus(as.mkt!('DELETE', `/api/v1/campaigns/${monthly.id}`), 204);
    await expectStatus(as.mkt!('DELETE', `/api/v1/campaigns/${later.id}`), 204);
  });

  it('keeps one cost per campaign and month', async () => {
    const c = await json(
      as.mkt!('POST', '/api/v1/campaigns', { name: 'Brand search', channel: 'paid_search' }),
      201,
    );
    await expectStatus(as.mkt!('PUT', `/api/v1/campaigns/${c.id}/costs/2031-01`, { amountCents: 100 }), 204);
    await expectStatus(
      as.mkt!('PUT', `/api/v1/campaigns/${c.id}/costs/2031-01`, { amountCents: 250, currency: 'EUR' }),
      204,
    );
    await expectStatus(as.rep!('PUT', `/api/v1/campaigns/${c.id}/costs/2031-02`, { amountCents: 1 }), 403);
    expect((await json(as.rep!('GET', `/api/v1/campaigns/${c.id}/costs`))).items).toEqual([
      { month: '2031-01', amountCents: 250, currency: 'EUR' },
    ]);
    await expectStatus(as.mkt!('DELETE', `/api/v1/campaigns/${c.id}/costs/2031-01`), 204);
    expect((await json(as.mkt!('GET', `/api/v1/campaigns/${c.id}/costs`))).items).toEqual([]);
  });

  it('imports monthly costs from CSV: preview, refuse a file with bad rows, or import only the good ones', async () => {
    const c = await json(as.mkt!('POST', '/api/v1/campaigns', { name: 'Newsletter', channel: 'email' }), 201);
    const file = [
      'Campaign,Month,Amount,Currency',
      'newsletter,2031-01,"1,200.50",usd',
      `${c.id},2031-02,300,`,
      'Nobody,2031-01,10,USD',
      'Newsletter,2031-13,x,USD',
      'Newsletter,2031-01,99,USD',
      '',
    ].join('\n');
    const preview = await json(as.mkt!('POST', '/api/v1/imports/campaign-costs?dryRun=true', file, csv));
    expect(preview).toMatchObject({ clean: false, committed: false, totalRows: 5, goodRows: 2, badRows: 3 });
    expect(preview.preview).toEqual([
      { line: 2, values: { campaign: 'newsletter', month: '2031-01-01', amount: 120_050, currency: 'USD' } },
      { line: 3, values: { campaign: c.id, month: '2031-02-01', amount: 30_000, currency: null } },
    ]);
    expect(preview.problems).toEqual([
      { line: 4, column: 'campaign', reason: 'no campaign is named Nobody' },
      { line: 5, column: 'month', reason: 'is not a month written YYYY-MM' },
      { line: 5, column: 'amount', reason: expect.stringContaining('is not an amount') },
      { line: 6, column: 'month', reason: 'repeats the campaign and month of line 2' },
    ]);

    const refused = await expectStatus(as.mkt!('POST', '/api/v1/imports/campaign-costs', file, csv), 422);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json()).toMatchObject({ code: 'import_invalid', field: '/lines/4/campaign' });
    expect(refused.json().errors).toHaveLength(4);
    expect((await json(as.mkt!('GET', `/api/v1/campaigns/${c.id}/costs`))).items).toEqual([]);

    const partial = await json(
      as.mkt!('POST', '/api/v1/imports/campaign-costs?onlyGoodRows=true', file, csv),
    );
    expect(partial).toMatchObject({ committed: true, imported: 2, skipped: 3 });
    expect((await json(as.mkt!('GET', `/api/v1/campaigns/${c.id}/costs`))).items).toEqual([
      { month: '2031-01', amountCents: 120_050, currency: 'USD' },
      { month: '2031-02', amountCents: 30_000, currency: 'USD' },
    ]);

    await expectStatus(as.rep!('POST', '/api/v1/imports/campaign-costs?dryRun=true', file, csv), 403);
    const header = await expectStatus(
      as.mkt!('POST', '/api/v1/imports/campaign-costs', 'campaign,month\n', csv),
      422,
    );
    expect(header.json().errors).toEqual([
      { field: '/lines/1/amount', detail: 'amount is a required column' },
    ]);
    await expectStatus(as.mkt!('POST', '/api/v1/imports/nothing', file, csv), 404);
  });
});
