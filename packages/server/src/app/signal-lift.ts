import type {
  FitRule,
  InterestRule,
  LeadContract,
  OutcomeStage,
  Signal,
  SignalLift,
} from '@tandem/contracts';
import { lowSampleLeads, sizeBand, suggestPoints, titleWords } from '../core/backtest/signal-weights.js';
import { candidateRules, ruleMatches } from '../core/scoring/compile-contract.js';
import { readPath } from '../core/scoring/conditions.js';
import type { CompiledContract, ScoringEvent } from '../core/scoring/index.js';
import { AppError } from '../errors.js';
import type { Db } from '../store/db.js';
import { findContractInForce } from '../store/lead-contract.repo.js';
import { toSubjectOf } from './backtest/analysis-lead.js';
import { outcomeTimes } from './backtest/compute-backtest.js';
import { loadDataset } from './backtest/dataset.js';
import { checkWindow, defaultOutcome, defaultWithinDays, mayAnalyse } from './backtest/run-backtest.js';
import { type ContractVersion, createContractDraft } from './lead-contracts.js';
import { compiledContract } from './scoring/compiled-contracts.js';
import type { Viewer } from './viewer.js';
import type { Actor } from './workspaces.js';

const dayMs = 86_400_000;
/** Distinct signal keys tallied at most: event names and paths are open-ended. */
const keyLimit = 10_000;
/** Frequent signals not covered by a rule, listed per family. */
const frequentPerFamily = 10;

export interface SignalLiftInput {
  viewer: Viewer;
  from: string | Date;
  to: string | Date;
  outcome?: OutcomeStage | undefined;
  withinDays?: number | undefined;
  now: Date;
}

/** What a signal key stands for, to turn a suggestion into a rule. */
type Origin =
  | { family: 'rule'; kind: 'interest' | 'fit'; ruleId: string }
  | { family: 'event'; name: string }
  | { family: 'page'; path: string }
  | { family: 'industry' | 'country'; value: string }
  | { family: 'size'; min: number; max: number }
  | { family: 'title'; word: string };

interface Tally {
  key: string;
  label: string;
  kind: 'interest' | 'fit';
  origin: Origin;
  leads: number;
  converted: number;
}

async function inForce(db: Db, workspaceId: string, now: Date) {
  const row = await findContractInForce(db, workspaceId, now);
  if (!row)
    throw new AppError('not_found', 'signal lift measures the active lead contract; none is in force');
  return compiledContract(row);
}

/**
 * Conversion of the window's leads with and without each signal: every interest and fit rule of
 * the active contract, and the most frequent event names, page paths, industries, countries,
 * size bands and title words no rule covers. Suggested points follow core/backtest/signal-weights.
 */
export async function signalLift(db: Db, input: SignalLiftInput): Promise<SignalLift> {
  return (await measure(db, input)).lift;
}

