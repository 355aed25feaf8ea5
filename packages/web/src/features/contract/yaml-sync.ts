import { isSeq, parse, parseDocument, stringify } from 'yaml';
import type { ContractPath } from './contract-pointer.js';

/**
 * The editor keeps one source of truth, the YAML text. The form reads the document parsed from
 * it and writes back by editing the text's syntax tree at one path, so comments, key order and
 * formatting elsewhere survive a form edit, and the two views can never disagree.
 */

export type ParsedYaml = { ok: true; document: unknown } | { ok: false; detail: string };

const parseOptions = { maxAliasCount: 100, uniqueKeys: true, prettyErrors: true } as const;

export function parseYamlText(text: string): ParsedYaml {
  try {
    return { ok: true, document: parse(text, parseOptions) };
  } catch (error) {
    const detail =
      error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : 'not valid YAML';
    return { ok: false, detail };
  }
}

/** A document as YAML text, for a version stored as JSON (no text of its own). */
export function documentToYaml(document: unknown): string {
  return stringify(document, { lineWidth: 100 });
}

export type YamlEdit =
  | { kind: 'set'; path: ContractPath; value: unknown }
  | { kind: 'delete'; path: ContractPath }
  | { kind: 'append'; path: ContractPath; value: unknown };

/**
 * Applies one form edit to the YAML text. `set` with `undefined` deletes the key (an emptied
 * optional input), `append` adds an item to a list (creating it when absent). Throws when the
 * text does not parse: the form is only offered for text that does.
 */
export function applyYamlEdit(text: string, edit: YamlEdit): string {
  const doc = parseDocument(text, parseOptions);
  if (doc.errors.length > 0) throw new Error(doc.errors[0]?.message ?? 'not valid YAML');
  const path = [...edit.path];
  if (edit.kind === 'delete' || (edit.kind === 'set' && edit.value === undefined)) {
    if (doc.hasIn(path)) doc.deleteIn(path);
  } else if (edit.kind === 'set') {
    doc.setIn(path, doc.createNode(edit.value));
  } else {
    const list = doc.getIn(path, true);
    if (isSeq(list)) list.add(doc.createNode(edit.value));
    else doc.setIn(path, doc.createNode([edit.value]));
  }
  // An emptied list or map written as `[]`/`{}` stays valid YAML; nothing else to tidy.
  return doc.toString({ lineWidth: 100 });
}
