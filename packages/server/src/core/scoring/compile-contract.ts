import {
  type CapPeriod,
  type FitRule,
  fitGrades,
  type InterestRule,
  type LeadContract,
  scoringEventTypes,
} from '@tandem/contracts';
import { compileCondition, readPath, type ValueTest } from './conditions.js';
import { compileGlob, type Glob } from './glob.js';
import type {
  CompiledContract,
  CompiledFitRule,
  CompiledInterestRule,
  ScoringEvent,
  TypeDispatch,
} from './types.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const capWindows: Record<CapPeriod, number> = {
  hour: hourMs,
  day: dayMs,
  week: 7 * dayMs,
  ever: Number.POSITIVE_INFINITY,
};

/**
 * Turns a validated contract into the form the engine runs: conditions and globs compiled once,
 * interest rules indexed by event type and name so an event finds its candidate rules in O(1),
 * and per-rule numbers laid out in typed arrays for the columnar backtest.
 */
export function compileContract(contract: LeadContract): CompiledContract {
  const fitRules = contract.fit.rules.map(compileFitRule);
  const exclusions = (contract.mql.exclusions ?? []).map((exclusion, index) =>
    compileFitRule({ ...exclusion, points: 0 }, index),
  );
  const handRaisers = new Set(contract.mql.handRaisers ?? []);
  let ringSize = 0;
  const pathGlobs: Glob[] = [];
  const interestRules = contract.interest.rules.map((rule, index): CompiledInterestRule => {
    const capCount = rule.cap?.count ?? 0;
    const compiled = {
      index,
      id: rule.id,
      label: rule.label ?? rule.id,
      type: rule.type,
      points: rule.points,
      pathSlot: rule.path === undefined ? -1 : pathGlobs.push(compileGlob(rule.path)) - 1,
      conditions: compileConditions(rule),
      capCount,
      capWindowMs: rule.cap ? capWindows[rule.cap.per] : 0,
      ringOffset: ringSize,
      handRaiser: handRaisers.has(rule.id),
    };
    ringSize += capCount;
    return compiled;
  });
  return {
    contract,
    fitRules,
    exclusions,
    grades: fitGrades.map((grade) => ({ grade, min: contract.fit.grades[grade] })),
    interestRules,
    interestRuleIndex: new Map(interestRules.map((rule) => [rule.id, rule.index])),
    dispatch: buildDispatch(contract.interest.rules, interestRules),
    pathGlobs,
    pathMemo: { hits: new Map(), lastPath: null, lastHits: new Uint8Array(0) },
    halfLifeMs: contract.interest.halfLifeDays * dayMs,
    totalCap: contract.interest.totalCap,
    minInterest: contract.mql.minInterest,
    minGrade: contract.mql.minGrade,
    ringSize,
    points: Float64Array.from(interestRules, (r) => r.points),
    capCount: Int32Array.from(interestRules, (r) => r.capCount),
    capWindowMs: Float64Array.from(interestRules, (r) => r.capWindowMs),
    ringOffset: Int32Array.from(interestRules, (r) => r.ringOffset),
    handRaiser: Uint8Array.from(interestRules, (r) => (r.handRaiser ? 1 : 0)),
  };
}

function compileFitRule(rule: FitRule, index: number): CompiledFitRule {
  return {
    index,
    id: rule.id,
    label: rule.label ?? rule.id,
    field: rule.field,
    segments: rule.field.split('.'),
    points: rule.points,
    test: compileCondition(rule),
  };
}

function compileConditions(rule: InterestRule): ((event: ScoringEvent) => boolean) | null {
  const conditions: Array<{ segments: string[]; test: ValueTest }> = (rule.properties ?? []).map((c) => ({
    segments: c.property.split('.'),
    test: compileCondition(c),
  }));
  if (conditions.length === 0) return null;
  return (event) => {
    for (const condition of conditions) {
      if (!condition.test(readPath(event.properties, condition.segments))) return false;
    }
    return true;
  };
}

function buildDispatch(
  rules: readonly InterestRule[],
  compiled: readonly CompiledInterestRule[],
): Map<string, TypeDispatch> {
  const dispatch = new Map<string, TypeDispatch>();
  for (const type of scoringEventTypes) {
    const ofType = compiled.filter((rule) => rule.type === type);
    const anyName = ofType.filter((rule) => rules[rule.index]!.event === undefined);
    const named = new Map<string, CompiledInterestRule[]>();
    const lowered = new Map<string, CompiledInterestRule[]>();
    for (const rule of ofType) {
      const name = rules[rule.index]!.event;
      if (name === undefined) continue;
      const key = name.toLowerCase();
      // Rules stay in contract order: the order in which one event's hits are applied.
      const list = ofType.filter((r) => {
        const other = rules[r.index]!.event;
        return other === undefined || other.toLowerCase() === key;
      });
      named.set(name, list);
      lowered.set(key, list);
    }
    dispatch.set(type, { named, lowered, anyName, seen: new Map() });
  }
  return dispatch;
}

const seenLimit = 4096;
const none: readonly CompiledInterestRule[] = [];

/** The interest rules an event's type and name can fire, in contract order. */
export function candidateRules(
  compiled: CompiledContract,
  event: ScoringEvent,
): readonly CompiledInterestRule[] {
  const byType = compiled.dispatch.get(event.type);
  if (!byType) return none;
  const name = event.name;
  if (name === undefined || name === null || byType.lowered.size === 0) return byType.anyName;
  const exact = byType.named.get(name) ?? byType.seen.get(name);
  if (exact) return exact;
  const found = byType.lowered.get(name.toLowerCase()) ?? byType.anyName;
  if (byType.seen.size >= seenLimit) byType.seen.clear();
  byType.seen.set(name, found);
  return found;
}

/** The rule matches the event beyond type and name (path and property conditions). */
export function ruleMatches(
  compiled: CompiledContract,
  rule: CompiledInterestRule,
  event: ScoringEvent,
): boolean {
  if (rule.pathSlot !== -1) {
    const path = event.path ?? readPath(event.properties, ['path']);
    if (typeof path !== 'string' || pathHits(compiled, path)[rule.pathSlot] === 0) return false;
  }
  return rule.conditions === null || rule.conditions(event);
}

const pathMemoLimit = 10_000;

function pathHits(compiled: CompiledContract, path: string): Uint8Array {
  const memo = compiled.pathMemo;
  if (memo.lastPath === path) return memo.lastHits;
  let hits = memo.hits.get(path);
  if (hits === undefined) {
    hits = Uint8Array.from(compiled.pathGlobs, (glob) => (glob.test(path) ? 1 : 0));
    if (memo.hits.size >= pathMemoLimit) memo.hits.clear();
    memo.hits.set(path, hits);
  }
  memo.lastPath = path;
  memo.lastHits = hits;
  return hits;
}

/** The fit grade a number of fit points earns, or null below grade D's minimum. */
export function gradeFor(compiled: CompiledContract, points: number): CompiledContract['minGrade'] | null {
  for (const { grade, min } of compiled.grades) if (points >= min) return grade;
  return null;
}

/** Grade rank: 0 for A … 3 for D, 4 for no grade. */
export function gradeRank(grade: CompiledContract['minGrade'] | null): number {
  return grade === null ? fitGrades.length : fitGrades.indexOf(grade);
}
