import { describe, expect, it } from 'vitest';
import { cohortGrid, heatColor } from './cohort-grid.js';

const cohort = (month: string, size: number, shares: [number, number, number], complete = true) => ({
  month,
  size,
  complete,
  reached: (['sql', 'opportunity', 'won'] as const).map((stage, i) => ({
    stage,
    count: Math.round((shares[i] ?? 0) * size),
    share: shares[i] ?? 0,
  })),
});

describe('cohortGrid', () => {
  it('shades each cell against the best share in its column', () => {
    const grid = cohortGrid({
      cohorts: [cohort('2026-01', 100, [0.4, 0.1, 0.05]), cohort('2026-02', 50, [0.2, 0.2, 0], false)],
    });
    expect(grid.stages).toEqual(['sql', 'opportunity', 'won']);
    expect(grid.rows[0]?.cells.map((c) => c.heat)).toEqual([1, 0.5, 1]);
    expect(grid.rows[1]?.cells.map((c) => c.heat)).toEqual([0.5, 1, 0]);
    expect(grid.rows[1]).toMatchObject({ month: '2026-02', size: 50, complete: false });
    expect(grid.rows[0]?.cells[0]).toMatchObject({ count: 40, share: 0.4 });
  });

  it('has the default columns and no rows without cohorts', () => {
    expect(cohortGrid({ cohorts: [] })).toEqual({ stages: ['sql', 'opportunity', 'won'], rows: [] });
  });
});

describe('heatColor', () => {
  it('grows more opaque with the heat and stays in range', () => {
    expect(heatColor(0)).toBe('rgba(34, 139, 230, 0.06)');
    expect(heatColor(1)).toBe('rgba(34, 139, 230, 0.70)');
    expect(heatColor(7)).toBe(heatColor(1));
  });
});
