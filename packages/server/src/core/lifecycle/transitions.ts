import type { LeadStage, Role } from '@tandem/contracts';

export const lifecycleActions = [
  'qualify_mql',
  'accept',
  'reject',
  'qualify_sql',
  'convert',
  'win',
  'lose',
  'recycle',
  'disqualify',
  'renurture',
] as const;
export type LifecycleActionType = (typeof lifecycleActions)[number];

/** Who may take an action: automated causes, roles acting on any lead, roles acting only as owner or manager. */
export interface ActionActors {
  rule: boolean;
  system: boolean;
  /** Roles that may act on any lead in the workspace. */
  anyLead: readonly Role[];
  /** Roles that may act only as the lead's owner, or as a sales manager of the lead's team. */
  asOwner: readonly Role[];
}

export interface TransitionRule {
  action: LifecycleActionType;
  from: readonly LeadStage[];
  to: LeadStage;
  actors: ActionActors;
  /** Which reason list the action draws its required reason code from. */
  reasons: 'reject' | 'recycle' | 'disqualify' | null;
  summary: string;
}

const sales = ['sales_rep', 'sales_manager'] as const satisfies readonly Role[];
const marketingSide = ['admin', 'marketing'] as const satisfies readonly Role[];
const nobody: readonly Role[] = [];

/**
 * The funnel's allowed transitions: one row per action. Anything not listed is refused with
 * `illegal_transition`. This table is also the source of docs/funnel.md.
 */
export const transitionTable: readonly TransitionRule[] = [
  {
    action: 'qualify_mql',
    from: ['lead'],
    to: 'mql',
    actors: { rule: true, system: true, anyLead: marketingSide, asOwner: nobody },
    reasons: null,
    summary: 'the contract’s MQL condition is met (or marketing qualifies by hand)',
  },
  {
    action: 'accept',
    from: ['mql'],
    to: 'accepted',
    actors: { rule: false, system: false, anyLead: nobody, asOwner: sales },
    reasons: null,
    summary: 'the owner (or their manager) accepts; an unowned lead is claimed by the accepting rep',
  },
  {
    action: 'reject',
    from: ['mql', 'accepted'],
    to: 'recycled',
    actors: { rule: false, system: false, anyLead: nobody, asOwner: sales },
    reasons: 'reject',
    summary: 'sales returns a not-ready lead with a reject reason; it goes back to marketing',
  },
  {
    action: 'qualify_sql',
    from: ['accepted'],
    to: 'sql',
    actors: { rule: false, system: false, anyLead: nobody, asOwner: sales },
    reasons: null,
    summary: 'sales confirms a real buying need',
  },
  {
    action: 'convert',
    from: ['sql'],
    to: 'opportunity',
    actors: { rule: false, system: false, anyLead: nobody, asOwner: sales },
    reasons: null,
    summary: 'an opportunity is opened (amount, close date, contact roles)',
  },
  {
    action: 'win',
    from: ['opportunity'],
    to: 'won',
    actors: { rule: false, system: true, anyLead: nobody, asOwner: sales },
    reasons: null,
    summary: 'the opportunity is won',
  },
  {
    action: 'lose',
    from: ['opportunity'],
    to: 'lost',
    actors: { rule: false, system: true, anyLead: nobody, asOwner: sales },
    reasons: null,
    summary: 'the opportunity is lost (a reason is optional)',
  },
  {
    action: 'recycle',
    from: ['accepted', 'sql'],
    to: 'recycled',
    actors: { rule: false, system: false, anyLead: nobody, asOwner: sales },
    reasons: 'recycle',
    summary: 'not now: back to marketing’s nurture with a recycle reason',
  },
  {
    action: 'disqualify',
    from: ['lead', 'mql', 'accepted', 'sql'],
    to: 'disqualified',
    actors: { rule: true, system: true, anyLead: marketingSide, asOwner: sales },
    reasons: 'disqualify',
    summary: 'never a fit (competitor, student, wrong market), with a reason',
  },
  {
    action: 'renurture',
    from: ['recycled', 'disqualified'],
    to: 'lead',
    actors: { rule: true, system: true, anyLead: marketingSide, asOwner: nobody },
    reasons: null,
    summary: 'after the cooldown the lead re-enters nurture and can become an MQL again',
  },
];

const byAction = new Map(transitionTable.map((rule) => [rule.action, rule]));

/** The table row for an action. */
export function transitionRule(action: LifecycleActionType): TransitionRule {
  return byAction.get(action)!;
}

/** Every allowed (from, to) pair, for docs and for checks that a stored history is legal. */
export const allowedStagePairs: ReadonlyArray<readonly [from: LeadStage, to: LeadStage]> =
  transitionTable.flatMap((rule) => rule.from.map((from) => [from, rule.to] as const));

/** Actions that can be taken from a stage (guards aside), e.g. to show the right buttons. */
export function actionsFrom(stage: LeadStage): LifecycleActionType[] {
  return transitionTable.filter((rule) => rule.from.includes(stage)).map((rule) => rule.action);
}

/** The funnel as a mermaid state diagram, generated from the table. */
export function funnelMermaid(): string {
  const lines = ['stateDiagram-v2', '  [*] --> lead'];
  for (const rule of transitionTable) {
    for (const from of rule.from) lines.push(`  ${from} --> ${rule.to}: ${rule.action}`);
  }
  lines.push('  won --> [*]', '  lost --> [*]');
  return lines.join('\n');
}
