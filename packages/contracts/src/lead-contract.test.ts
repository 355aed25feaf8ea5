import { describe, expect, it } from 'vitest';
import { type LeadContract, validateContract } from './lead-contract.js';

function contract(): LeadContract {
  return {
    name: 'Test contract',
    fit: {
      rules: [
        { id: 'vp', field: 'contact.title', op: 'contains_word', value: 'vp', points: 20 },
        { id: 'size', field: 'account.employees', op: 'between', min: 50, max: 500, points: 10 },
        { id: 'plan', field: 'account.traits.plan.tier', op: 'in', values: ['pro', 'team'], points: 5 },
      ],
      grades: { A: 30, B: 20, C: 10, D: 0 },
    },
    interest: {
      halfLifeDays: 14,
      totalCap: 100,
      rules: [
        { id: 'demo', type: 'track', event: 'Demo Requested', points: 50 },
        { id: 'pricing', type: 'page', path: '/pricing*', points: 5, cap: { count: 1, per: 'day' } },
      ],
    },
    mql: {
      minGrade: 'B',
      minInterest: 30,
      handRaisers: ['demo'],
      exclusions: [{ id: 'student', field: 'contact.email', op: 'email_domain_in', values: ['edu'] }],
    },
    acceptance: { criteria: ['Has a project'] },
    reasons: {
      reject: [{ code: 'not-icp', label: 'Not our profile' }],
      recycle: [{ code: 'timing', label: 'Later' }],
    },
    sla: {
      firstTouchMinutes: 60,
      acceptMinutes: 240,
      marketingRequestHours: 48,
      warnAtShare: 0.8,
      reassignAfterMinutes: 480,
    },
  };
}

/** Applies `change` to a fresh valid contract and returns the errors. */
function errorsAfter(change: (c: LeadContract & Record<string, unknown>) => void) {
  const c = contract() as LeadContract & Record<string, unknown>;
  change(c);
  const result = validateContract(JSON.parse(JSON.stringify(c)));
  if (result.ok) throw new Error('expected the contract to be rejected');
  return result.errors;
}

