import { describe, expect, it } from 'vitest';
import { centsToInput, formatCents, formatRoi, formatShare, parseMoney } from './money.js';

describe('formatCents', () => {
  it('shows integer cents as money, exactly', () => {
    expect(formatCents(123_456)).toBe('$1,234.56');
    expect(formatCents(5)).toBe('$0.05');
    expect(formatCents(0)).toBe('$0.00');
    expect(formatCents(-250)).toBe('−$2.50');
    expect(formatCents(900_719_925_474_099)).toBe('$9,007,199,254,740.99');
  });

  it('rounds to whole units on request and speaks other currencies', () => {
    expect(formatCents(123_450, 'USD', { whole: true })).toBe('$1,235');
    expect(formatCents(123_449, 'USD', { whole: true })).toBe('$1,234');
    expect(formatCents(100_001, 'EUR')).toBe('€1,000.01');
  });
});

describe('parseMoney', () => {
  it('reads amounts in major units into cents', () => {
    expect(parseMoney('1250')).toBe(125_000);
    expect(parseMoney('1,250.5')).toBe(125_050);
    expect(parseMoney(' $0.07 ')).toBe(7);
    expect(parseMoney('12.')).toBe(1_200);
  });

  it('refuses what is not a non-negative amount with at most two decimals', () => {
    for (const bad of ['', 'abc', '-5', '1.234', '1e3', '.5']) expect(parseMoney(bad)).toBeNull();
  });

  it('round-trips through the input form', () => {
    for (const cents of [0, 7, 125_050, 99_999_999]) expect(parseMoney(centsToInput(cents))).toBe(cents);
  });
});

describe('shares and ROI', () => {
  it('says percentages plainly and a dash when unknown', () => {
    expect(formatShare(0.4734)).toBe('47.3 %');
    expect(formatShare(null)).toBe('—');
    expect(formatRoi(1.5)).toBe('+150 %');
    expect(formatRoi(-0.25)).toBe('−25 %');
    expect(formatRoi(0)).toBe('0 %');
    expect(formatRoi(null)).toBe('—');
  });
});
