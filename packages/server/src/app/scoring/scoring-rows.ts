import { scoringEventTypes } from '@tandem/contracts';
import { candidateRules, ruleMatches } from '../../core/scoring/compile-contract.js';
import type { CompiledContract, ScoringEvent, ScoringSubject } from '../../core/scoring/index.js';
import type { ScoringEventRow, ScoringLeadRow } from '../../store/lead-score.repo.js';

const scorable: ReadonlySet<string> = new Set(scoringEventTypes);

/** A stored event as the engine sees it; null for types no rule can match (alias). */
export function toScoringEvent(row: ScoringEventRow): ScoringEvent | null {
  if (!scorable.has(row.type)) return null;
  return {
    id: row.id,
    type: row.type as ScoringEvent['type'],
    name: row.name,
    timestamp: row.occurred_at.getTime(),
    // Page paths are read from `properties.path`, where Segment's page calls put them.
    path: null,
    properties: row.properties,
  };
}

export function toScoringEvents(rows: readonly ScoringEventRow[]): ScoringEvent[] {
  const events: ScoringEvent[] = [];
  for (const row of rows) {
    const event = toScoringEvent(row);
    if (event) events.push(event);
  }
  return events;
}

/** The fields fit rules read, from the lead's contact and account. */
export function toSubject(row: ScoringLeadRow): ScoringSubject {
  return {
    contact: { email: row.email, title: row.title, country: row.contact_country, traits: row.contact_traits },
    account:
      row.account_id === null
        ? null
        : {
            industry: row.industry,
            employees: row.employees,
            country: row.account_country,
            domain: row.domain,
            traits: row.account_traits,
          },
  };
}

/** Whether any interest rule matches the event: only such an event can change a lead's interest. */
export function affectsInterest(compiled: CompiledContract, event: ScoringEvent): boolean {
  for (const rule of candidateRules(compiled, event)) if (ruleMatches(compiled, rule, event)) return true;
  return false;
}

/** A new lead's source: its first event's utm_source, else the referring host, else 'direct'. */
export function leadSource(first: ScoringEventRow | undefined): string {
  if (!first) return 'direct';
  if (first.utm_source) return first.utm_source.toLowerCase().slice(0, 100);
  if (first.referrer) {
    try {
      return new URL(first.referrer).hostname.toLowerCase() || 'referral';
    } catch {
      return 'referral';
    }
  }
  return 'direct';
}
