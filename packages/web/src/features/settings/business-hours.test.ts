import { describe, expect, it } from 'vitest';
import { draftField, formatIntervals, fromDraft, parseIntervals, toDraft } from './business-hours.js';

describe('business hours drafts', () => {
  it('reads and writes intervals as text', () => {
    expect(parseIntervals('9:00-12:00, 13:00 - 17:30')).toEqual({
      ok: true,
      intervals: [
        { start: '09:00', end: '12:00' },
        { start: '13:00', end: '17:30' },
      ],
    });
    expect(parseIntervals('')).toEqual({ ok: true, intervals: [] });
    expect(parseIntervals('nine to five')).toMatchObject({ ok: false });
    expect(formatIntervals([{ start: '08:00', end: '18:00' }])).toBe('08:00-18:00');
  });

  it('round-trips a team’s hours through the form', () => {
    const hours = {
      timeZone: 'Europe/Berlin',
      week: { mon: [{ start: '09:00', end: '17:30' }], fri: [{ start: '09:00', end: '15:00' }] },
      holidays: [
        { date: '2026-12-24', name: 'Christmas Eve', hours: [{ start: '09:00', end: '12:00' }] },
        { date: '2026-12-25' },
      ],
    };
    const draft = toDraft(hours);
    expect(draft.days.tue).toBe('');
    expect(fromDraft(draft)).toEqual({ ok: true, hours });
  });

  it('names the fields at fault, like the server does', () => {
    const draft = toDraft(undefined);
    draft.days.wed = '9 to 5';
    draft.holidays.push({ date: '', name: 'x', hours: '' });
    expect(fromDraft(draft)).toEqual({
      ok: false,
      errors: { 'week/wed': '“9 to 5” is not like 09:00-17:30', 'holidays/0/date': 'pick a date' },
    });
    expect(draftField('/week/mon/0/end')).toBe('week/mon');
    expect(draftField('/holidays/1/date')).toBe('holidays/1/date');
    expect(draftField('/timeZone')).toBe('timeZone');
  });
});
