import type { ContractPath } from './contract-pointer.js';

const conditionKeys = ['op', 'value', 'values', 'list', 'min', 'max', 'not'];

/**
 * Every place in a contract the form has an input (or a card) for; `#` stands for an array index.
 * A problem whose pointer matches none of them is listed above the form instead.
 */
const formPatterns: readonly string[] = [
  'name',
  'description',
  'fit',
  'fit/rules',
  'fit/rules/#',
  ...['id', 'label', 'field', 'points', ...conditionKeys].map((k) => `fit/rules/#/${k}`),
  'fit/grades',
  ...['A', 'B', 'C', 'D'].map((g) => `fit/grades/${g}`),
  'interest',
  'interest/halfLifeDays',
  'interest/totalCap',
  'interest/rules',
  'interest/rules/#',
  ...['id', 'label', 'type', 'event', 'path', 'points', 'cap', 'cap/count', 'cap/per', 'properties'].map(
    (k) => `interest/rules/#/${k}`,
  ),
  'interest/rules/#/properties/#',
  ...['property', ...conditionKeys].map((k) => `interest/rules/#/properties/#/${k}`),
  'mql',
  'mql/minGrade',
  'mql/minInterest',
  'mql/handRaisers',
  'mql/handRaisers/#',
  'mql/exclusions',
  'mql/exclusions/#',
  ...['id', 'label', 'field', ...conditionKeys].map((k) => `mql/exclusions/#/${k}`),
  'acceptance',
  'acceptance/criteria',
  'acceptance/criteria/#',
  'reasons',
  ...['reject', 'recycle'].flatMap((l) => [
    `reasons/${l}`,
    `reasons/${l}/#`,
    `reasons/${l}/#/code`,
    `reasons/${l}/#/label`,
  ]),
  'sla',
  ...[
    'firstTouchMinutes',
    'acceptMinutes',
    'marketingRequestHours',
    'warnAtShare',
    'reassignAfterMinutes',
  ].map((k) => `sla/${k}`),
];
const patternSet = new Set(formPatterns);

/** Whether the form shows a problem at this path next to an input or on a card. */
export function formHasField(path: ContractPath): boolean {
  const key = path.map((p) => (typeof p === 'number' ? '#' : p)).join('/');
  return patternSet.has(key);
}

/**
 * A value from a comma-separated input: trimmed, blanks dropped, numbers kept as numbers when the
 * whole list is numeric (`50, 100` → `[50, 100]`), so `in` on employees compares numerically.
 */
export function parseList(text: string): (string | number)[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0) return undefined;
  const numeric = items.every((s) => /^-?\d+(\.\d+)?$/.test(s));
  return numeric ? items.map(Number) : items;
}

export function formatList(values: unknown): string {
  return Array.isArray(values) ? values.map(String).join(', ') : '';
}

/**
 * A scalar typed into a text box: `true`/`false` become booleans and plain numbers numbers, as
 * YAML would read them; anything else stays text.
 */
export function parseScalar(text: string): string | number | boolean | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  return text;
}

/** The value at a path of a parsed document (undefined when any step is missing). */
export function valueAt(document: unknown, path: readonly (string | number)[]): unknown {
  let here: unknown = document;
  for (const step of path) {
    if (here === null || typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[step];
  }
  return here;
}

/** The items of a list at a path, or none when it is absent or not a list. */
export function listAt(document: unknown, path: readonly (string | number)[]): unknown[] {
  const value = valueAt(document, path);
  return Array.isArray(value) ? value : [];
}

/** An id not yet used by any rule of the contract, for a rule the form adds. */
export function freshRuleId(document: unknown, stem: string): string {
  const used = new Set(
    [
      ['fit', 'rules'],
      ['interest', 'rules'],
      ['mql', 'exclusions'],
    ].flatMap((p) => listAt(document, p).map((r) => String(valueAt(r, ['id'])))),
  );
  for (let n = 1; ; n++) {
    const id = `${stem}-${n}`;
    if (!used.has(id)) return id;
  }
}
