import { describe, expect, it } from 'vitest';
import { canCreateRequests, groupByStatus, kindLabel, movesFor } from './board.js';

describe('requests board', () => {
  it('puts every request in its status column, keeping the order', () => {
    const columns = groupByStatus([
      { id: 'a', status: 'open' as const },
      { id: 'b', status: 'delivered' as const },
      { id: 'c', status: 'open' as const },
    ]);
    expect(columns.open.map((r) => r.id)).toEqual(['a', 'c']);
    expect(columns.delivered.map((r) => r.id)).toEqual(['b']);
    expect(columns.accepted).toEqual([]);
    expect(columns.declined).toEqual([]);
  });

  it('offers marketing the moves the server allows, and sales none', () => {
    expect(movesFor('open', 'marketing')).toEqual(['accept', 'deliver', 'decline']);
    expect(movesFor('accepted', 'admin')).toEqual(['deliver', 'decline']);
    expect(movesFor('delivered', 'marketing')).toEqual([]);
    expect(movesFor('open', 'sales_rep')).toEqual([]);
  });

  it('lets sales and admins ask, not marketing or partners', () => {
    expect(canCreateRequests('sales_rep')).toBe(true);
    expect(canCreateRequests('sales_manager')).toBe(true);
    expect(canCreateRequests('admin')).toBe(true);
    expect(canCreateRequests('marketing')).toBe(false);
    expect(canCreateRequests('partner')).toBe(false);
  });

  it('names kinds', () => {
    expect(kindLabel('event_support')).toBe('Event support');
    expect(kindLabel('unknown')).toBe('unknown');
  });
});
