import type { Signal } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import {
  gradeDistribution,
  interestBands,
  metricCards,
  pickableSignals,
  progressPercent,
  runFinished,
  sortSignals,
  weeklyMqls,
  windowFor,
} from './chart-data.js';

const confusion = (mqls: number, precision: number | null, recall: number | null, lift: number | null) => ({
  mqls,
  converted: 0,
  truePositives: 0,
  precision,
  recall,
  lift,
});

describe('backtest chart data', () => {
  it('puts the candidate and the active version side by side per week', () => {
    const data = weeklyMqls({
      mqlsPerWeek: [
        { week: '2026-03-02', candidate: 4, active: 6 },
        { week: '2026-03-09', candidate: 9, active: 5 },
      ],
      active: confusion(11, 0.2, 0.5, 1.5),
    });
    expect(data.categories).toEqual(['Mar 2', 'Mar 9']);
    expect(data.series).toEqual([
      { name: 'Candidate', values: [4, 9] },
      { name: 'Active', values: [6, 5] },
    ]);
    expect(data.max).toBe(9);
  });

  it('draws only the candidate when no version is active, and an empty chart with a scale', () => {
    const data = weeklyMqls({ mqlsPerWeek: [], active: null });
    expect(data.series.map((s) => s.name)).toEqual(['Candidate']);
    expect(data.max).toBe(1);
  });

  it('orders grades best first with leads without a grade last', () => {
    const data = gradeDistribution([
      { grade: 'none', count: 7 },
      { grade: 'C', count: 3 },
      { grade: 'A', count: 1 },
    ]);
    expect(data.categories).toEqual(['A', 'C', 'No grade']);
    expect(data.series[0]?.values).toEqual([1, 3, 7]);
  });

  it('labels interest bands in order', () => {
    const data = interestBands([
      { from: 10, to: 20, count: 2 },
      { from: 0, to: 10, count: 5 },
    ]);
    expect(data.categories).toEqual(['0–10', '10–20']);
    expect(data.series[0]?.values).toEqual([5, 2]);
  });

  it('compares precision, recall and lift with the active version', () => {
    const cards = metricCards({
      candidate: confusion(40, 0.25, 0.5, 2),
      active: confusion(50, 0.2, 0.6, null),
    });
    expect(cards.map((c) => [c.label, c.candidate, c.active, c.delta, c.better])).toEqual([
      ['MQLs', '40', '50', '−10', null],
      ['Precision', '25.0%', '20.0%', '+5.0 pts', true],
      ['Recall', '50.0%', '60.0%', '−10.0 pts', false],
      ['Lift', '2.00×', '—', null, null],
    ]);
  });

  it('shows no comparison without an active version', () => {
    const cards = metricCards({ candidate: confusion(3, null, 0.1, null), active: null });
    expect(cards[1]).toMatchObject({ candidate: '—', active: null, delta: null });
  });

  it('measures progress and knows when to stop polling', () => {
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 1, total: 3 })).toBe(33);
    expect(progressPercent({ done: 5, total: 3 })).toBe(100);
    expect(runFinished({ status: 'running' })).toBe(false);
    expect(runFinished({ status: 'failed' })).toBe(true);
  });

  it('gives a window ending now', () => {
    const now = new Date('2026-06-30T12:00:00.000Z');
    expect(windowFor(90, now)).toEqual({ from: '2026-04-01T12:00:00.000Z', to: '2026-06-30T12:00:00.000Z' });
  });
});

const signal = (key: string, lift: number | null, suggested: number | null, leads = 10): Signal => ({
  kind: 'interest',
  key,
  label: key,
  withSignal: { leads, converted: 1, rate: lift === null ? null : lift / 10 },
  withoutSignal: { leads: 100, converted: 5, rate: 0.05 },
  lift,
  ruleId: null,
  currentPoints: null,
  suggestedPoints: suggested,
  lowSample: leads < 30,
});

describe('signal lift table', () => {
  const signals = [signal('b', 1.2, 5), signal('a', null, null), signal('c', 3, 20), signal('d', 3, 12)];

  it('sorts by lift either way, missing values always last, ties by name', () => {
    expect(sortSignals(signals, 'lift', 'desc').map((s) => s.key)).toEqual(['c', 'd', 'b', 'a']);
    expect(sortSignals(signals, 'lift', 'asc').map((s) => s.key)).toEqual(['b', 'c', 'd', 'a']);
    expect(sortSignals(signals, 'label', 'asc').map((s) => s.key)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets only signals with a suggestion be ticked', () => {
    expect([...pickableSignals(signals)].sort()).toEqual(['b', 'c', 'd']);
  });
});
