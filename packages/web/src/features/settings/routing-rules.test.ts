import { describe, expect, it } from 'vitest';
import {
  freshRuleId,
  moveItem,
  newRule,
  parseList,
  type RoutingRule,
  removeItem,
  ruleErrors,
  withKind,
} from './routing-rules.js';

const team = { kind: 'team', teamId: 't1', strategy: 'round_robin' } as const;

describe('editing the rule list', () => {
  it('moves a rule up or down, and leaves the ends alone', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
    expect(removeItem(['a', 'b', 'c'], 1)).toEqual(['a', 'c']);
  });

  it('gives new rules an id not taken', () => {
    expect(freshRuleId([])).toBe('rule-1');
    expect(freshRuleId(['rule-2', 'x'])).toBe('rule-3');
    expect(freshRuleId(['rule-2', 'rule-3'])).toBe('rule-4');
    expect(newRule('territory', [], team)).toEqual({
      id: 'rule-1',
      kind: 'territory',
      countries: [],
      target: team,
    });
  });

  it('changes a rule’s kind, keeping its id, name, flags and target', () => {
    const rule: RoutingRule = {
      id: 'big',
      name: 'Big ones',
      enabled: false,
      kind: 'segment',
      minEmployees: 1000,
      target: { kind: 'user', userId: 'u1' },
    };
    expect(withKind(rule, 'catch_all', team)).toEqual({
      id: 'big',
      name: 'Big ones',
      enabled: false,
      kind: 'catch_all',
      target: { kind: 'user', userId: 'u1' },
    });
    expect(withKind(rule, 'account_owner', team)).toEqual({
      id: 'big',
      name: 'Big ones',
      enabled: false,
      kind: 'account_owner',
    });
    expect(withKind({ id: 'o', kind: 'account_owner' }, 'named_accounts', team)).toEqual({
      id: 'o',
      kind: 'named_accounts',
      domains: [],
      target: team,
    });
    expect(withKind(rule, 'segment', team)).toBe(rule);
  });

  it('reads lists typed with commas, spaces or lines', () => {
    expect(parseList(' acme.com, globex.com\ninitech.com ;; ')).toEqual([
      'acme.com',
      'globex.com',
      'initech.com',
    ]);
    expect(parseList('')).toEqual([]);
  });
});

describe('ruleErrors', () => {
  it('puts the server’s problems on the rule and field it names', () => {
    const errors = ruleErrors([
      { field: '/rules/2/maxEmployees', detail: 'must be at least minEmployees' },
      { field: '/rules/0/countries/1', detail: 'must be a two-letter country code' },
      { field: '/rules/0/countries/3', detail: 'second one' },
      { field: '/rules/1/target/userId', detail: 'no such user in this workspace' },
      { field: '/funnel', detail: 'unknown funnel' },
    ]);
    expect(errors.get(2)).toEqual({ maxEmployees: 'must be at least minEmployees' });
    expect(errors.get(0)).toEqual({ countries: 'must be a two-letter country code' });
    expect(errors.get(1)).toEqual({ 'target/userId': 'no such user in this workspace' });
    expect(errors.size).toBe(3);
  });
});
