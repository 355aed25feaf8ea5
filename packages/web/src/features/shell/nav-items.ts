import type { Role } from '@tandem/contracts';

export type NavPath = '/' | '/leads' | '/partner-deals' | '/settings' | '/contract' | '/content';

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

/** The navigation a role sees; pages check access again, and the server has the final word. */
export function navItemsFor(role: Role): NavItem[] {
  const items: NavItem[] = [{ label: 'Home', to: '/' }];
  const leads = leadsLabel[role];
  if (leads) items.push({ label: leads, to: '/leads' });
  if (role === 'partner') items.push({ label: 'Partner deals', to: '/partner-deals' });
  // Everyone but partners reads the lead contract; the contract pages say who may edit and sign.
  if (role !== 'partner') items.push({ label: 'Lead contract', to: '/contract' });
  if (role === 'admin') items.push({ label: 'Settings', to: '/settings' });
  if (role !== 'partner') items.push({ label: 'Content', to: '/content' });
  return items;
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
