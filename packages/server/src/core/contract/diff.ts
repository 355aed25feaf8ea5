import type { LeadContract } from '@tandem/contracts';
import { exclusionInWords, fitRuleInWords, interestRuleInWords, listInWords } from './describe-rule.js';

/**
 * A structural diff between two contract versions, readable by the people who sign them: rules
 * are matched by id (added, removed, changed field by field) and every other setting (grades,
 * MQL condition, reasons, SLAs…) is compared by its JSON pointer.
 */

export interface FieldChange {
  /** JSON pointer: into the rule for rule changes, into the document for settings. */
  path: string;
  from: unknown;
  to: unknown;
}

export type RuleSection = 'fit' | 'interest' | 'exclusion';

export interface RuleChange {
  section: RuleSection;
  kind: 'added' | 'removed' | 'changed';
  id: string;
  label: string;
  /** Field-level changes of a changed rule (empty for added and removed ones). */
  changes: FieldChange[];
  text: string;
}

export interface ContractDiff {
  identical: boolean;
  rules: RuleChange[];
  settings: FieldChange[];
  /** One sentence per change, rules first. */
  lines: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
  for (const k of keys) if (!jsonEqual(ra[k], rb[k])) return false;
  return true;
}

const sectionWords: Record<RuleSection, string> = {
  fit: 'Fit rule',
  interest: 'Interest rule',
  exclusion: 'MQL exclusion',
};

type Rule = { id: string; label?: string | undefined } & Record<string, unknown>;

function show(value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'object' && value !== null && 'count' in value && 'per' in value) {
    return `${value.count} per ${value.per === 'ever' ? 'all time' : value.per}`;
  }
  if (typeof value === 'string') return `“${value}”`;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) {
    return `[${value.map((v) => show(v)).join(', ')}]`;
  }
  return JSON.stringify(value);
}

function changeInWords(name: string, from: unknown, to: unknown): string {
  const scalarList = (v: unknown): v is (string | number | boolean)[] =>
    Array.isArray(v) && v.every((x) => typeof x !== 'object');
  if (scalarList(from) && scalarList(to)) {
    const added = to.filter((v) => !from.includes(v));
    const removed = from.filter((v) => !to.includes(v));
    const parts = [
      ...(added.length ? [`added ${listInWords(added, 'and')}`] : []),
      ...(removed.length ? [`removed ${listInWords(removed, 'and')}`] : []),
    ];
    if (parts.length) return `${name}: ${parts.join(', ')}`;
  }
  return `${name} ${show(from)} → ${show(to)}`;
}

function ruleChanges<T extends Rule>(
  section: RuleSection,
  from: readonly T[],
  to: readonly T[],
  words: (rule: T) => string,
): RuleChange[] {
  const out: RuleChange[] = [];
  const before = new Map(from.map((r) => [r.id, r]));
  const after = new Map(to.map((r) => [r.id, r]));
  for (const rule of from) {
    if (!after.has(rule.id)) {
      out.push({
        section,
        kind: 'removed',
        id: rule.id,
        label: rule.label ?? rule.id,
        changes: [],
        text: `${sectionWords[section]} removed: ${words(rule)}`,
      });
    }
  }
  for (const rule of to) {
    const old = before.get(rule.id);
    const label = rule.label ?? rule.id;
    if (!old) {
      out.push({
        section,
        kind: 'added',
        id: rule.id,
        label,
        changes: [],
        text: `${sectionWords[section]} added: ${words(rule)}`,
      });
      continue;
    }
    const keys = [...new Set([...Object.keys(old), ...Object.keys(rule)])];
    const changes = keys
      .filter((k) => !jsonEqual(old[k], rule[k]))
      .map((k) => ({ path: `/${k}`, from: old[k], to: rule[k] }));
    if (changes.length === 0) continue;
    out.push({
      section,
      kind: 'changed',
      id: rule.id,
      label,
      changes,
      text: `${sectionWords[section]} “${label}” (${rule.id}) changed: ${changes
        .map((c) => changeInWords(c.path.slice(1), c.from, c.to))
        .join('; ')}`,
    });
  }
  return out;
}

const settingWords: Record<string, string> = {
  '/name': 'Name',
  '/description': 'Description',
  '/fit/grades/A': 'Grade A from',
  '/fit/grades/B': 'Grade B from',
  '/fit/grades/C': 'Grade C from',
  '/fit/grades/D': 'Grade D from',
  '/interest/halfLifeDays': 'Interest half-life (days)',
  '/interest/totalCap': 'Interest total cap',
  '/mql/minGrade': 'MQL minimum fit grade',
  '/mql/minInterest': 'MQL minimum interest',
  '/mql/handRaisers': 'MQL hand-raisers',
  '/acceptance/criteria': 'Acceptance criteria',
  '/reasons/reject': 'Reject reasons',
  '/reasons/recycle': 'Recycle reasons',
  '/sla/firstTouchMinutes': 'SLA first touch (minutes)',
  '/sla/acceptMinutes': 'SLA accept or return (minutes)',
  '/sla/marketingRequestHours': 'SLA marketing requests (hours)',
  '/sla/warnAtShare': 'SLA warning share',
  '/sla/reassignAfterMinutes': 'SLA reassignment (minutes)',
};

/** Paths holding rules, diffed by id instead. */
const rulePaths = new Set(['/fit/rules', '/interest/rules', '/mql/exclusions']);

function settingChanges(
  from: Json | undefined,
  to: Json | undefined,
  path: string,
  out: FieldChange[],
): void {
  if (rulePaths.has(path) || jsonEqual(from, to)) return;
  const isObject = (v: unknown): v is { [key: string]: Json } =>
    typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(from) && isObject(to)) {
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      settingChanges(from[key], to[key], `${path}/${key}`, out);
    }
    return;
  }
  out.push({ path, from, to });
}

function settingInWords(change: FieldChange): string {
  const name = settingWords[change.path] ?? change.path;
  const codes = (v: unknown) =>
    Array.isArray(v)
      ? v.map((r) => (typeof r === 'object' && r && 'code' in r ? String(r.code) : String(r)))
      : v;
  if (change.path.startsWith('/reasons/')) {
    const from = codes(change.from);
    const to = codes(change.to);
    if (jsonEqual(from, to)) return `${name}: labels changed`;
    return changeInWords(name, from, to);
  }
  return changeInWords(name, change.from, change.to);
}

/** What changes going from `from` to `to`. */
export function diffContracts(from: LeadContract, to: LeadContract): ContractDiff {
  const rules = [
    ...ruleChanges('fit', from.fit.rules, to.fit.rules, fitRuleInWords),
    ...ruleChanges('interest', from.interest.rules, to.interest.rules, interestRuleInWords),
    ...ruleChanges('exclusion', from.mql.exclusions ?? [], to.mql.exclusions ?? [], exclusionInWords),
  ];
  const settings: FieldChange[] = [];
  settingChanges(from as unknown as Json, to as unknown as Json, '', settings);
  const lines = [...rules.map((r) => r.text), ...settings.map(settingInWords)];
  return { identical: lines.length === 0, rules, settings, lines };
}
