import { describe, expect, it } from 'vitest';
import { hottestLeads } from './hottest-leads.js';
import type { LeadListItem } from './leads-api.js';

const lead = (id: string, interestNow: number, stage: LeadListItem['stage'] = 'lead'): LeadListItem => ({
  id,
  stage,
  fitGrade: 'B',
  fitPoints: 45,
  interest: interestNow,
  interestAt: null,
  interestNow,
  contact: { id: `c-${id}`, name: id, email: null, accountId: null },
  owner: null,
});

describe('hottestLeads', () => {
  it('keeps the open leads with the most interest now, highest first', () => {
    const leads = [lead('a', 5), lead('b', 40), lead('c', 90, 'won'), lead('d', 0), lead('e', 12, 'mql')];
    expect(hottestLeads(leads, 2).map((l) => l.id)).toEqual(['b', 'e']);
    expect(hottestLeads(leads, 10).map((l) => l.id)).toEqual(['b', 'e', 'a']);
  });
});
