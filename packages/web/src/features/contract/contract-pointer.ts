/**
 * JSON pointers (RFC 6901) as the server names a field of a contract (`/fit/rules/3/op`), and the
 * editor's paths (`['fit', 'rules', 3, 'op']`) that say where a form input writes.
 */

export type ContractPath = readonly (string | number)[];

export interface ContractProblem {
  /** JSON pointer into the document, or `/yaml` when the text does not parse. */
  field: string;
  detail: string;
}

const unescapeToken = (token: string) => token.replace(/~1/g, '/').replace(/~0/g, '~');
const escapeToken = (token: string) => token.replace(/~/g, '~0').replace(/\//g, '~1');

/** `/fit/rules/3/op` → `['fit', 'rules', 3, 'op']` (array indexes as numbers). */
export function pointerToPath(pointer: string): (string | number)[] {
  if (pointer === '' || pointer === '/') return [];
  return pointer
    .replace(/^\//, '')
    .split('/')
    .map((token) => (/^(0|[1-9][0-9]*)$/.test(token) ? Number(token) : unescapeToken(token)));
}

export function pathToPointer(path: ContractPath): string {
  return path.map((p) => `/${escapeToken(String(p))}`).join('');
}

function startsWith(path: ContractPath, prefix: ContractPath): boolean {
  return prefix.length <= path.length && prefix.every((p, i) => String(p) === String(path[i]));
}

/** The messages about exactly this field (shown under its input). */
export function problemsAt(problems: readonly ContractProblem[], path: ContractPath): string[] {
  const pointer = pathToPointer(path);
  return problems.filter((p) => p.field === pointer).map((p) => p.detail);
}

/** How many problems lie at or under a path (a rule card, a section header). */
export function problemCountUnder(problems: readonly ContractProblem[], path: ContractPath): number {
  return problems.filter((p) => p.field !== '/yaml' && startsWith(pointerToPath(p.field), path)).length;
}

/**
 * Problems that no form input shows: a pointer naming a whole rule or section is shown on its
 * card, but a pointer to a key the form has no input for (a misspelt key, the YAML text itself)
 * is listed above the form.
 */
export function unplacedProblems(
  problems: readonly ContractProblem[],
  placed: (path: (string | number)[]) => boolean,
): ContractProblem[] {
  return problems.filter((p) => p.field === '/yaml' || !placed(pointerToPath(p.field)));
}

/** The 1-based line a YAML parse error names ("… at line 12, column 3"), if any. */
export function yamlErrorLine(detail: string): number | null {
  const match = /line (\d+)/.exec(detail);
  return match ? Number(match[1]) : null;
}
