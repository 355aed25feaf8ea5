import { type ContractError, type LeadContract, validateContract } from '@tandem/contracts';
import { parse as parseYaml } from 'yaml';

/** Deeper than any valid contract (`/interest/rules/0/properties/0/values/0` is 6). */
const maxDepth = 12;
/** Aliases make YAML compact; a bound keeps a "billion laughs" document from exploding. */
const maxAliases = 100;

export type ContractSource = { format: 'yaml'; text: string } | { format: 'json'; document: unknown };

export type ReadContract =
  | { ok: true; contract: LeadContract; format: 'yaml' | 'json'; source: string | null }
  | { ok: false; errors: ContractError[] };

/**
 * Reads a contract written as YAML text or sent as a JSON value, and validates it. Errors name a
 * JSON pointer into the document (`/fit/rules/3/op`), or `/yaml` with line and column when the
 * text itself does not parse.
 */
export function readContract(source: ContractSource): ReadContract {
  let document: unknown;
  if (source.format === 'yaml') {
    try {
      document = parseYaml(source.text, { maxAliasCount: maxAliases, uniqueKeys: true, prettyErrors: true });
    } catch (error) {
      const detail = error instanceof Error ? error.message.split('\n')[0]! : 'not valid YAML';
      return { ok: false, errors: [{ field: '/yaml', detail }] };
    }
  } else {
    document = source.document;
  }
  const shape = plainDataProblem(document, '', 0);
  if (shape) return { ok: false, errors: [shape] };
  const validation = validateContract(document);
  if (!validation.ok) return validation;
  return {
    ok: true,
    contract: validation.contract,
    format: source.format,
    source: source.format === 'yaml' ? source.text : null,
  };
}

/** Refuses what JSON cannot store faithfully (infinities, NaN) and absurd nesting. */
function plainDataProblem(value: unknown, at: string, depth: number): ContractError | null {
  if (depth > maxDepth) return { field: at, detail: `nested deeper than ${maxDepth} levels` };
  if (typeof value === 'number' && !Number.isFinite(value))
    return { field: at, detail: 'must be a finite number' };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = plainDataProblem(value[i], `${at}/${i}`, depth + 1);
      if (problem) return problem;
    }
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = plainDataProblem(
        item,
        `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        depth + 1,
      );
      if (problem) return problem;
    }
  }
  return null;
}
