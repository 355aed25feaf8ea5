import type { LeadStage } from '@tandem/contracts';

/**
 * Who a program enrolls by itself (any rule matching is enough):
 * - `recycled`: leads in stage recycled, optionally only with one of these reason codes;
 * - `fit_low_interest`: open leads (stage lead or recycled) with a fit grade at least
 *   `minGrade` and interest below `maxInterest`;
 * - `campaign`: open leads whose contact was touched by this campaign.
 *
 * @example [{ type: 'recycled', reasons: ['no-budget', 'bad-timing'] },
 *           { type: 'fit_low_interest', minGrade: 'B', maxInterest: 20 }]
 */
export type EnrollmentRule =
  | { type: 'recycled'; reasons?: string[] }
  | { type: 'fit_low_interest'; minGrade: string; maxInterest: number }
  | { type: 'campaign'; campaignId: string };

export const enrollmentRuleTypes = ['recycled', 'fit_low_interest', 'campaign'] as const;

/** What a rule looks at for one lead. */
export interface RuleCandidate {
  stage: LeadStage;
  /** The reason code of the transition into the current stage (recycled), if any. */
  stageReason: string | null;
  fitGrade: string | null;
  interest: number;
  /** Campaigns that touched the lead's contact. */
  campaignIds: ReadonlySet<string>;
}

/** Stages a lead is nurtured in; a lead in another stage is with sales or closed. */
export const nurtureStages = ['lead', 'recycled'] as const satisfies readonly LeadStage[];

/** A grade is better the earlier its letter: A beats B. Unknown grades match nothing. */
export function gradeAtLeast(grade: string | null, min: string): boolean {
  if (!grade) return false;
  return /^[A-Z]$/.test(grade) && /^[A-Z]$/.test(min) && grade <= min;
}

export function ruleMatches(rule: EnrollmentRule, lead: RuleCandidate): boolean {
  if (!(nurtureStages as readonly string[]).includes(lead.stage)) return false;
  switch (rule.type) {
    case 'recycled':
      return (
        lead.stage === 'recycled' &&
        (!rule.reasons ||
          rule.reasons.length === 0 ||
          (lead.stageReason !== null && rule.reasons.includes(lead.stageReason)))
      );
    case 'fit_low_interest':
      return gradeAtLeast(lead.fitGrade, rule.minGrade) && lead.interest < rule.maxInterest;
    case 'campaign':
      return lead.campaignIds.has(rule.campaignId);
  }
}

/** Whether any of a program's rules enrolls this lead (no rules: enrollment by hand only). */
export const matchesAnyRule = (rules: readonly EnrollmentRule[], lead: RuleCandidate): boolean =>
  rules.some((rule) => ruleMatches(rule, lead));
