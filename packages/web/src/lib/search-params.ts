import { type LeadStage, leadStages } from '@tandem/contracts';

/** Only same-app paths are accepted as a post-login destination (no open redirect). */
export function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/login')) return undefined;
  return value;
}

export interface LoginSearch {
  redirect?: string;
}

export function parseLoginSearch(search: Record<string, unknown>): LoginSearch {
  const redirect = safeRedirect(search.redirect);
  return redirect ? { redirect } : {};
}

export interface LeadsSearch {
  stage?: LeadStage;
}

export function parseLeadsSearch(search: Record<string, unknown>): LeadsSearch {
  const stage = leadStages.find((s) => s === search.stage);
  return stage ? { stage } : {};
}

export const settingsTabs = [
  'users',
  'teams',
  'api-keys',
  'webhooks',
  'routing',
  'business-hours',
  'availability',
] as const;
export type SettingsTab = (typeof settingsTabs)[number];

export interface SettingsSearch {
  tab?: SettingsTab;
}

export function parseSettingsSearch(search: Record<string, unknown>): SettingsSearch {
  const tab = settingsTabs.find((t) => t === search.tab);
  return tab ? { tab } : {};
}

/** An in-app href as router navigation options (path and search kept apart, as the router wants). */
export function hrefToLocation(href: string): { to: string; search: Record<string, string> } {
  const url = new URL(href, 'http://app.invalid');
  return { to: url.pathname, search: Object.fromEntries(url.searchParams) };
}
