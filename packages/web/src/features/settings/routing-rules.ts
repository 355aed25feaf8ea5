/** Routing rules as the server's schema defines them (see the routing API). */
export const poolStrategies = ['round_robin', 'weighted'] as const;
export type PoolStrategy = (typeof poolStrategies)[number];

export type RoutingTarget =
  | { kind: 'user'; userId: string }
  | { kind: 'team'; teamId: string; strategy: PoolStrategy };

interface RuleBase {
  id: string;
  name?: string;
  enabled?: boolean;
  ignoreCapacity?: boolean;
}

export type RoutingRule = RuleBase &
  (
    | { kind: 'account_owner' }
    | { kind: 'named_accounts'; domains?: string[]; accountIds?: string[]; target: RoutingTarget }
    | { kind: 'territory'; countries?: string[]; regions?: string[]; target: RoutingTarget }
    | { kind: 'segment'; minEmployees?: number | null; maxEmployees?: number | null; target: RoutingTarget }
    | { kind: 'catch_all'; target: RoutingTarget }
  );

export const ruleKinds = ['account_owner', 'named_accounts', 'territory', 'segment', 'catch_all'] as const;
export type RuleKind = (typeof ruleKinds)[number];

const kindLabels: Record<RuleKind, string> = {
  account_owner: 'Account owner',
  named_accounts: 'Named accounts',
  territory: 'Territory',
  segment: 'Segment (company size)',
  catch_all: 'Everyone else',
};

export function ruleKindLabel(kind: RuleKind): string {
  return kindLabels[kind];
}

export function strategyLabel(strategy: PoolStrategy): string {
  return strategy === 'round_robin' ? 'Round robin' : 'Weighted round robin';
}

/** The list with the item at `index` moved by `delta` places (unchanged at either end). */
export function moveItem<T>(items: readonly T[], index: number, delta: -1 | 1): T[] {
  const to = index + delta;
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return [...items];
  const next = [...items];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item as T);
  return next;
}

export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** The first `rule-N` id not taken. */
export function freshRuleId(taken: readonly string[]): string {
  const used = new Set(taken);
  let n = taken.length + 1;
  while (used.has(`rule-${n}`)) n += 1;
  return `rule-${n}`;
}

function targetOf(rule: RoutingRule): RoutingTarget | undefined {
  return 'target' in rule ? rule.target : undefined;
}

/**
 * The rule turned into another kind: its id, name, enabled and capacity flags and target stay;
 * the kind's own parameters start empty; a rule that had no target gets `fallback`.
 */
export function withKind(rule: RoutingRule, kind: RuleKind, fallback: RoutingTarget): RoutingRule {
  const base: RuleBase = {
    id: rule.id,
    ...(rule.name !== undefined ? { name: rule.name } : {}),
    ...(rule.enabled !== undefined ? { enabled: rule.enabled } : {}),
    ...(rule.ignoreCapacity !== undefined ? { ignoreCapacity: rule.ignoreCapacity } : {}),
  };
  if (kind === rule.kind) return rule;
  const target = targetOf(rule) ?? fallback;
  switch (kind) {
    case 'account_owner':
      return { ...base, kind };
    case 'named_accounts':
      return { ...base, kind, domains: [], target };
    case 'territory':
      return { ...base, kind, countries: [], target };
    case 'segment':
      return { ...base, kind, minEmployees: null, maxEmployees: null, target };
    case 'catch_all':
      return { ...base, kind, target };
  }
}

/** A new rule of a kind with a fresh id. */
export function newRule(kind: RuleKind, taken: readonly string[], fallback: RoutingTarget): RoutingRule {
  return withKind({ id: freshRuleId(taken), kind: 'account_owner' }, kind, fallback);
}

/** Comma-, space- or newline-separated entries as a list (empty entries dropped). */
export function parseList(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function formatList(list: readonly string[] | undefined): string {
  return (list ?? []).join(', ');
}

/**
 * The server's problems about a rule list, by rule index and field: `/rules/2/maxEmployees` is
 * `{ 2: { maxEmployees: '…' } }`; `/rules/0/countries/1` lands on `countries`, and
 * `/rules/1/target/userId` on `target/userId`. The first problem per field wins.
 */
export function ruleErrors(
  problems: ReadonlyArray<{ field: string; detail: string }>,
): Map<number, Record<string, string>> {
  const byRule = new Map<number, Record<string, string>>();
  for (const problem of problems) {
    const match = /^\/rules\/(\d+)(?:\/(.*))?$/.exec(problem.field);
    if (!match) continue;
    const index = Number(match[1]);
    const parts = (match[2] ?? '').split('/').filter(Boolean);
    const field = parts[0] === 'target' ? parts.slice(0, 2).join('/') : (parts[0] ?? '');
    const fields = byRule.get(index) ?? {};
    if (!(field in fields)) fields[field] = problem.detail;
    byRule.set(index, fields);
  }
  return byRule;
}
