/** What routing needs to know about a lead that just became an MQL (or is being reassigned). */
export interface RoutingLead {
  accountId: string | null;
  /** The account's domain, lower case (e.g. `acme.com`). */
  accountDomain: string | null;
  /** The rep who already owns the lead's account, if any. */
  accountOwnerId: string | null;
  /** ISO 3166-1 alpha-2 country code. */
  country: string | null;
  /** A region inside or across countries as the workspace names them (a state, `EMEA`, …). */
  region: string | null;
  employees: number | null;
  /** Reps who must not get the lead, e.g. the one it is being reassigned away from. */
  excludeUserIds?: readonly string[];
}

export interface RoutingRep {
  id: string;
  name?: string;
  teamId: string | null;
  /** False for disabled users. */
  active: boolean;
  outOfOffice: boolean;
  /** Most open leads the rep may hold; null for no cap. */
  capacity: number | null;
  /** Share in weighted pools; 1 when absent. */
  weight?: number;
}

export const poolStrategies = ['round_robin', 'weighted'] as const;
export type PoolStrategy = (typeof poolStrategies)[number];

export type RoutingTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'team'; teamId: string; strategy: PoolStrategy };

interface RuleBase {
  id: string;
  name?: string;
  /** A disabled rule is kept in order but never matches. */
  enabled?: boolean;
  /** Give the lead even to a rep at their cap (e.g. to the owner of the account). */
  ignoreCapacity?: boolean;
}

/**
 * One routing rule. Rules are tried in order; the first that matches *and* finds an eligible rep
 * assigns the lead. The usual order: account owner, named accounts, territory, segment, catch-all.
 */
export type RoutingRule = RuleBase &
  (
    | { kind: 'account_owner' }
    | { kind: 'named_accounts'; domains?: string[]; accountIds?: string[]; target: RoutingTarget }
    | { kind: 'territory'; countries?: string[]; regions?: string[]; target: RoutingTarget }
    | { kind: 'segment'; minEmployees?: number | null; maxEmployees?: number | null; target: RoutingTarget }
    | { kind: 'catch_all'; target: RoutingTarget }
  );

export const routingRuleKinds = [
  'account_owner',
  'named_accounts',
  'territory',
  'segment',
  'catch_all',
] as const;
export type RoutingRuleKind = (typeof routingRuleKinds)[number];

/** Routing's memory between leads. Values, never mutated: `route` returns the next state. */
export interface RoutingState {
  /** Open leads held per rep. */
  load: Readonly<Record<string, number>>;
  /** Round-robin pools: the rep who got the previous lead. */
  cursors: Readonly<Record<string, string>>;
  /** Weighted pools: smooth weighted round-robin credit per rep. */
  credits: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

export const emptyRoutingState: RoutingState = { load: {}, cursors: {}, credits: {} };

export type RoutingDecision =
  | { assignee: string; ruleId: string; explanation: string[]; next: RoutingState }
  | { assignee: null; ruleId: null; explanation: string[]; next: RoutingState };