describe('validateContract', () => {
  it('accepts a complete contract and hands it back', () => {
    const result = validateContract(contract());
    expect(result).toEqual({ ok: true, contract: contract() });
  });

  it('rejects a non-object', () => {
    expect(validateContract('name: x')).toEqual({
      ok: false,
      errors: [{ field: '', detail: 'must be object' }],
    });
  });

  it('names the field of a missing, unknown or mistyped property', () => {
    expect(
      errorsAfter((c) => {
        delete (c as Partial<LeadContract>).name;
      }),
    ).toContainEqual({ field: '/name', detail: 'is required' });
    expect(
      errorsAfter((c) => {
        (c.fit.rules[0] as Record<string, unknown>).colour = 'red';
      }),
    ).toContainEqual({ field: '/fit/rules/0/colour', detail: 'unknown property' });
    expect(
      errorsAfter((c) => {
        (c.fit.rules[3] as unknown) = {
          id: 'x',
          field: 'contact.title',
          op: 'matches',
          value: 'a',
          points: 1,
        };
      }),
    ).toContainEqual({
      field: '/fit/rules/3/op',
      detail: expect.stringContaining('must be one of: equals, in'),
    });
    expect(
      errorsAfter((c) => {
        (c.fit.rules[0] as Record<string, unknown>).value = { nested: true };
      }),
    ).toContainEqual({ field: '/fit/rules/0/value', detail: 'must be string or number or boolean' });
    expect(
      errorsAfter((c) => {
        c.fit.rules[0]!.id = 'Has Spaces';
      }),
    ).toContainEqual({ field: '/fit/rules/0/id', detail: expect.stringContaining('lowercase') });
  });

  it('enforces the size caps in the schema', () => {
    const tooMany = errorsAfter((c) => {
      c.fit.rules = Array.from({ length: 201 }, (_, i) => ({
        id: `r${i}`,
        field: 'contact.title',
        op: 'exists' as const,
        points: 1,
      }));
    });
    expect(tooMany).toContainEqual({ field: '/fit/rules', detail: expect.stringContaining('200') });
    const longGlob = errorsAfter((c) => {
      c.interest.rules[1]!.path = `/${'*a'.repeat(150)}`;
    });
    expect(longGlob).toContainEqual({
      field: '/interest/rules/1/path',
      detail: expect.stringContaining('200'),
    });
    const bigCap = errorsAfter((c) => {
      c.interest.rules[1]!.cap = { count: 1000, per: 'day' };
    });
    expect(bigCap[0]?.field).toBe('/interest/rules/1/cap/count');
  });

  it('checks the operands each operator needs', () => {
    expect(
      errorsAfter((c) => {
        delete c.fit.rules[0]!.value;
      }),
    ).toEqual([{ field: '/fit/rules/0/value', detail: 'contains_word needs value or values' }]);
    expect(
      errorsAfter((c) => {
        c.fit.rules[1]!.min = 600;
      }),
    ).toEqual([{ field: '/fit/rules/1/max', detail: 'max (500) is below min (600)' }]);
    expect(
      errorsAfter((c) => {
        c.fit.rules[1]!.value = 3;
      }),
    ).toEqual([{ field: '/fit/rules/1/value', detail: 'between does not take value' }]);
    expect(
      errorsAfter((c) => {
        c.fit.rules[1] = { id: 'size', field: 'account.employees', op: 'gte', value: 'many', points: 1 };
      }),
    ).toEqual([{ field: '/fit/rules/1/value', detail: 'gte needs a number' }]);
    expect(
      errorsAfter((c) => {
        c.mql.exclusions = [{ id: 'x', field: 'contact.email', op: 'email_domain_in' }];
      }),
    ).toEqual([{ field: '/mql/exclusions/0/list', detail: 'email_domain_in needs a list or values' }]);
    expect(
      errorsAfter((c) => {
        c.interest.rules[1]!.properties = [{ property: 'plan', op: 'glob', values: ['pro*', ' '] }];
      }),
    ).toEqual([
      { field: '/interest/rules/1/properties/0/values/1', detail: 'glob needs non-empty text values' },
    ]);
  });

  it('checks fields, references and ordering', () => {
    expect(
      errorsAfter((c) => {
        c.fit.rules[0]!.field = 'contact.salary';
      }),
    ).toEqual([
      { field: '/fit/rules/0/field', detail: expect.stringContaining("unknown field 'contact.salary'") },
    ]);
    expect(
      errorsAfter((c) => {
        c.interest.rules[1]!.id = 'vp';
      }),
    ).toEqual([
      { field: '/interest/rules/1/id', detail: "duplicate rule id 'vp' (first used at /fit/rules/0/id)" },
    ]);
    expect(
      errorsAfter((c) => {
        c.mql.handRaisers = ['demo', 'webinar'];
      }),
    ).toEqual([{ field: '/mql/handRaisers/1', detail: "no interest rule has id 'webinar'" }]);
    expect(
      errorsAfter((c) => {
        c.fit.grades.C = 25;
      }),
    ).toEqual([{ field: '/fit/grades/C', detail: 'grade C (25) must need fewer points than B (20)' }]);
    expect(
      errorsAfter((c) => {
        c.interest.rules[0]!.path = '/demo';
      }),
    ).toEqual([{ field: '/interest/rules/0/path', detail: 'path applies to page events only' }]);
    expect(
      errorsAfter((c) => {
        c.interest.rules[0] = { id: 'demo', type: 'identify', event: 'x', points: 1 };
      }),
    ).toEqual([{ field: '/interest/rules/0/event', detail: 'identify events have no name to match' }]);
    expect(
      errorsAfter((c) => {
        c.mql.minInterest = 101;
      }),
    ).toEqual([{ field: '/mql/minInterest', detail: 'unreachable: above the interest total cap (100)' }]);
    expect(
      errorsAfter((c) => {
        c.reasons.reject.push({ code: 'not-icp', label: 'Again' });
      }),
    ).toEqual([{ field: '/reasons/reject/1/code', detail: "duplicate reason code 'not-icp'" }]);
    expect(
      errorsAfter((c) => {
        c.interest.rules[1]!.properties = [{ property: 'a..b', op: 'exists' }];
      }),
    ).toEqual([
      { field: '/interest/rules/1/properties/0/property', detail: expect.stringContaining('dotted path') },
    ]);
  });
});
