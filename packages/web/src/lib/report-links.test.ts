import { describe, expect, it } from 'vitest';
import { formatCount, monthLabel, reportHref } from './report-links.js';

describe('reportHref', () => {
  it('keeps the page’s query, drops empty values and asks for the format', () => {
    expect(
      reportHref('/api/v1/reports/funnel/cohorts', { months: 12, withinDays: 90, funnel: null }, 'csv'),
    ).toBe('/api/v1/reports/funnel/cohorts?months=12&withinDays=90&format=csv');
    expect(reportHref('/api/v1/goals/x/plan', {}, 'json')).toBe('/api/v1/goals/x/plan?format=json');
  });
});

describe('monthLabel and formatCount', () => {
  it('names months in words and counts with separators', () => {
    expect(monthLabel('2026-12')).toBe('Dec 2026');
    expect(monthLabel('later')).toBe('later');
    expect(formatCount(6240)).toBe('6,240');
    expect(formatCount(null)).toBe('—');
  });
});
