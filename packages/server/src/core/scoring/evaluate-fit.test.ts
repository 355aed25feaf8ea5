import { type FitRule, type LeadContract, validateContract } from '@tandem/contracts';
import { describe, expect, it } from 'vitest';
import { compileContract } from './compile-contract.js';
import { evaluateExclusions, evaluateFit } from './evaluate-fit.js';
import { exampleContract } from './example-contract.js';
import type { ScoringSubject } from './types.js';

function withFitRules(rules: FitRule[]): LeadContract {
  const contract = structuredClone(exampleContract);
  contract.fit.rules = rules;
  const checked = validateContract(contract);
  if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
  return checked.contract;
}

/** Does one fit rule match the subject? */
type Rule = Omit<FitRule, 'id' | 'points'>;

function matches(rule: Rule, subject: ScoringSubject): boolean {
  const compiled = compileContract(withFitRules([{ id: 'r', points: 1, ...rule }]));
  return evaluateFit(compiled, subject).points === 1;
}

const person = (contact: ScoringSubject['contact'], account?: ScoringSubject['account']): ScoringSubject => ({
  contact,
  account: account ?? null,
});

describe('fit operators', () => {
  it('equals compares text ignoring case and numbers numerically', () => {
    expect(
      matches({ field: 'contact.country', op: 'equals', value: 'us' }, person({ country: ' US ' })),
    ).toBe(true);
    expect(matches({ field: 'contact.country', op: 'equals', value: 'us' }, person({ country: 'USA' }))).toBe(
      false,
    );
    expect(
      matches({ field: 'account.employees', op: 'equals', value: 50 }, person({}, { employees: '50' })),
    ).toBe(true);
    expect(
      matches(
        { field: 'account.traits.customer', op: 'equals', value: true },
        person({}, { traits: { customer: true } }),
      ),
    ).toBe(true);
  });

  it('in accepts any listed value, and any item of a list value', () => {
    const rule: Rule = { field: 'account.industry', op: 'in', values: ['Software', 'internet'] };
    expect(matches(rule, person({}, { industry: 'software' }))).toBe(true);
    expect(matches(rule, person({}, { industry: 'retail' }))).toBe(false);
    const tags: Rule = { field: 'contact.traits.tags', op: 'in', values: ['vip'] };
    expect(matches(tags, person({ traits: { tags: ['new', 'VIP'] } }))).toBe(true);
  });

  it('contains_word matches whole words and phrases, not substrings', () => {
    const rule: Rule = { field: 'contact.title', op: 'contains_word', values: ['vp', 'vice president'] };
    expect(matches(rule, person({ title: 'VP, Marketing' }))).toBe(true);
    expect(matches(rule, person({ title: 'Senior Vice-President of Sales' }))).toBe(true);
    expect(matches(rule, person({ title: 'MVP Engineer' }))).toBe(false);
    expect(matches(rule, person({ title: 'Vice Chair, President' }))).toBe(false);
  });

  it('prefix and glob ignore case', () => {
    expect(
      matches(
        { field: 'contact.title', op: 'prefix', value: 'head of' },
        person({ title: 'Head Of Growth' }),
      ),
    ).toBe(true);
    expect(
      matches({ field: 'account.domain', op: 'glob', value: '*.io' }, person({}, { domain: 'Acme.IO' })),
    ).toBe(true);
    expect(
      matches({ field: 'account.domain', op: 'glob', value: '*.io' }, person({}, { domain: 'acme.com' })),
    ).toBe(false);
  });

  it('numeric ranges include their bounds and read numeric text', () => {
    const between: Rule = { field: 'account.employees', op: 'between', min: 50, max: 500 };
    expect([49, 50, 500, 501].map((employees) => matches(between, person({}, { employees })))).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect(matches(between, person({}, { employees: '120' }))).toBe(true);
    expect(matches(between, person({}, { employees: 'many' }))).toBe(false);
    expect(matches({ field: 'account.employees', op: 'gte', value: 10 }, person({}, { employees: 10 }))).toBe(
      true,
    );
    expect(matches({ field: 'account.employees', op: 'lte', value: 10 }, person({}, { employees: 11 }))).toBe(
      false,
    );
  });

  it('exists needs a non-empty value; not inverts any operator', () => {
    const exists: Rule = { field: 'account.domain', op: 'exists' };
    expect(matches(exists, person({}, { domain: 'acme.com' }))).toBe(true);
    expect(matches(exists, person({}, { domain: '  ' }))).toBe(false);
    expect(matches(exists, person({}))).toBe(false);
    expect(matches({ ...exists, not: true }, person({}))).toBe(true);
    expect(matches({ field: 'contact.title', op: 'equals', value: 'x', not: true }, person({}))).toBe(true);
  });

  it('email_domain_in reads named lists, values and parent domains', () => {
    const free: Rule = { field: 'contact.email', op: 'email_domain_in', list: 'free_mail' };
    expect(matches(free, person({ email: 'Ann@GMail.com' }))).toBe(true);
    expect(matches(free, person({ email: 'ann@acme.com' }))).toBe(false);
    const school: Rule = { field: 'contact.email', op: 'email_domain_in', values: ['.edu', 'ac.uk'] };
    expect(matches(school, person({ email: 'bo@cs.mit.edu' }))).toBe(true);
    expect(matches(school, person({ email: 'bo@ox.ac.uk' }))).toBe(true);
    expect(matches(school, person({ email: 'bo@education.com' }))).toBe(false);
  });

  it('never reads through the prototype chain', () => {
    const rule: Rule = { field: 'contact.traits.constructor', op: 'exists' };
    expect(matches(rule, person({ traits: {} }))).toBe(false);
    expect(matches({ field: 'contact.traits.toString', op: 'exists' }, person({ traits: {} }))).toBe(false);
  });
});

describe('evaluateFit', () => {
  const compiled = compileContract(exampleContract);

  it('sums matching rules, lists each hit and grades the total', () => {
    const fit = evaluateFit(
      compiled,
      person(
        { email: 'dana@acme.com', title: 'VP Marketing' },
        { industry: 'Software', employees: 800, country: 'DE', domain: 'acme.com' },
      ),
    );
    expect(fit.points).toBe(20 + 15 + 20 + 10 + 5);
    expect(fit.grade).toBe('A');
    expect(fit.hits[0]).toEqual({
      ruleId: 'exec-title',
      label: 'Executive title',
      points: 20,
      field: 'contact.title',
      value: 'VP Marketing',
    });
  });

  it('applies negative points and grades at each minimum', () => {
    const tiny = evaluateFit(compiled, person({ email: 'joe@gmail.com' }, { employees: 4 }));
    expect(tiny.points).toBe(-25);
    expect(tiny.grade).toBeNull();
    const grades = [60, 59.5, 40, 20, 0, -1].map((points) => {
      const contract = withFitRules([{ id: 'p', field: 'contact.title', op: 'exists', points }]);
      return evaluateFit(compileContract(contract), person({ title: 'x' })).grade;
    });
    expect(grades).toEqual(['A', 'B', 'B', 'C', 'D', null]);
  });

  it('reports the exclusions a lead falls under', () => {
    expect(
      evaluateExclusions(compiled, person({ email: 'kim@uni.ac.uk' }, { domain: 'rivalytics.com' })).map(
        (e) => e.id,
      ),
    ).toEqual(['competitor', 'student']);
    expect(evaluateExclusions(compiled, person({ email: 'kim@acme.com' }, { domain: 'acme.com' }))).toEqual(
      [],
    );
  });
});
