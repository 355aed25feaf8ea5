import { roles } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { canEditGoals, canSeeLeads, canSeeReports, leadsTitleFor, navItemsFor } from './nav-items.js';

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
      'Goals',
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
      'Goals',
      'Funnel cohorts',
      'Forecast',
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
      'Goals',
      'Funnel cohorts',
      'Forecast',
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
      'Goals',
      'Funnel cohorts',
      'Forecast',
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

describe('canSeeReports and canEditGoals', () => {
  it('follow the server’s report and goal-editor roles', () => {
    expect(roles.filter(canSeeReports)).toEqual(['admin', 'marketing', 'sales_manager']);
    expect(roles.filter(canEditGoals)).toEqual(['admin', 'marketing', 'sales_manager']);
  });
});
