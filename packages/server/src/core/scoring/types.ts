import type { FitGrade, LeadContract, ScoringEventType } from '@tandem/contracts';
import type { ValueTest } from './conditions.js';
import type { Glob } from './glob.js';

/** Milliseconds since the Unix epoch: the engine's only notion of time. */
export type EpochMs = number;

/** What the engine needs of a stored event. */
export interface ScoringEvent {
  /** Stable id: orders events that share a timestamp. */
  id: string;
  type: ScoringEventType;
  /** Track event name, or page/screen name. */
  name?: string | null;
  timestamp: EpochMs;
  /** Page path; when absent, `properties.path` is used. */
  path?: string | null;
  properties?: Record<string, unknown> | null;
}

/** The fields fit rules read: `contact.*`, `account.*`, and free-form traits on both. */
export interface ScoringSubject {
  contact: {
    email?: string | null;
    title?: string | null;
    country?: string | null;
    traits?: Record<string, unknown> | null;
  };
  account?: {
    industry?: string | null;
    employees?: number | string | null;
    country?: string | null;
    domain?: string | null;
    traits?: Record<string, unknown> | null;
  } | null;
}

export interface CompiledFitRule {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly field: string;
  readonly segments: readonly string[];
  readonly points: number;
  readonly test: ValueTest;
}

export type CompiledExclusion = Omit<CompiledFitRule, 'points'>;

export interface CompiledInterestRule {
  readonly index: number;
  readonly id: string;
  readonly label: string;
  readonly type: ScoringEventType;
  readonly points: number;
  /** Index of this rule's page path glob in `pathGlobs`, −1 when it has none. */
  readonly pathSlot: number;
  /** Property conditions; null when there are none. */
  readonly conditions: ((event: ScoringEvent) => boolean) | null;
  /** 0 when the rule has no frequency cap. */
  readonly capCount: number;
  readonly capWindowMs: number;
  /** Where this rule's slots of last-applied times start in a lead's cap ring. */
  readonly ringOffset: number;
  readonly handRaiser: boolean;
}

/** Interest rules that can fire for one event type, found without scanning every rule. */
export interface TypeDispatch {
  /** Rules by event name exactly as the contract spells it (includes the nameless rules). */
  readonly named: ReadonlyMap<string, readonly CompiledInterestRule[]>;
  /** The same lists by lower-cased name, for events that spell the name differently. */
  readonly lowered: ReadonlyMap<string, readonly CompiledInterestRule[]>;
  /** Rules that ignore the name: what an event with an unknown name can fire. */
  readonly anyName: readonly CompiledInterestRule[];
  /** Memo of spellings seen, bounded (a pure cache: it never changes an answer). */
  readonly seen: Map<string, readonly CompiledInterestRule[]>;
}

/**
 * Which path globs a page path matches, remembered per distinct path (sites have few): a page
 * event then costs one lookup however many path rules there are. Bounded; a pure cache.
 */
export interface PathMemo {
  readonly hits: Map<string, Uint8Array>;
  lastPath: string | null;
  lastHits: Uint8Array;
}

export interface CompiledContract {
  readonly contract: LeadContract;
  readonly fitRules: readonly CompiledFitRule[];
  readonly exclusions: readonly CompiledExclusion[];
  /** Best grade first. */
  readonly grades: ReadonlyArray<{ grade: FitGrade; min: number }>;
  readonly interestRules: readonly CompiledInterestRule[];
  readonly interestRuleIndex: ReadonlyMap<string, number>;
  readonly dispatch: ReadonlyMap<string, TypeDispatch>;
  readonly pathGlobs: readonly Glob[];
  readonly pathMemo: PathMemo;
  readonly halfLifeMs: number;
  readonly totalCap: number;
  readonly minInterest: number;
  readonly minGrade: FitGrade;
  /** Slots of last-applied times per lead, summed over capped rules. */
  readonly ringSize: number;
  /** Per interest rule, for the columnar loop. */
  readonly points: Float64Array;
  readonly capCount: Int32Array;
  readonly capWindowMs: Float64Array;
  readonly ringOffset: Int32Array;
  readonly handRaiser: Uint8Array;
}