async function measure(
  db: Db,
  input: SignalLiftInput,
): Promise<{ lift: SignalLift; origins: Map<string, Origin>; active: CompiledContract }> {
  mayAnalyse(input.viewer);
  const window = checkWindow(input.from, input.to);
  const outcome = input.outcome ?? defaultOutcome;
  const withinDays = input.withinDays ?? defaultWithinDays;
  const { compiled } = await inForce(db, input.viewer.workspaceId, input.now);
  const keyIds: Tally[] = [];
  const keyIndex = new Map<string, number>();
  let pairs = new Int32Array(1 << 16);
  let pairCount = 0;
  const register = (key: string, make: () => Omit<Tally, 'key' | 'leads' | 'converted'>): number | null => {
    let id = keyIndex.get(key);
    if (id === undefined) {
      if (keyIds.length >= keyLimit) return null;
      const tally = { key, leads: 0, converted: 0, ...make() };
      id = keyIds.push(tally) - 1;
      keyIndex.set(key, id);
    }
    return id;
  };
  const add = (lead: number, key: string, make: () => Omit<Tally, 'key' | 'leads' | 'converted'>) => {
    const id = register(key, make);
    if (id === null) return;
    if (pairCount + 2 > pairs.length) {
      const grown = new Int32Array(pairs.length * 2);
      grown.set(pairs);
      pairs = grown;
    }
    pairs[pairCount++] = lead;
    pairs[pairCount++] = id;
  };
  // Every rule of the contract is listed, seen in the window or not.
  for (const rule of compiled.interestRules)
    register(`interest:${rule.id}`, () => ({
      label: rule.label,
      kind: 'interest',
      origin: { family: 'rule', kind: 'interest', ruleId: rule.id },
    }));
  for (const rule of compiled.fitRules)
    register(`fit:${rule.id}`, () => ({
      label: rule.label,
      kind: 'fit',
      origin: { family: 'rule', kind: 'fit', ruleId: rule.id },
    }));

  const { dataset } = await loadDataset(db, {
    workspaceId: input.viewer.workspaceId,
    ...window,
    contracts: [compiled],
    visitLead: (lead, l, events) => {
      const seen = new Set<string>();
      const once = (key: string, make: () => Omit<Tally, 'key' | 'leads' | 'converted'>) => {
        if (seen.has(key)) return;
        seen.add(key);
        add(l, key, make);
      };
      for (const event of events) visitEvent(compiled, event, once);
      const subject = toSubjectOf(lead);
      for (const rule of compiled.fitRules) {
        if (rule.test(readPath(subject, rule.segments))) once(`fit:${rule.id}`, registeredWithContract);
      }
      if (lead.industry) {
        const v = lead.industry.trim().toLowerCase();
        once(`industry:${v}`, () => ({
          label: `Industry: ${v}`,
          kind: 'fit',
          origin: { family: 'industry', value: v },
        }));
      }
      const country = lead.account_country ?? lead.contact_country;
      if (country) {
        const v = country.trim().toUpperCase();
        once(`country:${v}`, () => ({
          label: `Country: ${v}`,
          kind: 'fit',
          origin: { family: 'country', value: v },
        }));
      }
      const band = sizeBand(lead.employees);
      if (band) {
        once(`size:${band[0]}-${band[1]}`, () => ({
          label:
            band[1] >= 1_000_000_000 ? `Over ${band[0] - 1} employees` : `${band[0]}–${band[1]} employees`,
          kind: 'fit',
          origin: { family: 'size', min: band[0], max: band[1] },
        }));
      }
      for (const word of titleWords(lead.title)) {
        once(`title:${word}`, () => ({
          label: `Title word: ${word}`,
          kind: 'fit',
          origin: { family: 'title', word },
        }));
      }
    },
  });

  const outcomeAt = outcomeTimes(dataset, outcome);
  const from = window.from.getTime();
  const until = window.to.getTime() + withinDays * dayMs;
  const converted = new Uint8Array(dataset.leadCount);
  let leads = 0;
  let conversions = 0;
  for (let l = 0; l < dataset.leadCount; l++) {
    if (dataset.inWindow[l] !== 1) continue;
    leads++;
    const o = outcomeAt[l]!;
    if (o >= from && o <= until) {
      converted[l] = 1;
      conversions++;
    }
  }
  for (let k = 0; k < pairCount; k += 2) {
    const l = pairs[k]!;
    const tally = keyIds[pairs[k + 1]!]!;
    tally.leads++;
    tally.converted += converted[l]!;
  }
  const baseRate = leads === 0 ? null : conversions / leads;
  const rate = (c: number, n: number) => (n === 0 ? null : c / n);
  const signalOf = (t: Tally): Signal => {
    const withRate = rate(t.converted, t.leads);
    const lift = withRate === null || baseRate === null || baseRate === 0 ? null : withRate / baseRate;
    const rule = t.origin.family === 'rule' ? t.origin : null;
    const current = rule
      ? rule.kind === 'interest'
        ? compiled.interestRules[compiled.interestRuleIndex.get(rule.ruleId)!]!.points
        : compiled.fitRules.find((r) => r.id === rule.ruleId)!.points
      : null;
    return {
      kind: t.kind,
      key: t.key,
      label: t.label,
      withSignal: { leads: t.leads, converted: t.converted, rate: withRate },
      withoutSignal: {
        leads: leads - t.leads,
        converted: conversions - t.converted,
        rate: rate(conversions - t.converted, leads - t.leads),
      },
      lift,
      ruleId: rule?.ruleId ?? null,
      currentPoints: current,
      suggestedPoints: suggestPoints({ current, lift, leads: t.leads }),
      lowSample: t.leads < lowSampleLeads,
    };
  };
  const ruled = keyIds.filter((t) => t.origin.family === 'rule');
  const frequent = (family: Origin['family']) =>
    keyIds
      .filter((t) => t.origin.family === family)
      .sort((a, b) => b.leads - a.leads || a.key.localeCompare(b.key))
      .slice(0, frequentPerFamily);
  const listed = [
    ...ruled,
    ...(['event', 'page', 'industry', 'country', 'size', 'title'] as const).flatMap(frequent),
  ];
  return {
    lift: {
      window: { from: window.from.toISOString(), to: window.to.toISOString() },
      outcome: { stage: outcome, withinDays },
      leads,
      baseRate,
      signals: listed.map(signalOf),
    },
    origins: new Map(listed.map((t) => [t.key, t.origin])),
    active: compiled,
  };
}

/** Rule signals are registered from the contract before any lead is visited. */
function registeredWithContract(): never {
  throw new Error('rule signals are registered from the contract first');
}

