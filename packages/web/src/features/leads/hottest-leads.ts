import type { LeadListItem } from './leads-api.js';

/** The open leads with the most interest now, highest first (won, lost and disqualified left out). */
export function hottestLeads(leads: readonly LeadListItem[], count: number): LeadListItem[] {
  const closed = new Set(['won', 'lost', 'disqualified']);
  return leads
    .filter((l) => !closed.has(l.stage) && l.interestNow > 0)
    .sort((a, b) => b.interestNow - a.interestNow || a.id.localeCompare(b.id))
    .slice(0, count);
}
