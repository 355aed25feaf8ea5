import type { ScoringSubject } from '../../core/scoring/index.js';
import type { AnalysisLeadRow } from '../../store/analysis-data.repo.js';

export type AnalysisLead = AnalysisLeadRow;

/** The fields fit rules read, as live scoring builds them (app/scoring/scoring-rows.ts). */
export function toSubjectOf(row: AnalysisLeadRow): ScoringSubject {
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
