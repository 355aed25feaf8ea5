import { describe, expect, it } from 'vitest';
import { slaAttainment, speedToLead } from './speed-to-lead.js';

const t0 = Date.parse('2026-01-05T10:00:00Z');
const m = (minutes: number) => new Date(t0 + minutes * 60_000);

describe('speedToLead', () => {
  it('measures from MQL, takes percentile_cont, and counts unreached milestones against the shares', () => {
    const rows = [
      { group: 'ann', mqlAt: m(0), assignedAt: m(0), firstTouchAt: m(4), decisionAt: m(30) },
      { group: 'ann', mqlAt: m(0), assignedAt: m(1), firstTouchAt: m(20), decisionAt: null },
      { group: 'ann', mqlAt: m(0), assignedAt: m(2), firstTouchAt: null, decisionAt: null },
      { group: 'ben', mqlAt: m(10), assignedAt: m(10), firstTouchAt: m(100), decisionAt: m(70) },
    ];
    const [ann, ben] = speedToLead(rows);
    expect(ann).toMatchObject({ group: 'ann', leads: 3 });
    expect(ann!.assigned).toEqual({
      reached: 3,
      p50Minutes: 1,
      p95Minutes: 1.9,
      within: { m5: 1, m15: 1, m60: 1 },
    });
    expect(ann!.firstTouch).toMatchObject({
      reached: 2,
      p50Minutes: 12,
      within: { m5: 1 / 3, m15: 1 / 3, m60: 2 / 3 },
    });
    expect(ann!.decision).toMatchObject({ reached: 1, p50Minutes: 30, p95Minutes: 30 });
    expect(ben!.firstTouch).toMatchObject({ p50Minutes: 90, within: { m5: 0, m15: 0, m60: 0 } });
    expect(ben!.decision.within.m60).toBe(1);
  });

  it('is empty without leads', () => {
    expect(speedToLead([])).toEqual([]);
  });
});

describe('slaAttainment', () => {
  it('counts met by the due instant inclusive, late stops and running clocks past due as breached', () => {
    const now = m(100);
    const result = slaAttainment(
      [
        { kind: 'first_touch', dueAt: m(60), stoppedAt: m(60) },
        { kind: 'first_touch', dueAt: m(60), stoppedAt: m(61) },
        { kind: 'first_touch', dueAt: m(90), stoppedAt: null },
        { kind: 'first_touch', dueAt: m(120), stoppedAt: null },
        { kind: 'accept_reject', dueAt: m(240), stoppedAt: null },
      ],
      now,
    );
    expect(result).toEqual([
      { kind: 'accept_reject', met: 0, breached: 0, open: 1, rate: null },
      { kind: 'first_touch', met: 1, breached: 2, open: 1, rate: 1 / 3 },
    ]);
  });
});
