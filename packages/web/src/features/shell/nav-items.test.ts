import { roles } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { canSeeLeads, leadsTitleFor, navItemsFor } from './nav-items.js';

const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.label);

describe('navItemsFor', () => {
  it('gives each role its own view of leads', () => {
    expect(labels('sales_rep')).toEqual(['Home', 'My leads', 'Lead contract', 'Content']);
    expect(labels('sales_manager')).toEqual(['Home', 'Team leads', 'Lead contract', 'Content']);
    expect(labels('marketing')).toEqual(['Home', 'Leads', 'Lead contract', 'Content']);
    expect(labels('admin')).toEqual(['Home', 'Leads', 'Lead contract', 'Settings', 'Content']);
    expect(labels('partner')).toEqual(['Home', 'Partner deals']);
  });

  it('offers settings to administrators only, and home to everyone', () => {
    for (const role of roles) {
      expect(labels(role)[0]).toBe('Home');
      expect(labels(role).includes('Settings')).toBe(role === 'admin');
    }
  });

  it('agrees with the leads page on who sees leads and what it is called', () => {
    for (const role of roles) {
      const leadsItem = navItemsFor(role).find((item) => item.to === '/leads');
      expect(leadsItem !== undefined).toBe(canSeeLeads(role));
      if (leadsItem) expect(leadsItem.label).toBe(leadsTitleFor(role));
    }
  });
});
