import type { FitGrade } from '@tandem/contracts';
import { gradeFor } from './compile-contract.js';
import { readPath } from './conditions.js';
import type { CompiledContract, CompiledExclusion, ScoringSubject } from './types.js';

export type FieldValue = string | number | boolean | null;

export interface FitHit {
  ruleId: string;
  label: string;
  points: number;
  field: string;
  /** The field's value when the rule matched (list values joined), for the explanation. */
  value: FieldValue;
}

export interface FitResult {
  points: number;
  grade: FitGrade | null;
  hits: FitHit[];
}

/** Fit points are the sum of every matching rule's points; the grade follows from the minimums. */
export function evaluateFit(compiled: CompiledContract, subject: ScoringSubject): FitResult {
  let points = 0;
  const hits: FitHit[] = [];
  for (const rule of compiled.fitRules) {
    const value = readPath(subject, rule.segments);
    if (!rule.test(value)) continue;
    points += rule.points;
    hits.push({
      ruleId: rule.id,
      label: rule.label,
      points: rule.points,
      field: rule.field,
      value: shown(value),
    });
  }
  return { points, grade: gradeFor(compiled, points), hits };
}

export interface ExclusionHit {
  id: string;
  label: string;
  field: string;
  value: FieldValue;
}

/** The exclusions (competitor, student, customer…) the subject falls under; empty when none. */
export function evaluateExclusions(compiled: CompiledContract, subject: ScoringSubject): ExclusionHit[] {
  const hits: ExclusionHit[] = [];
  for (const exclusion of compiled.exclusions as readonly CompiledExclusion[]) {
    const value = readPath(subject, exclusion.segments);
    if (exclusion.test(value)) {
      hits.push({ id: exclusion.id, label: exclusion.label, field: exclusion.field, value: shown(value) });
    }
  }
  return hits;
}

function shown(value: unknown): FieldValue {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.filter((v) => typeof v !== 'object').join(', ');
  return null;
}
