import type { LeadContract } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { exampleContract } from '../scoring/example-contract.js';
import { diffContracts, jsonEqual } from './diff.js';

const copy = (): LeadContract => structuredClone(exampleContract);

describe('diffContracts', () => {
  it('finds nothing between equal versions, whatever the rule order', () => {
    const reordered = copy();
    reordered.fit.rules.reverse();
    expect(diffContracts(exampleContract, copy())).toEqual({
      identical: true,
      rules: [],
      settings: [],
      lines: [],
    });
    expect(diffContracts(exampleContract, reordered).identical).toBe(true);
  });

  it('reports rules added, removed and changed field by field', () => {
    const next = copy();
    next.fit.rules = next.fit.rules.filter((r) => r.id !== 'crm-user');
    next.fit.rules.push({
      id: 'eu',
      label: 'EU',
      field: 'account.country',
      op: 'in',
      values: ['IE', 'ES'],
      points: 5,
    });
    const exec = next.fit.rules.find((r) => r.id === 'exec-title')!;
    exec.points = 25;
    exec.values = [...(exec.values ?? []), 'svp'];
    const pricing = next.interest.rules.find((r) => r.id === 'pricing-page')!;
    pricing.cap = { count: 2, per: 'day' };
    next.mql.exclusions = next.mql.exclusions?.filter((e) => e.id !== 'student');

    const diff = diffContracts(exampleContract, next);
    expect(diff.identical).toBe(false);
    expect(diff.rules.map((r) => [r.section, r.kind, r.id])).toEqual([
      ['fit', 'removed', 'crm-user'],
      ['fit', 'changed', 'exec-title'],
      ['fit', 'added', 'eu'],
      ['interest', 'changed', 'pricing-page'],
      ['exclusion', 'removed', 'student'],
    ]);
    const execChange = diff.rules.find((r) => r.id === 'exec-title')!;
    expect(execChange.changes).toEqual([
      { path: '/values', from: exampleContract.fit.rules[0]!.values, to: exec.values },
      { path: '/points', from: 20, to: 25 },
    ]);
    expect(execChange.text).toBe(
      'Fit rule “Executive title” (exec-title) changed: values: added “svp”; points 20 → 25',
    );
    expect(diff.lines).toContain(
      'Fit rule added: EU: the company’s country is one of “IE” or “ES” (+5 points)',
    );
    expect(diff.lines).toContain(
      'Fit rule removed: Uses a CRM we integrate with: the company’s “crm” trait is one of “salesforce” or “hubspot” (+5 points)',
    );
    expect(diff.lines).toContain(
      'Interest rule “Pricing page” (pricing-page) changed: cap 1 per day → 2 per day',
    );
    expect(
      diff.lines.some((l) =>
        l.startsWith('MQL exclusion removed: Student: the contact’s email is at “edu” or “ac.uk”'),
      ),
    ).toBe(true);
    expect(diff.settings).toEqual([]);
  });

  it('reports grades, MQL, hand-raisers, reasons and SLAs by JSON pointer', () => {
    const next = copy();
    next.fit.grades.B = 45;
    next.mql.minGrade = 'A';
    next.mql.handRaisers = ['demo-request', 'trial-started'];
    next.reasons.reject.push({ code: 'budget', label: 'No budget' });
    next.reasons.recycle[0]!.label = 'Not this quarter';
    next.sla.acceptMinutes = 120;
    next.description = undefined;
    const diff = diffContracts(exampleContract, next);
    expect(diff.rules).toEqual([]);
    expect(diff.settings.map((s) => s.path)).toEqual([
      '/description',
      '/fit/grades/B',
      '/mql/minGrade',
      '/mql/handRaisers',
      '/reasons/reject',
      '/reasons/recycle',
      '/sla/acceptMinutes',
    ]);
    expect(diff.lines).toEqual([
      `Description “${exampleContract.description}” → (none)`,
      'Grade B from 40 → 45',
      'MQL minimum fit grade “B” → “A”',
      'MQL hand-raisers: added “trial-started”, removed “pricing-inquiry”',
      'Reject reasons: added “budget”',
      'Recycle reasons: labels changed',
      'SLA accept or return (minutes) 240 → 120',
    ]);
  });
});

describe('jsonEqual', () => {
  it('compares JSON values structurally', () => {
    expect(jsonEqual({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toBe(true);
    expect(jsonEqual({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: 1 }, [1])).toBe(false);
    expect(jsonEqual(null, {})).toBe(false);
  });
});
