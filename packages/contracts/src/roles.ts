/** User roles. Access rules for each are in docs/ARCHITECTURE.md ("Access"). */
export const roles = ['admin', 'marketing', 'sales_rep', 'sales_manager', 'partner'] as const;
export type Role = (typeof roles)[number];

/** Funnel stages, in order; recycled and disqualified lead back to nurture. */
export const leadStages = [
  'lead',
  'mql',
  'accepted',
  'sql',
  'opportunity',
  'won',
  'lost',
  'recycled',
  'disqualified',
] as const;
export type LeadStage = (typeof leadStages)[number];

export const apiKeyKinds = ['write', 'secret'] as const;
export type ApiKeyKind = (typeof apiKeyKinds)[number];
