import { type LeadStage, leadStages } from '@tandem/contracts';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastReport, funnelForecastAt } from '../src/app/forecast.js';
import { funnelHealthReport } from '../src/app/funnel-report.js';
import type { Viewer } from '../src/app/viewer.js';
import { createWorkspace } from '../src/app/workspaces.js';
import { funnelCounts, leakageByReason, stageVelocity } from '../src/core/funnel/index.js';
import type { FunnelTransition } from '../src/core/funnel/types.js';
import { newId } from '../src/id.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

const base = Date.UTC(2031, 0, 1);
const hour = 3_600_000;

// Distinct times within a lead (gaps of at least an hour): ids, and so the order of equal instants, are random.
const history = fc.array(
  fc.array(fc.tuple(fc.constantFrom(...leadStages), fc.integer({ min: 1, max: 24 * 20 })), {
    minLength: 1,
    maxLength: 6,
  }),
  { minLength: 1, maxLength: 8 },
);
const window = fc
  .tuple(
    fc.integer({ min: 0, max: 24 * 60 }),
    fc.integer({ min: 1, max: 24 * 60 }),
    fc.integer({ min: 1, max: 30 }),
    fc.integer({ min: 1, max: 30 }),
  )
  .map(([start, length, lookbackDays, accuracyDays]) => ({
    since: new Date(base + start * hour),
    until: new Date(base + (start + length) * hour),
    lookbackDays,
    accuracyDays,
  }));

/**
 * The report reads only the leads that moved in its window and counts stages at the window's end
 * in the database. Whatever the history, it must say exactly what the funnel maths says over the
 * whole stored history.
 */
describe('funnel health over stored history', () => {
  let handle: DbHandle;
  let run = 0;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(async () => handle?.close());

  it('agrees with the funnel maths over every transition, for any history and window', async () => {
    await fc.assert(
      fc.asyncProperty(history, window, async (leads, w) => {
        const db = handle.db;
        const ws = await createWorkspace(db, { name: 'Prop', slug: `prop-${++run}-${Date.now() % 100000}` });
        const viewer: Viewer = {
          workspaceId: ws.id,
          userId: null,
          role: 'admin',
          teamId: null,
          partnerId: null,
        };
        const all: FunnelTransition[] = [];
        for (const [i, steps] of leads.entries()) {
          const contactId = newId();
          const leadId = newId();
          await db
            .insertInto('contact')
            .values({
              workspace_id: ws.id,
              id: contactId,
              email: null,
              first_name: null,
              last_name: null,
              title: null,
              phone: null,
              country: null,
              account_id: null,
              owner_id: null,
              partner_id: null,
              traits: '{}',
              consent: '{}',
              created_at: new Date(base),
              updated_at: new Date(base),
            })
            .execute();
          await db
            .insertInto('lead')
            .values({
              workspace_id: ws.id,
              id: leadId,
              contact_id: contactId,
              // The lead's stage is its last transition's, as the store keeps it.
              stage: steps.at(-1)![0],
              owner_id: null,
              team_id: null,
              partner_id: null,
              source: `s${i % 2}`,
              fit_grade: null,
              interest_ref_at: null,
              contract_version: null,
              mql_at: null,
              created_at: new Date(base),
              updated_at: new Date(base),
            })
            .execute();
          let from: LeadStage | null = null;
          let t = base;
          const rows = [];
          for (const [to, gap] of steps) {
            t += gap * hour;
            const row = {
              leadId,
              from,
              to,
              at: new Date(t),
              reasonCode: gap % 2 ? 'r' : null,
              contractVersion: 1,
            };
            all.push(row);
            rows.push({
              workspace_id: ws.id,
              id: newId(t),
              lead_id: leadId,
              from_stage: from,
              to_stage: to,
              at: row.at,
              cause: 'user' as const,
              actor_id: null,
              reason_code: row.reasonCode,
              note: null,
              contract_version: 1,
            });
            from = to;
          }
          await db.insertInto('stage_transition').values(rows).execute();
        }
        const report = await funnelHealthReport(db, viewer, {
          from: w.since,
          to: w.until,
          funnel: null,
          now: w.until,
        });
        const sorted = [...all].sort((a, b) => a.at.getTime() - b.at.getTime());
        const span = { since: w.since, until: w.until };
        const expected = funnelCounts(sorted, span);
        expect(report.counts).toEqual(expected);
        expect(report.velocity).toEqual(stageVelocity(sorted, span));
        expect(report.leakage.map(({ reasonLabel: _, ...row }) => row)).toEqual(
          leakageByReason(sorted, span),
        );

        // The forecast reads the leads that moved since its earliest window, or are still open.
        const lookbackDays = w.lookbackDays;
        const forecast = await forecastReport(db, viewer, {
          asOf: w.until,
          lookbackDays,
          horizonDays: 30,
          accuracyDays: w.accuracyDays,
          currency: 'USD',
          funnel: null,
        });
        const { open: _open, ...expectedNow } = funnelForecastAt(sorted, [], {
          at: w.until,
          lookbackDays,
          horizonEnd: new Date(w.until.getTime() + 30 * 86_400_000),
        });
        const { open: _o, horizonEnd: _h, ...actualNow } = forecast.funnelForecast;
        expect(actualNow).toEqual(expectedNow);
      }),
      { numRuns: 15 },
    );
  }, 240_000);
});
