import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeBacktest } from '../src/app/backtest/compute-backtest.js';
import { createApiKey, createWorkspace } from '../src/app/workspaces.js';
import { exampleContract } from '../src/core/scoring/example-contract.js';
import { compileContract } from '../src/core/scoring/index.js';
import { newId } from '../src/id.js';
import { createTestApp, type TestApp } from './app.js';
import { insertActiveContract } from './contracts.js';
import { basicAuth } from './ingest-setup.js';

const day = 86_400_000;
const minute = 60_000;

/** Who a person is, which decides fit (and exclusions). */
const profiles = [
  {
    email: (i: number) => `p${i}@bigco${i}.com`,
    title: 'VP Sales',
    group: { industry: 'software', employees: 300, country: 'US' },
  },
  {
    email: (i: number) => `p${i}@small${i}.com`,
    title: 'Intern',
    group: { industry: 'retail', employees: 5, country: 'BR' },
  },
  { email: (i: number) => `p${i}@gmail.com`, title: 'Head of Growth', group: null },
  { email: (i: number) => `p${i}@uni${i}.edu`, title: 'Student', group: null },
  {
    email: (i: number) => `p${i}@mid${i}.com`,
    title: 'Marketing Manager',
    group: { industry: 'internet', employees: 80, country: 'DE' },
  },
];

const behaviours: Array<Record<string, unknown>> = [
  { type: 'track', event: 'Demo Requested' },
  { type: 'track', event: 'Contact Sales', properties: { topic: 'pricing' } },
  { type: 'track', event: 'Contact Sales', properties: { topic: 'support' } },
  { type: 'track', event: 'Trial Started' },
  { type: 'track', event: 'Webinar Attended' },
  { type: 'track', event: 'Asset Downloaded', properties: { stage: 'decision' } },
  { type: 'page', name: 'Pricing', properties: { path: '/pricing' } },
  { type: 'page', name: 'Docs', properties: { path: '/docs/start' } },
  { type: 'page', name: 'Blog', properties: { path: '/blog/post' } },
  { type: 'page', name: 'Careers', properties: { path: '/careers' } },
  { type: 'track', event: 'Email Link Clicked' },
  { type: 'track', event: 'Unsubscribed' },
  { type: 'track', event: 'Something Else' },
];

const person = fc.record({
  profile: fc.integer({ min: 0, max: profiles.length - 1 }),
  events: fc.array(
    fc.record({
      what: fc.integer({ min: 0, max: behaviours.length - 1 }),
      // Minutes after the start, up to 90 days: long enough for decay to matter.
      at: fc.integer({ min: 1, max: 90 * 24 * 60 }),
    }),
    { maxLength: 10 },
  ),
});

describe('backtest of the active version over the live period', () => {
  let nowMs = Date.parse('2026-01-05T09:00:00Z');
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: () => new Date(nowMs) });
  });
  afterAll(async () => t?.close());

  it('reproduces the MQLs that really happened: the same leads, at the same events', async () => {
    let qualified = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(person, { minLength: 1, maxLength: 6 }), async (people) => {
        const db = t.handle.db;
        const start = nowMs;
        const workspaceId = (await createWorkspace(db, { name: `Replay ${newId()}` })).id;
        const writeKey = (await createApiKey(db, { workspaceId, kind: 'write' })).key;
        await insertActiveContract(db, workspaceId, start);
        let n = 0;
        const send = async (events: Array<Record<string, unknown>>) => {
          const res = await t.app.inject({
            method: 'POST',
            url: '/v1/batch',
            headers: { authorization: basicAuth(writeKey) },
            payload: {
              batch: events.map((e) => ({
                messageId: `m-${++n}`,
                timestamp: new Date(nowMs).toISOString(),
                ...e,
              })),
            },
          });
          expect(res.statusCode, res.body).toBe(200);
        };
        // Who everyone is first, so fit is settled before any behaviour (the backtest reads fit as it is now).
        const setup: Array<Record<string, unknown>> = [];
        for (const [i, p] of people.entries()) {
          const profile = profiles[p.profile]!;
          setup.push({
            type: 'identify',
            userId: `u${i}`,
            traits: { email: profile.email(i), title: profile.title },
          });
          if (profile.group) {
            setup.push({ type: 'group', userId: `u${i}`, groupId: `g${i}`, traits: profile.group });
          }
        }
        await send(setup);
        // Then every behaviour, in time order, each ingested at its own time (distinct times).
        const timeline = people
          .flatMap((p, i) =>
            p.events.map((e, k) => ({ who: i, what: e.what, at: start + e.at * minute + i * 7 + k })),
          )
          .sort((a, b) => a.at - b.at);
        for (const e of timeline) {
          nowMs = e.at;
          await send([{ ...behaviours[e.what]!, userId: `u${e.who}` }]);
        }
        nowMs = Math.max(nowMs, start) + minute;

        const live = await db
          .selectFrom('lead')
          .select(['id', 'mql_at'])
          .where('workspace_id', '=', workspaceId)
          .execute();
        const compiled = compileContract(exampleContract);
        const { dataset, candidate } = await computeBacktest(db, {
          workspaceId,
          candidate: { compiled, version: 1 },
          active: { compiled, version: 1 },
          from: new Date(start - day),
          to: new Date(nowMs),
          outcome: 'sql',
          withinDays: 90,
        });
        const replayed = new Map(
          dataset.leadIds.map((id, l) => [
            id,
            Number.isNaN(candidate.mqlAt[l]!) ? null : candidate.mqlAt[l]!,
          ]),
        );
        expect(replayed.size).toBe(live.length);
        qualified += live.filter((l) => l.mql_at !== null).length;
        for (const lead of live) {
          expect(replayed.get(lead.id), lead.id).toBe(lead.mql_at ? lead.mql_at.getTime() : null);
        }
        nowMs += day;
      }),
      { numRuns: 12 },
    );
    // The property is about MQLs: the generated histories must produce some.
    expect(qualified).toBeGreaterThan(0);
  });
});
