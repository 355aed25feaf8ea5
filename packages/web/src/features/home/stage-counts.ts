import { type LeadStage, leadStages } from '@tandem/contracts';

/** Leads per stage, in funnel order, leaving out stages with none. */
export function stageCounts(
  leads: ReadonlyArray<{ stage: LeadStage }>,
): Array<{ stage: LeadStage; count: number }> {
  const counts = new Map<LeadStage, number>();
  for (const lead of leads) counts.set(lead.stage, (counts.get(lead.stage) ?? 0) + 1);
  return leadStages
    .filter((stage) => counts.has(stage))
    .map((stage) => ({ stage, count: counts.get(stage) ?? 0 }));
}
