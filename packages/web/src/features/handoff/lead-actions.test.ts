import { describe, expect, it } from 'vitest';
import { availableActions } from './lead-actions.js';

const rep = { id: 'rep-1', role: 'sales_rep' } as const;
const manager = { id: 'mgr-1', role: 'sales_manager' } as const;
const admin = { id: 'adm-1', role: 'admin' } as const;

describe('availableActions', () => {
  it('offers the owner only the legal steps of the current stage', () => {
    expect(availableActions('mql', 'rep-1', rep)).toEqual(['accept', 'activity', 'reject', 'disqualify']);
    expect(availableActions('accepted', 'rep-1', rep)).toEqual([
      'activity',
      'qualify',
      'reject',
      'recycle',
      'disqualify',
    ]);
    expect(availableActions('sql', 'rep-1', rep)).toEqual(['activity', 'convert', 'recycle', 'disqualify']);
    expect(availableActions('won', 'rep-1', rep)).toEqual([]);
    expect(availableActions('recycled', 'rep-1', rep)).toEqual([]);
  });

  it('offers another rep nothing, managers everything plus reassignment, admins reassignment only', () => {
    expect(availableActions('mql', 'rep-2', rep)).toEqual([]);
    expect(availableActions('mql', 'rep-1', manager)).toEqual([
      'accept',
      'activity',
      'reject',
      'disqualify',
      'reassign',
    ]);
    expect(availableActions('accepted', 'rep-1', admin)).toEqual(['reassign']);
    expect(availableActions('opportunity', 'rep-1', manager)).toEqual([]);
  });
});