/** Rule hits of one event, or its name or path when no rule covers it. */
function visitEvent(
  compiled: CompiledContract,
  event: ScoringEvent,
  once: (key: string, make: () => Omit<Tally, 'key' | 'leads' | 'converted'>) => void,
): void {
  let covered = false;
  for (const rule of candidateRules(compiled, event)) {
    if (!ruleMatches(compiled, rule, event)) continue;
    covered = true;
    once(`interest:${rule.id}`, registeredWithContract);
  }
  if (covered) return;
  if (event.type === 'track' && event.name) {
    const name = event.name.slice(0, 200);
    once(`event:${name}`, () => ({
      label: `Event: ${name}`,
      kind: 'interest',
      origin: { family: 'event', name },
    }));
  } else if (event.type === 'page') {
    const path = event.properties?.path;
    if (typeof path === 'string' && path.startsWith('/')) {
      const p = path.split('?')[0]!.slice(0, 200);
      once(`page:${p}`, () => ({
        label: `Page: ${p}`,
        kind: 'interest',
        origin: { family: 'page', path: p },
      }));
    }
  }
}

/**
 * A new draft of the active contract with the suggested points: for the chosen signal keys, or
 * for every rule of the contract when none are chosen. A chosen signal no rule covers becomes a
 * new rule with its suggested points.
 */
export async function draftFromSignalLift(
  db: Db,
  input: SignalLiftInput & { actor: Actor; keys?: readonly string[] | undefined },
): Promise<ContractVersion> {
  const { lift, origins, active } = await measure(db, input);
  const chosen = input.keys ? new Set(input.keys) : null;
  if (chosen) {
    const unknown = [...chosen].find((k) => !origins.has(k));
    if (unknown !== undefined) {
      throw new AppError('validation_failed', `no signal ${unknown} in this window`, { field: '/keys' });
    }
  }
  const document: LeadContract = structuredClone(active.contract);
  const ids = new Set([...document.fit.rules.map((r) => r.id), ...document.interest.rules.map((r) => r.id)]);
  const freshId = (base: string) => {
    const stem =
      base
        .toLowerCase()
        .replace(/[^a-z0-9_-]+/g, '-')
        .replace(/^[^a-z0-9]+/, '')
        .slice(0, 56) || 'signal';
    let id = stem;
    for (let k = 2; ids.has(id); k++) id = `${stem}-${k}`;
    ids.add(id);
    return id;
  };
  let changed = 0;
  for (const signal of lift.signals) {
    if (signal.suggestedPoints === null) continue;
    const origin = origins.get(signal.key)!;
    if (chosen ? !chosen.has(signal.key) : origin.family !== 'rule') continue;
    const points = signal.suggestedPoints;
    if (origin.family === 'rule') {
      const rules: Array<FitRule | InterestRule> =
        origin.kind === 'fit' ? document.fit.rules : document.interest.rules;
      const rule = rules.find((r) => r.id === origin.ruleId)!;
      if (rule.points !== points) changed++;
      rule.points = points;
      continue;
    }
    if (points === 0) continue;
    changed++;
    const label = signal.label;
    switch (origin.family) {
      case 'event':
        document.interest.rules.push({
          id: freshId(`event-${origin.name}`),
          label,
          type: 'track',
          event: origin.name,
          points,
        });
        break;
      case 'page':
        document.interest.rules.push({
          id: freshId(`page-${origin.path}`),
          label,
          type: 'page',
          path: origin.path,
          points,
        });
        break;
      case 'industry':
        document.fit.rules.push({
          id: freshId(`industry-${origin.value}`),
          label,
          field: 'account.industry',
          op: 'in',
          values: [origin.value],
          points,
        });
        break;
      case 'country':
        document.fit.rules.push({
          id: freshId(`country-${origin.value}`),
          label,
          field: 'account.country',
          op: 'in',
          values: [origin.value],
          points,
        });
        break;
      case 'size':
        document.fit.rules.push({
          id: freshId(`size-${origin.min}`),
          label,
          field: 'account.employees',
          op: 'between',
          min: origin.min,
          max: origin.max,
          points,
        });
        break;
      case 'title':
        document.fit.rules.push({
          id: freshId(`title-${origin.word}`),
          label,
          field: 'contact.title',
          op: 'contains_word',
          values: [origin.word],
          points,
        });
        break;
    }
  }
  return createContractDraft(db, {
    viewer: input.viewer,
    actor: input.actor,
    now: input.now,
    source: { format: 'json', document },
    note: `Weights suggested by signal lift over ${lift.window.from.slice(0, 10)} – ${lift.window.to.slice(0, 10)} (${lift.outcome.stage} within ${lift.outcome.withinDays} days; ${changed} change${changed === 1 ? '' : 's'})`,
  });
}
