import type { ConditionOp, EmailDomainList } from '@tandem/contracts';
import { domainIn, domainLists } from './domain-lists.js';
import { compileGlob } from './glob.js';
import { emailDomain, hasPhrase, normalize, toNumber, words } from './text.js';

/** The operator part shared by fit rules, exclusions and event property conditions. */
export interface ConditionSpec {
  op: ConditionOp;
  value?: string | number | boolean;
  values?: Array<string | number>;
  list?: EmailDomainList;
  min?: number;
  max?: number;
  not?: boolean;
}

/** A precompiled test of one field value. */
export type ValueTest = (value: unknown) => boolean;

type ScalarTest = (value: string | number | boolean) => boolean;

/**
 * Compiles a condition once so evaluating it does no parsing. A missing value (absent, null,
 * empty text, empty list) satisfies only `exists`; a list value satisfies an operator when one
 * of its items does; `not` inverts the final answer.
 */
export function compileCondition(spec: ConditionSpec): ValueTest {
  const test: ValueTest = spec.op === 'exists' ? isPresent : anyItem(scalarTest(spec));
  return spec.not ? (value) => !test(value) : test;
}

function anyItem(scalar: ScalarTest): ValueTest {
  return (value) => {
    if (Array.isArray(value)) {
      for (const item of value) if (isScalar(item) && isPresent(item) && scalar(item)) return true;
      return false;
    }
    return isScalar(value) && isPresent(value) && scalar(value);
  };
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.trim() !== '';
  if (typeof value === 'number') return !Number.isNaN(value);
  if (Array.isArray(value)) return value.some(isPresent);
  return true;
}

function texts(spec: ConditionSpec): string[] {
  if (spec.values) return spec.values.map(String);
  return spec.value === undefined ? [] : [String(spec.value)];
}

function scalarTest(spec: ConditionSpec): ScalarTest {
  switch (spec.op) {
    case 'equals': {
      const expected = spec.value;
      if (typeof expected === 'number') return (v) => toNumber(v) === expected;
      const text = normalize(String(expected));
      return (v) => normalize(String(v)) === text;
    }
    case 'in': {
      const set = new Set((spec.values ?? []).map((v) => normalize(String(v))));
      const numbers = new Set((spec.values ?? []).filter((v) => typeof v === 'number'));
      // Values usually arrive spelled as listed: try them as they are before normalising.
      return (v) =>
        set.has(v as string) ||
        set.has(normalize(String(v))) ||
        (numbers.size > 0 && numbers.has(toNumber(v)));
    }
    case 'contains_word': {
      const phrases = texts(spec).map(words);
      return (v) => {
        const tokens = words(String(v));
        return phrases.some((phrase) => hasPhrase(tokens, phrase));
      };
    }
    case 'prefix': {
      const prefixes = texts(spec).map(normalize);
      return (v) => {
        const text = normalize(String(v));
        return prefixes.some((prefix) => text.startsWith(prefix));
      };
    }
    case 'glob': {
      const globs = texts(spec).map(compileGlob);
      return (v) => {
        const text = String(v);
        return globs.some((glob) => glob.test(text));
      };
    }
    case 'between': {
      const min = spec.min ?? Number.NEGATIVE_INFINITY;
      const max = spec.max ?? Number.POSITIVE_INFINITY;
      return (v) => {
        const n = toNumber(v);
        return n >= min && n <= max;
      };
    }
    case 'gte': {
      const min = toNumber(spec.value);
      return (v) => toNumber(v) >= min;
    }
    case 'lte': {
      const max = toNumber(spec.value);
      return (v) => toNumber(v) <= max;
    }
    case 'email_domain_in': {
      const named = spec.list ? domainLists[spec.list] : [];
      const set = new Set([
        ...named,
        ...(spec.values ?? []).map((v) => emailDomain(String(v)).replace(/^\.+/, '')),
      ]);
      return (v) => typeof v === 'string' && domainIn(emailDomain(v), set);
    }
    case 'exists':
      return () => true;
  }
}

/** Reads a dotted path of own properties (never the prototype chain). */
export function readPath(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment];
  }
  return node;
}
