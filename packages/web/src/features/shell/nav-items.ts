import type { Role } from '@tandem/contracts';

export type NavPath =
  | '/'
  | '/leads'
  | '/partner-deals'
  | '/settings'
  | '/contract'
  | '/campaigns'
  | '/attribution'
  | '/opportunities'
  | '/imports'
  | '/team'
  | '/returned'
  | '/requests'
  | '/inbox'
  | '/content'
  | '/goals'
  | '/reports/cohorts'
  | '/reports/forecast';

export interface NavItem {
  label: string;
  to: NavPath;
}

const leadsLabel: Partial<Record<Role, string>> = {
  sales_rep: 'My leads',
  sales_manager: 'Team leads',
  admin: 'Leads',
  marketing: 'Leads',
};

/**
 * The navigation a role sees, in the order work flows: leads and their hand-off, the deals they
 * become, what marketing spends and earns, then the agreement and the administration. Pages
 * check access again, and the server has the final word.
 */
export function navItemsFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ label: 'Home', to: '/' }];
  // A rep's day starts in the inbox; a manager's in the team's leads.
  if (role === 'sales_rep') items.push({ label: 'Inbox', to: '/inbox' });
  const leads = leadsLabel[role];
  if (leads) items.push({ label: leads, to: '/leads' });
  if (role === 'sales_manager') items.push({ label: 'Inbox', to: '/inbox' });
  if (role === 'sales_manager' || role === 'admin') items.push({ label: 'Team', to: '/team' });
  if (role === 'marketing' || role === 'sales_manager' || role === 'admin') {
    items.push({ label: 'Returned leads', to: '/returned' });
  }
  if (role !== 'partner') items.push({ label: 'Requests', to: '/requests' });
  if (role !== 'partner') items.push({ label: 'Content', to: '/content' });
  if (role !== 'partner') items.push({ label: 'Opportunities', to: '/opportunities' });
  if (canSeeCampaigns(role)) items.push({ label: 'Campaigns', to: '/campaigns' });
  if (canSeeCampaigns(role)) items.push({ label: 'Attribution', to: '/attribution' });
  if (role === 'partner') items.push({ label: 'Partner deals', to: '/partner-deals' });
  // Everyone but partners reads the lead contract; the contract pages say who may edit and sign.
  if (role !== 'partner') items.push({ label: 'Lead contract', to: '/contract' });
  if (role === 'admin' || role === 'marketing') items.push({ label: 'Imports', to: '/imports' });
  if (role === 'admin') items.push({ label: 'Settings', to: '/settings' });
  // Goals and their plan: everyone but partners (reps see the plan on their own records).
  if (role !== 'partner') items.push({ label: 'Goals', to: '/goals' });
  if (canSeeReports(role)) items.push({ label: 'Funnel cohorts', to: '/reports/cohorts' });
  if (canSeeReports(role)) items.push({ label: 'Forecast', to: '/reports/forecast' });
  return items;
}

/** Campaigns and the attribution report: marketing, sales managers and admins. */
export function canSeeCampaigns(role: Role): boolean {
  return role === 'marketing' || role === 'sales_manager' || role === 'admin';
}

/** Who may create and edit campaigns and their costs (the server has the same rule). */
export function canEditCampaigns(role: Role): boolean {
  return role === 'marketing' || role === 'admin';
}

/** Title of the leads page for a role (what "my" means differs by role). */
export function leadsTitleFor(role: Role): string {
  return leadsLabel[role] ?? 'Leads';
}

export function canSeeLeads(role: Role): boolean {
  return leadsLabel[role] !== undefined;
}

const roleLabels: Record<Role, string> = {
  admin: 'Administrator',
  marketing: 'Marketing',
  sales_rep: 'Sales rep',
  sales_manager: 'Sales manager',
  partner: 'Partner',
};

export function roleLabel(role: Role): string {
  return roleLabels[role];
}

/** Funnel health, cohorts, forecast and the weekly joint report: the server's report roles. */
export function canSeeReports(role: Role): boolean {
  return role === 'marketing' || role === 'sales_manager' || role === 'admin';
}

/** Who may create, change and delete goals (the server has the same rule). */
export function canEditGoals(role: Role): boolean {
  return role === 'marketing' || role === 'sales_manager' || role === 'admin';
}

/** Who reads the shared dashboard on the home page: everyone but partners, reps scoped by the server. */
export function seesSharedDashboard(role: Role): boolean {
  return role !== 'partner';
}
