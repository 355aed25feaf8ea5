import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { type Caller, csv, expectStatus, json, workspaceWithUsers } from './closed-loop-helpers.js';

describe('opportunities, pipeline stages, contact roles and their CSV imports', () => {
  let t: TestApp;
  let as: Record<string, Caller>;
  let key: Caller;
  const now = new Date('2031-04-01T12:00:00Z');

  beforeAll(async () => {
    t = await createTestApp({ clock: () => now });
    ({ as, key } = await workspaceWithUsers(t, [
      ['mgr', 'sales_manager', 'East'],
      ['rep1', 'sales_rep', 'East'],
      ['rep2', 'sales_rep', 'West'],
      ['mkt', 'marketing', 'Demand'],
    ]));
  });
  afterAll(async () => t?.close());

  it('imports contacts, creating accounts from company domains', async () => {
    const file = [
      'email,first_name,last_name,title,company_domain,company',
      'Bob@Acme.test,Bob,Stone,CFO,www.acme.test,Acme Inc.',
      'eve@acme.test,Eve,,CTO,acme.test,',
      'ann@globex.test,Ann,Lee,,globex.test,',
      'not-an-email,X,,,,',
      'bob@acme.test,Bobby,,,,',
    ].join('\n');
    const preview = await json(as.mkt!('POST', '/api/v1/imports/contacts?dryRun=true', file, csv));
    expect(preview).toMatchObject({ totalRows: 5, goodRows: 3, badRows: 2, committed: false });
    expect(preview.problems).toEqual([
      { line: 5, column: 'email', reason: 'is not an email address' },
      { line: 6, column: 'email', reason: 'repeats line 2' },
    ]);
    await expectStatus(as.rep1!('POST', '/api/v1/imports/contacts', file, csv), 403);
    const done = await json(as.mkt!('POST', '/api/v1/imports/contacts?onlyGoodRows=true', file, csv));
    expect(done).toMatchObject({ imported: 3, skipped: 2, committed: true });
    const accounts = await t.handle.db
      .selectFrom('account')
      .select(['name', 'domain'])
      .orderBy('domain')
      .execute();
    expect(accounts).toEqual([
      { name: 'Acme Inc.', domain: 'acme.test' },
      { name: 'globex.test', domain: 'globex.test' },
    ]);
    // Re-importing updates: non-empty cells win, empty cells keep what is there.
    await json(as.mkt!('POST', '/api/v1/imports/contacts', 'email,title\nbob@acme.test,CEO\n', csv));
    const bob = await t.handle.db
      .selectFrom('contact')
      .select(['first_name', 'title'])
      .where('email', '=', 'bob@acme.test')
      .executeTakeFirstOrThrow();
    expect(bob).toEqual({ first_name: 'Bob', title: 'CEO' });
  });

  it('creates deals under the pipeline’s rules and the access rules', async () => {
    const stages = await json(as.rep1!('GET', '/api/v1/pipeline-stages'));
    expect(stages.items.map((s: { key: string }) => s.key)).toEqual([
      'discovery',
      'demo',
      'proposal',
      'negotiation',
      'closed_won',
      'closed_lost',
    ]);
    const account = await t.handle.db
      .selectFrom('account')
      .select('id')
      .where('domain', '=', 'acme.test')
      .executeTakeFirstOrThrow();
    const deal = await json(
      as.rep1!('POST', '/api/v1/opportunities', {
        name: 'Acme platform',
        accountId: account.id,
        amountCents: 1_200_000,
      }),
      201,
    );
    expect(deal).toMatchObject({
      stage: 'discovery',
      probability: 10,
      status: 'open',
      ownerId: as.rep1!.userId,
      account: { name: 'Acme Inc.' },
    });
    await expectStatus(as.mkt!('POST', '/api/v1/opportunities', { name: 'x', amountCents: 1 }), 403);
    const other = await expectStatus(
      as.rep1!('POST', '/api/v1/opportunities', { name: 'x', amountCents: 1, ownerId: as.rep2!.userId }),
      403,
    );
    expect(other.json()).toMatchObject({ field: '/ownerId' });

    // rep2 (another team) cannot see it; the manager of rep1's team and marketing can.
    await expectStatus(as.rep2!('GET', `/api/v1/opportunities/${deal.id}`), 404);
    await expectStatus(as.rep2!('PATCH', `/api/v1/opportunities/${deal.id}`, { amountCents: 1 }), 404);
    await json(as.mgr!('GET', `/api/v1/opportunities/${deal.id}`));
    expect((await json(as.mkt!('GET', '/api/v1/opportunities'))).items).toHaveLength(1);
    expect((await json(as.rep2!('GET', '/api/v1/opportunities'))).items).toHaveLength(0);

    const moved = await json(as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'proposal' }));
    expect(moved).toMatchObject({ stage: 'proposal', probability: 50 });
    const tuned = await json(
      as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { probability: 60, closeDate: '2031-05-31' }),
    );
    expect(tuned).toMatchObject({ stage: 'proposal', probability: 60, closeDate: '2031-05-31' });
    expect(
      (
        await expectStatus(as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'nope' }), 400)
      ).json(),
    ).toMatchObject({ field: '/stage' });
    expect(
      (
        await expectStatus(as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { status: 'lost' }), 400)
      ).json(),
    ).toMatchObject({ field: '/reason' });
    const lost = await json(
      as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { status: 'lost', reason: 'price' }),
    );
    expect(lost).toMatchObject({
      stage: 'closed_lost',
      probability: 0,
      status: 'lost',
      lostReason: 'price',
      closedAt: now.toISOString(),
    });
    const reopened = await json(
      as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'negotiation' }),
    );
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, lostReason: null, probability: 75 });
    const won = await json(
      as.rep1!('PATCH', `/api/v1/opportunities/${deal.id}`, { stage: 'closed_won', reason: 'best fit' }),
    );
    expect(won).toMatchObject({ status: 'won', wonReason: 'best fit', probability: 100 });
  });

  it('keeps contact roles, one primary per deal', async () => {
    const { items } = await json(as.rep1!('GET', '/api/v1/opportunities'));
    const id = items[0].id as string;
    const contacts = await t.handle.db
      .selectFrom('contact')
      .select(['id', 'email'])
      .orderBy('email')
      .execute();
    const [ann, bob, eve] = contacts.map((c) => c.id);
    await json(
      as.rep1!('PUT', `/api/v1/opportunities/${id}/contact-roles/${bob}`, {
        role: 'economic_buyer',
        isPrimary: true,
      }),
    );
    const withTwo = await json(
      as.rep1!('PUT', `/api/v1/opportunities/${id}/contact-roles/${eve}`, {
        role: 'champion',
        isPrimary: true,
      }),
    );
    expect(withTwo.contactRoles).toEqual([
      { contactId: eve, role: 'champion', isPrimary: true, name: 'Eve', email: 'eve@acme.test' },
      {
        contactId: bob,
        role: 'economic_buyer',
        isPrimary: false,
        name: 'Bob Stone',
        email: 'bob@acme.test',
      },
    ]);
    // Ann works elsewhere and the rep has no lead or deal there: out of reach.
    await expectStatus(
      as.rep1!('PUT', `/api/v1/opportunities/${id}/contact-roles/${ann}`, { role: 'x' }),
      404,
    );
    await expectStatus(as.rep1!('DELETE', `/api/v1/opportunities/${id}/contact-roles/${bob}`), 204);
    expect((await json(as.mgr!('GET', `/api/v1/opportunities/${id}`))).contactRoles).toHaveLength(1);
  });

  it('lets an admin configure the pipeline', async () => {
    const bad = await expectStatus(
      key('PUT', '/api/v1/pipeline-stages', {
        items: [
          { key: 'a', name: 'A', probability: 10, outcome: 'open' },
          { key: 'won', name: 'Won', probability: 100, outcome: 'won' },
          { key: 'won2', name: 'Won', probability: 100, outcome: 'won' },
        ],
      }),
      400,
    );
    expect(bad.json().errors).toEqual(
      expect.arrayContaining([
        { field: '', detail: 'needs exactly one won stage' },
        { field: '', detail: 'needs exactly one lost stage' },
      ]),
    );
    await expectStatus(as.mgr!('PUT', '/api/v1/pipeline-stages', { items: [] }), 403);
    const items = [
      { key: 'qualify', name: 'Qualify', probability: 20, outcome: 'open' },
      { key: 'commit', name: 'Commit', probability: 90, outcome: 'open' },
      { key: 'won', name: 'Won', probability: 100, outcome: 'won' },
      { key: 'lost', name: 'Lost', probability: 0, outcome: 'lost' },
    ];
    expect((await json(key('PUT', '/api/v1/pipeline-stages', { items }))).items).toEqual(items);
  });

  it('imports opportunities after checking every row', async () => {
    const file = [
      'name,account,amount,currency,stage,close_date,created_date,owner_email,reason,contact_emails',
      'Acme expansion,acme.test,"25,000.00",usd,commit,2031-06-30,2031-02-01,rep1@acme.test,,bob@acme.test;eve@acme.test',
      'Globex pilot,globex.test,5000,,won,2031-03-15,2031-01-10,,,ann@globex.test',
      'Unknown,nowhere.test,10,,qualify,,,,,',
      'Lost one,acme.test,10,,lost,2031-03-01,2031-02-01,,,',
      'Bad stage,acme.test,10,,closed_won,,,nobody@acme.test,,zed@acme.test',
    ].join('\n');
    const preview = await json(as.mgr!('POST', '/api/v1/imports/opportunities?dryRun=true', file, csv));
    expect(preview.problems).toEqual([
      { line: 4, column: 'account', reason: 'no account has the domain or id nowhere.test' },
      { line: 5, column: 'reason', reason: 'is required for a lost deal' },
      { line: 6, column: 'stage', reason: 'is not a stage of this pipeline (qualify, commit, won, lost)' },
      { line: 6, column: 'owner_email', reason: 'no user has the email nobody@acme.test' },
      { line: 6, column: 'contact_emails', reason: 'no contact has the email zed@acme.test' },
    ]);
    await expectStatus(as.mgr!('POST', '/api/v1/imports/opportunities', file, csv), 422);
    await expectStatus(as.rep1!('POST', '/api/v1/imports/opportunities?dryRun=true', file, csv), 403);
    const done = await json(as.mgr!('POST', '/api/v1/imports/opportunities?onlyGoodRows=true', file, csv));
    expect(done).toMatchObject({ imported: 2, skipped: 3 });

    const list = (await json(key('GET', '/api/v1/opportunities?limit=10'))).items as Array<
      Record<string, unknown>
    >;
    const expansion = list.find((o) => o.name === 'Acme expansion')!;
    expect(expansion).toMatchObject({
      amountCents: 2_500_000,
      stage: 'commit',
      probability: 90,
      status: 'open',
      ownerId: as.rep1!.userId,
      createdAt: '2031-02-01T00:00:00.000Z',
    });
    const pilot = list.find((o) => o.name === 'Globex pilot')!;
    expect(pilot).toMatchObject({
      status: 'won',
      closedAt: '2031-03-15T00:00:00.000Z',
      ownerId: as.mgr!.userId,
    });
    const detail = await json(key('GET', `/api/v1/opportunities/${expansion.id}`));
    expect(detail.contactRoles.map((r: { isPrimary: boolean }) => r.isPrimary)).toEqual([true, false]);
    // The imported deal owned by rep1 is visible to rep1; the manager's own one is not.
    const mine = (await json(as.rep1!('GET', '/api/v1/opportunities'))).items.map(
      (o: { name: string }) => o.name,
    );
    expect(mine).toContain('Acme expansion');
    expect(mine).not.toContain('Globex pilot');
  });
});
