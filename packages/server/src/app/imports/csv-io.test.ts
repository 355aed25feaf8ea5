import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailColumn, moneyColumn } from '../../core/csv/columns.js';
import { formulaGuard, startsFormula } from '../../core/csv/formula-guard.js';
import type { RowOutcome } from '../../core/csv/validate-rows.js';
import { csvText, readCsv } from './csv-io.js';

const cellText = fc.oneof(
  fc.string(),
  fc.string().map((s) => `=${s}`),
  fc.constantFrom('+1', '-1+2', '@SUM(A1)', '\tx', '\rx', 'a,b', 'say "hi"', 'two\nlines', ''),
);

describe('csv export', () => {
  it('never lets a text cell start a formula, and round-trips apart from the guard', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cellText, { minLength: 2, maxLength: 2 }), { maxLength: 20 }),
        async (rows) => {
          const columns = [0, 1].map((i) => ({ header: `c${i}`, value: (r: string[]) => r[i] }));
          const text = await csvText(columns, rows);
          const back: string[][] = parse(text, { relax_quotes: false });
          expect(back[0]).toEqual(['c0', 'c1']);
          expect(back.slice(1)).toHaveLength(rows.length);
          back.slice(1).forEach((record, r) => {
            record.forEach((cell, i) => {
              const original = rows[r]![i]!;
              expect(startsFormula(cell)).toBe(false);
              expect(cell).toBe(startsFormula(original) ? `${formulaGuard}${original}` : original);
            });
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('writes numbers as numbers', async () => {
    const text = await csvText([{ header: 'n', value: (r: number) => r }], [-5, 1.5]);
    expect(text).toBe('n\n-5\n1.5\n');
  });
});

describe('csv import reading', () => {
  const schema = [
    emailColumn('email', { required: true, description: '' }),
    moneyColumn('amount', { description: '' }),
  ];
  const read = async (text: string, maxRows = 100) => {
    const outcomes: RowOutcome[] = [];
    const end = await readCsv(text, schema, (o) => void outcomes.push(o), { maxRows });
    return { outcomes, end };
  };

  it('numbers lines from the header, quoted newlines included', async () => {
    const { outcomes, end } = await read('\uFEFFemail,amount\na@b.co,1\n"x\ny",2\n\nc@d.co,zz\n');
    expect(end.fileProblems).toEqual([]);
    expect(outcomes.map((o) => [o.line, o.ok])).toEqual([
      [2, true],
      [4, false],
      [6, false],
    ]);
  });

  it('reports broken quoting, a bad header, an empty file and too many rows', async () => {
    expect((await read('email,amount\n"a@b.co,1\n')).end.fileProblems[0]?.reason).toMatch(/not valid CSV/);
    expect((await read('mail,amount\n')).end.fileProblems.length).toBeGreaterThan(0);
    expect((await read('')).end.fileProblems[0]?.reason).toMatch(/empty/);
    expect((await read('email\na@b.co\nb@b.co\n', 1)).end.fileProblems[0]).toMatchObject({ line: 3 });
  });
});
