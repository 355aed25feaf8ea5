import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { exampleContract } from '../scoring/example-contract.js';
import { readContract } from './read-source.js';

describe('readContract', () => {
  it('reads YAML, keeping the text as written, and JSON', () => {
    const text = `# our agreement\n${stringify(exampleContract)}`;
    expect(readContract({ format: 'yaml', text })).toEqual({
      ok: true,
      contract: exampleContract,
      format: 'yaml',
      source: text,
    });
    expect(readContract({ format: 'json', document: structuredClone(exampleContract) })).toMatchObject({
      ok: true,
      format: 'json',
      source: null,
    });
  });

  it('names the line of a YAML syntax error, and refuses duplicate keys', () => {
    const broken = readContract({ format: 'yaml', text: 'name: x\nfit: [\n' });
    expect(broken).toMatchObject({ ok: false, errors: [{ field: '/yaml' }] });
    const twice = readContract({ format: 'yaml', text: 'name: a\nname: b\n' });
    expect(twice).toMatchObject({ ok: false, errors: [{ field: '/yaml' }] });
    if (!twice.ok) expect(twice.errors[0]!.detail).toMatch(/unique|duplicate/i);
  });

  it('refuses alias bombs, infinities and deep nesting before validating', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const next = String.fromCharCode(97 + i);
      laughs.push(
        `${next}: &${next} [*${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}, *${prev}]`,
      );
    }
    expect(readContract({ format: 'yaml', text: laughs.join('\n') })).toMatchObject({
      ok: false,
      errors: [{ field: '/yaml' }],
    });
    expect(readContract({ format: 'yaml', text: 'name: .nan\n' })).toEqual({
      ok: false,
      errors: [{ field: '/name', detail: 'must be a finite number' }],
    });
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { x: deep };
    const refused = readContract({ format: 'json', document: { name: 'n', description: deep } });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.errors[0]!.detail).toContain('nested deeper');
  });

  it('passes on the validator’s errors with their JSON pointers', () => {
    const doc = structuredClone(exampleContract) as unknown as { fit: { rules: Array<{ op: string }> } };
    doc.fit.rules[3]!.op = 'regex';
    const result = readContract({ format: 'json', document: doc });
    expect(result).toMatchObject({ ok: false, errors: [{ field: '/fit/rules/3/op' }] });
  });
});
