import type { LeadContract } from '@tandem/contracts';
import { gradeRank } from '../scoring/compile-contract.js';
import { readPath } from '../scoring/conditions.js';
import {
  type CompiledContract,
  gradeFor,
  type MqlGate,
  mqlGate,
  type ScoringSubject,
} from '../scoring/index.js';

/**
 * Which fit rules and exclusions each lead matches, as bits: a re-run with other points or grade
 * minimums reads these instead of the contacts and accounts again.
 */
export interface FitColumns {
  readonly length: number;
  readonly ruleCount: number;
  /** `matches[l * ruleCount + r]` is 1 when lead l matches fit rule r. */
  readonly matches: Uint8Array;
  readonly excluded: Uint8Array;
}

export interface FitEncoder {
  push(subject: ScoringSubject): void;
  finish(): FitColumns;
}

export function createFitEncoder(compiled: CompiledContract): FitEncoder {
  const ruleCount = compiled.fitRules.length;
  let size = 1024;
  let matches = new Uint8Array(size * ruleCount);
  let excluded = new Uint8Array(size);
  let length = 0;
  return {
    push(subject) {
      if (length === size) {
        size *= 2;
        const m = new Uint8Array(size * ruleCount);
        m.set(matches);
        matches = m;
        const e = new Uint8Array(size);
        e.set(excluded);
        excluded = e;
      }
      for (const rule of compiled.fitRules) {
        if (rule.test(readPath(subject, rule.segments))) matches[length * ruleCount + rule.index] = 1;
      }
      for (const exclusion of compiled.exclusions) {
        if (exclusion.test(readPath(subject, exclusion.segments))) {
          excluded[length] = 1;
          break;
        }
      }
      length++;
    },
    finish() {
      return {
        length,
        ruleCount,
        matches: matches.slice(0, length * ruleCount),
        excluded: excluded.slice(0, length),
      };
    },
  };
}

/** Per lead: fit grade rank (0 A … 4 none) and MQL gate under `compiled`'s points and minimums. */
export function scoreFitColumns(
  compiled: CompiledContract,
  columns: FitColumns,
): { grade: Uint8Array; gate: Uint8Array; points: Float64Array } {
  if (columns.ruleCount !== compiled.fitRules.length) {
    throw new RangeError('fit columns were encoded for a contract with other fit rules');
  }
  const n = columns.length;
  const grade = new Uint8Array(n);
  const gate = new Uint8Array(n);
  const points = new Float64Array(n);
  const none: readonly unknown[] = [];
  const some: readonly unknown[] = [true];
  for (let l = 0; l < n; l++) {
    let sum = 0;
    const base = l * columns.ruleCount;
    for (let r = 0; r < columns.ruleCount; r++)
      if (columns.matches[base + r] === 1) sum += compiled.fitRules[r]!.points;
    const g = gradeFor(compiled, sum);
    points[l] = sum;
    grade[l] = gradeRank(g);
    gate[l] = mqlGate(compiled, g, columns.excluded[l] === 1 ? some : none) satisfies MqlGate;
  }
  return { grade, gate, points };
}

/** What fit matching depends on (fields, operators, values; not points or grades). */
export function fitStructureKey(contract: LeadContract): string {
  const strip = ({ id: _id, label: _label, points: _points, ...rest }: Record<string, unknown>) => rest;
  return JSON.stringify([
    contract.fit.rules.map((r) => strip(r as unknown as Record<string, unknown>)),
    (contract.mql.exclusions ?? []).map((r) => strip(r as unknown as Record<string, unknown>)),
  ]);
}

/** What interest matching depends on (types, names, paths, property conditions, rule order). */
export function interestStructureKey(contract: LeadContract): string {
  return JSON.stringify(
    contract.interest.rules.map((r) => [r.type, r.event ?? null, r.path ?? null, r.properties ?? null]),
  );
}
