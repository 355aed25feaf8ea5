import { roles } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { canSeeLeads, leadsTitleFor, navItemsFor } from './nav-items.js';

const labels = (role: Parameters<typeof navItemsFor>[0]) => navItemsFor(role).map((item) => item.label);

describe('navItemsFor', () => {
  it('gives each role its own view of leads', () => {
    expect(labels('sales_rep')).toEqual([
      'Home',
      'Inbox',
      'My leads',
      'Requests',
      'Content',
      'Opportunities',
      'Lead contract',
    ]);
    expect(labels('sales_manager')).toEqual([
      'Home',
      'Team leads',
      'Inbox',
      'Team',
      'Returned leads',
      'Requests',
      'Content',
      'Opportunities',
      'Campaigns',
      'Attribution',
      'Lead contract',
    ]);
    expect(labels('marketing')).toEqual([
      'Home',
      'Leads',
      'Returned leads',
      'Requests',
      'Content',
      'Opportunities',
      'Campaigns',
      'Attribution',
      'Lead contract',
      'Imports',
    ]);
    expect(labels('admin')).toEqual([
      'Home',
      'Leads',
      'Team',
      'Returned leads',
      'Requests',
      'Content',
      'Opportunities',
      'Campaigns',
      'Attribution',
      'Lead contract',
      'Imports',
      'Settings',
    ]);
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
