import { pickRoundRobin, pickWeighted } from './pick-rep.js';
import type {
  RoutingDecision,
  RoutingLead,
  RoutingRep,
  RoutingRule,
  RoutingState,
  RoutingTarget,
} from './types.js';

/**
 * Decides who gets a lead: rules in order, the first that matches and finds an eligible rep wins.
 * Eligible means active, not out of office, not excluded, and under their capacity cap. Pure: a
 * dry run is the same call with `next` thrown away; a real assignment stores `next`.
 * @example route(lead, rules, reps, state) // { assignee: 'u3', ruleId: 'emea', explanation: [...], next }
 */
export function route(
  lead: RoutingLead,
  rules: readonly RoutingRule[],
  reps: readonly RoutingRep[],
  state: RoutingState,
): RoutingDecision {
  const explanation: string[] = [];
  const byId = new Map(reps.map((rep) => [rep.id, rep]));
  for (const rule of rules) {
    const title = `rule ${rule.name ? `'${rule.name}'` : rule.id} (${rule.kind})`;
    if (rule.enabled === false) {
      explanation.push(`${title}: disabled`);
      continue;
    }
    const match = matches(rule, lead);
    if (!match.ok) {
      explanation.push(`${title}: ${match.why}`);
      continue;
    }
    explanation.push(`${title}: ${match.why}`);
    const eligible = eligibility(lead, state, rule.ignoreCapacity === true, explanation);
    const target: RoutingTarget =
      rule.kind === 'account_owner' ? { kind: 'user', userId: lead.accountOwnerId! } : rule.target;
    const pick = pickFor(target, byId, reps, eligible, state);
    if (!pick) {
      explanation.push(`  nobody eligible in ${describe(target)}; trying the next rule`);
      continue;
    }
    explanation.push(`  assigned to ${label(byId.get(pick.repId)!)} (${pick.note})`);
    const next: RoutingState = {
      ...pick.state,
      load: { ...pick.state.load, [pick.repId]: (pick.state.load[pick.repId] ?? 0) + 1 },
    };
    return { assignee: pick.repId, ruleId: rule.id, explanation, next };
  }
  explanation.push(
    rules.length === 0
      ? 'no routing rules: the lead stays unassigned'
      : 'no rule assigned the lead: it stays unassigned',
  );
  return { assignee: null, ruleId: null, explanation, next: state };
}

function pickFor(
  target: RoutingTarget,
  byId: ReadonlyMap<string, RoutingRep>,
  reps: readonly RoutingRep[],
  eligible: (rep: RoutingRep) => boolean,
  state: RoutingState,
) {
  if (target.kind === 'user') {
    const rep = byId.get(target.userId);
    if (!rep) return null;
    return eligible(rep) ? { repId: rep.id, state, note: 'named owner' } : null;
  }
  const members = reps.filter((rep) => rep.teamId === target.teamId);
  const options = { pool: `team:${target.teamId}`, members, eligible, state };
  return target.strategy === 'weighted' ? pickWeighted(options) : pickRoundRobin(options);
}

/** A predicate that records, once per rep, why a rep was passed over. */
function eligibility(
  lead: RoutingLead,
  state: RoutingState,
  ignoreCapacity: boolean,
  explanation: string[],
): (rep: RoutingRep) => boolean {
  const excluded = new Set(lead.excludeUserIds ?? []);
  return (rep) => {
    const why = ineligible(rep, excluded, state, ignoreCapacity);
    if (why) explanation.push(`  skipped ${label(rep)}: ${why}`);
    return why === null;
  };
}

function ineligible(
  rep: RoutingRep,
  excluded: ReadonlySet<string>,
  state: RoutingState,
  ignoreCapacity: boolean,
): string | null {
  if (!rep.active) return 'inactive';
  if (rep.outOfOffice) return 'out of office';
  if (excluded.has(rep.id)) return 'excluded (the lead is moving away from them)';
  const load = state.load[rep.id] ?? 0;
  if (!ignoreCapacity && rep.capacity !== null && load >= rep.capacity)
    return `at capacity (${load}/${rep.capacity})`;
  return null;
}

function matches(rule: RoutingRule, lead: RoutingLead): { ok: boolean; why: string } {
  switch (rule.kind) {
    case 'account_owner':
      return lead.accountOwnerId
        ? { ok: true, why: `the account is owned by ${lead.accountOwnerId}` }
        : { ok: false, why: 'the account has no owner' };
    case 'named_accounts': {
      const domain = normaliseDomain(lead.accountDomain);
      const byDomain = domain !== null && (rule.domains ?? []).some((d) => normaliseDomain(d) === domain);
      const byId = lead.accountId !== null && (rule.accountIds ?? []).includes(lead.accountId);
      return byDomain || byId
        ? { ok: true, why: `${byDomain ? domain : lead.accountId} is a named account` }
        : { ok: false, why: `${domain ?? lead.accountId ?? 'no account'} is not a named account` };
    }
    case 'territory': {
      const country = lead.country?.trim().toUpperCase() ?? null;
      const region = lead.region?.trim().toLowerCase() ?? null;
      const countries = (rule.countries ?? []).map((c) => c.trim().toUpperCase());
      const regions = (rule.regions ?? []).map((r) => r.trim().toLowerCase());
      const countryOk = countries.length === 0 || (country !== null && countries.includes(country));
      const regionOk = regions.length === 0 || (region !== null && regions.includes(region));
      const where = [country, lead.region].filter(Boolean).join('/') || 'unknown location';
      return countryOk && regionOk
        ? { ok: true, why: `${where} is in the territory` }
        : { ok: false, why: `${where} is outside the territory` };
    }
    case 'segment': {
      if (lead.employees === null) return { ok: false, why: 'company size unknown' };
      const min = rule.minEmployees ?? 0;
      const max = rule.maxEmployees ?? Number.POSITIVE_INFINITY;
      const band = `${min}–${Number.isFinite(max) ? max : '∞'} employees`;
      return lead.employees >= min && lead.employees <= max
        ? { ok: true, why: `${lead.employees} employees is in ${band}` }
        : { ok: false, why: `${lead.employees} employees is outside ${band}` };
    }
    case 'catch_all':
      return { ok: true, why: 'catches every lead' };
  }
}

function normaliseDomain(domain: string | null): string | null {
  const d = domain
    ?.trim()
    .toLowerCase()
    .replace(/^www\./, '');
  return d ? d : null;
}

function describe(target: RoutingTarget): string {
  return target.kind === 'user'
    ? `user ${target.userId}`
    : `team ${target.teamId} (${target.strategy.replace('_', ' ')})`;
}

function label(rep: RoutingRep): string {
  return rep.name ? `${rep.name} (${rep.id})` : rep.id;
}
