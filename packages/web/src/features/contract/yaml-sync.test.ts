import { describe, expect, it } from 'vitest';
import { applyYamlEdit, documentToYaml, parseYamlText } from './yaml-sync.js';

const text = `# Our contract
name: Inbound
fit:
  rules:
    - id: exec-title # executives first
      field: contact.title
      op: contains_word
      values: [vp, chief]
      points: 20
  grades: { A: 60, B: 40, C: 20, D: 0 }
`;

describe('the YAML text as the editor source of truth', () => {
  it('parses text into the document the form shows', () => {
    const parsed = parseYamlText(text);
    expect(parsed).toMatchObject({ ok: true, document: { name: 'Inbound', fit: { grades: { B: 40 } } } });
  });

  it('says where text that does not parse fails', () => {
    const parsed = parseYamlText('name: [unclosed\n');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.detail).toMatch(/line/i);
  });

  it('a form edit changes one value and keeps comments and the rest of the text', () => {
    const edited = applyYamlEdit(text, { kind: 'set', path: ['fit', 'rules', 0, 'points'], value: 25 });
    expect(edited).toContain('# Our contract');
    expect(edited).toContain('# executives first');
    expect(edited).toContain('points: 25');
    expect(edited).toContain('values: [ vp, chief ]');
    expect(parseYamlText(edited)).toMatchObject({ ok: true, document: { fit: { rules: [{ points: 25 }] } } });
  });

  it('emptying an optional input removes its key', () => {
    const edited = applyYamlEdit(text, {
      kind: 'set',
      path: ['fit', 'rules', 0, 'values'],
      value: undefined,
    });
    expect(edited).not.toContain('values');
  });

  it('appends to a list, creating it when absent', () => {
    const rule = { id: 'demo', type: 'track', event: 'Demo Requested', points: 50 };
    const edited = applyYamlEdit(text, { kind: 'append', path: ['interest', 'rules'], value: rule });
    const parsed = parseYamlText(edited);
    expect(parsed).toMatchObject({ ok: true, document: { interest: { rules: [rule] } } });
    const twice = applyYamlEdit(edited, {
      kind: 'append',
      path: ['interest', 'rules'],
      value: { ...rule, id: 'b' },
    });
    expect(parseYamlText(twice)).toMatchObject({
      ok: true,
      document: { interest: { rules: [rule, { id: 'b' }] } },
    });
  });

  it('deletes one rule and leaves the others', () => {
    const two = applyYamlEdit(text, { kind: 'append', path: ['fit', 'rules'], value: { id: 'second' } });
    const edited = applyYamlEdit(two, { kind: 'delete', path: ['fit', 'rules', 0] });
    expect(parseYamlText(edited)).toMatchObject({
      ok: true,
      document: { fit: { rules: [{ id: 'second' }] } },
    });
  });

  it('writes a stored JSON document as YAML that reads back the same', () => {
    const document = { name: 'x', fit: { rules: [{ id: 'a', values: ['b', 2] }] } };
    expect(parseYamlText(documentToYaml(document))).toEqual({ ok: true, document });
  });

  it('refuses to edit text that does not parse', () => {
    expect(() => applyYamlEdit('a: [', { kind: 'set', path: ['a'], value: 1 })).toThrow();
  });
});
