import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvText } from '../app/imports/csv-io.js';
import { fieldColumns, fieldRows } from './report-export.js';

describe('fieldRows', () => {
  it('names nested figures by path, array items by their stage, month, group or step', () => {
    const rows = fieldRows({
      counts: { reached: { lead: 3 } },
      conversion: [{ from: 'lead', to: 'mql', rate: 0.5 }],
      leakage: [{ from: null, to: 'lost', reasonCode: null, count: 1 }],
      groups: [{ group: null, rate: 1 }],
      cohorts: [{ month: '2031-03', size: 2 }],
      at: new Date('2031-03-01T00:00:00Z'),
      list: [7],
    });
    expect(rows).toEqual([
      { field: 'counts.reached.lead', value: 3 },
      { field: 'conversion.lead>mql.from', value: 'lead' },
      { field: 'conversion.lead>mql.to', value: 'mql' },
      { field: 'conversion.lead>mql.rate', value: 0.5 },
      { field: 'leakage.(new)>lost:(none).from', value: null },
      { field: 'leakage.(new)>lost:(none).to', value: 'lost' },
      { field: 'leakage.(new)>lost:(none).reasonCode', value: null },
      { field: 'leakage.(new)>lost:(none).count', value: 1 },
      { field: 'groups.(none).group', value: null },
      { field: 'groups.(none).rate', value: 1 },
      { field: 'cohorts.2031-03.month', value: '2031-03' },
      { field: 'cohorts.2031-03.size', value: 2 },
      { field: 'at', value: '2031-03-01T00:00:00.000Z' },
      { field: 'list.0', value: 7 },
    ]);
  });

  it('keeps every figure, and no exported text cell can start a formula', async () => {
    const leaf = fc.oneof(
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', 'a', ''), fc.string()).map(([a, b]) => a + b),
    );
    const tree = fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => !k.includes('.')),
      fc.oneof(
        leaf,
        fc.dictionary(
          fc.string({ minLength: 1 }).filter((k) => !k.includes('.')),
          leaf,
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(tree, async (report) => {
        const rows = fieldRows(report);
        const leaves = Object.values(report).reduce<number>(
          (n, v) => n + (v !== null && typeof v === 'object' ? Math.max(1, Object.keys(v).length) : 1),
          0,
        );
        expect(rows.length).toBeLessThanOrEqual(leaves);
        for (const [key, value] of Object.entries(report)) {
          if (value === null || typeof value !== 'object') expect(rows).toContainEqual({ field: key, value });
        }
        const text = await csvText(fieldColumns, rows);
        const { parse } = await import('csv-parse/sync');
        const cells = (parse(text, { relax_column_count: true }) as string[][]).flat();
        for (const cell of cells) {
          if (/^-?\d+$/.test(cell)) continue;
          expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
