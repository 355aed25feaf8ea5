import { describe, expect, it } from 'vitest';
import {
  pathToPointer,
  pointerToPath,
  problemCountUnder,
  problemsAt,
  unplacedProblems,
  yamlErrorLine,
} from './contract-pointer.js';
import { formHasField } from './form-fields.js';

const problems = [
  { field: '/fit/rules/3/op', detail: 'must be one of: equals, in' },
  { field: '/fit/rules/4/max', detail: 'max (500) is below min (600)' },
  { field: '/mql/handRaisers/1', detail: "no interest rule has id 'webinar'" },
  { field: '/fit/rules/3/weight', detail: 'unknown key' },
];

describe('JSON pointers and form paths', () => {
  it('turns a pointer into a path with array indexes as numbers, and back', () => {
    expect(pointerToPath('/fit/rules/3/op')).toEqual(['fit', 'rules', 3, 'op']);
    expect(pathToPointer(['fit', 'rules', 3, 'op'])).toBe('/fit/rules/3/op');
    expect(pointerToPath('')).toEqual([]);
  });

  it('escapes / and ~ inside a key (RFC 6901)', () => {
    expect(pathToPointer(['a/b', 'c~d'])).toBe('/a~1b/c~0d');
    expect(pointerToPath('/a~1b/c~0d')).toEqual(['a/b', 'c~d']);
  });

  it('keeps numeric-looking keys that are not indexes as text', () => {
    expect(pointerToPath('/fit/grades/01')).toEqual(['fit', 'grades', '01']);
  });

  it('finds the messages for one input', () => {
    expect(problemsAt(problems, ['fit', 'rules', 3, 'op'])).toEqual(['must be one of: equals, in']);
    expect(problemsAt(problems, ['fit', 'rules', 3])).toEqual([]);
  });

  it('counts the problems inside a rule card or section', () => {
    expect(problemCountUnder(problems, ['fit', 'rules', 3])).toBe(2);
    expect(problemCountUnder(problems, ['fit'])).toBe(3);
    expect(problemCountUnder(problems, ['mql'])).toBe(1);
    expect(problemCountUnder(problems, ['sla'])).toBe(0);
  });

  it('lists above the form what no input shows: unknown keys and the YAML text itself', () => {
    const withYaml = [...problems, { field: '/yaml', detail: 'Unexpected flow-seq-end at line 4, column 9' }];
    expect(unplacedProblems(withYaml, formHasField).map((p) => p.field)).toEqual([
      '/fit/rules/3/weight',
      '/yaml',
    ]);
  });

  it('reads the line of a YAML parse error', () => {
    expect(yamlErrorLine('Unexpected flow-seq-end at line 4, column 9')).toBe(4);
    expect(yamlErrorLine('not valid YAML')).toBeNull();
  });
});

describe('formHasField', () => {
  it('knows the inputs of rules, conditions and settings', () => {
    for (const pointer of [
      '/name',
      '/fit/rules/0/points',
      '/fit/grades/B',
      '/interest/rules/2/cap/per',
      '/interest/rules/2/properties/1/values',
      '/mql/exclusions/0/list',
      '/mql/handRaisers/3',
      '/reasons/recycle/0/code',
      '/sla/warnAtShare',
    ]) {
      expect(formHasField(pointerToPath(pointer)), pointer).toBe(true);
    }
  });

  it('does not claim keys it has no input for', () => {
    for (const pointer of ['/fit/rules/0/weight', '/colour', '/sla/other', '/fit/grades/E']) {
      expect(formHasField(pointerToPath(pointer)), pointer).toBe(false);
    }
  });
});
