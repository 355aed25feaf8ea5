import { describe, expect, it } from 'vitest';
import {
  dateColumn,
  emailColumn,
  moneyColumn,
  monthColumn,
  normaliseDomain,
  parseMoneyCents,
  textColumn,
} from './columns.js';
import { exportCell, startsFormula } from './formula-guard.js';
import { ReportBuilder, readHeader, validateRecord } from './validate-rows.js';

describe('csv columns', () => {
  it('reads money exactly into cents', () => {
    expect(parseMoneyCents('1234.5')).toBe(123_450);
    expect(parseMoneyCents('1,234.56')).toBe(123_456);
    expect(parseMoneyCents('0.07')).toBe(7);
    expect(parseMoneyCents('19.99')).toBe(1_999);
    expect(parseMoneyCents('-5')).toBeNull();
    expect(parseMoneyCents('1.234')).toBeNull();
    expect(parseMoneyCents('1e5')).toBeNull();
    expect(parseMoneyCents('99999999999999999999')).toBeNull();
    expect(moneyColumn('amount', { description: '' }).parse('abc')).toMatchObject({ ok: false });
  });

  it('reads dates, months and domains', () => {
    const date = dateColumn('close_date', { description: '' });
    expect(date.parse('2025-02-28')).toEqual({ ok: true, value: '2025-02-28' });
    expect(date.parse('2025-02-30')).toMatchObject({ ok: false });
    const month = monthColumn('month', { description: '' });
    expect(month.parse('2025-03')).toEqual({ ok: true, value: '2025-03-01' });
    expect(month.parse('2025-13')).toMatchObject({ ok: false });
    expect(normaliseDomain('https://www.Acme.com/pricing')).toBe('acme.com');
    expect(normaliseDomain('not a domain')).toBeNull();
  });

  it('exports cells with the formula guard', () => {
    expect(exportCell('=1+1')).toBe("'=1+1");
    expect(exportCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(exportCell('\tx')).toBe("'\tx");
    expect(exportCell('plain')).toBe('plain');
    expect(exportCell(-5)).toBe('-5');
    expect(exportCell(null)).toBe('');
    expect(startsFormula(exportCell('-cmd|calc'))).toBe(false);
  });
});

describe('row validation', () => {
  const schema = [
    emailColumn('email', { required: true, description: '' }),
    textColumn('name', { description: '', maxLength: 5 }),
    moneyColumn('amount', { required: true, description: '' }),
  ];

  it('refuses unknown, repeated and missing columns in the header', () => {
    const { problems } = readHeader(schema, ['Email', 'email', 'nmae']);
    expect(problems).toEqual([
      { line: 1, column: 'email', reason: 'appears twice' },
      expect.objectContaining({ line: 1, column: 'nmae' }),
      { line: 1, column: 'amount', reason: 'is a required column' },
    ]);
  });

  it('reports every bad cell of a row with its line and column', () => {
    const { map } = readHeader(schema, [' EMAIL ', 'name', 'amount']);
    expect(validateRecord(schema, map, ['a@b.co', '', '12'], 2)).toEqual({
      ok: true,
      line: 2,
      values: { email: 'a@b.co', name: null, amount: 1200 },
    });
    expect(validateRecord(schema, map, ['nope', 'toolong', ''], 3)).toEqual({
      ok: false,
      line: 3,
      problems: [
        { line: 3, column: 'email', reason: 'is not an email address' },
        { line: 3, column: 'name', reason: 'is longer than 5 characters' },
        { line: 3, column: 'amount', reason: 'is required' },
      ],
    });
    expect(validateRecord(schema, map, ['a@b.co'], 4)).toMatchObject({
      ok: false,
      problems: [{ column: null }],
    });
  });

  it('builds a report with a bounded preview and problem list', () => {
    const report = new ReportBuilder({ previewRows: 1, maxProblems: 2 });
    report.add({ ok: true, line: 2, values: { a: 1 } });
    report.add({ ok: true, line: 3, values: { a: 2 } });
    for (const line of [4, 5, 6])
      report.add({ ok: false, line, problems: [{ line, column: 'a', reason: 'bad' }] });
    expect(report.clean).toBe(false);
    expect(report.result()).toMatchObject({
      totalRows: 5,
      goodRows: 2,
      badRows: 3,
      preview: [{ line: 2 }],
      problemsTruncated: true,
    });
    expect(report.result().problems).toHaveLength(2);
  });
});
