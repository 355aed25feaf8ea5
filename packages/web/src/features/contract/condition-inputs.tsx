import { Group } from '@mantine/core';
import { conditionOps, emailDomainLists } from '@tandem/contracts';
import type { ContractPath } from './contract-pointer.js';
import { formatList, parseList, parseScalar, valueAt } from './form-fields.js';
import { FlagAt, type FormContext, ListAt, NumberAt, ScalarAt, SelectAt } from './form-inputs.js';

const opLabels: Record<string, string> = {
  equals: 'equals',
  in: 'is one of',
  contains_word: 'contains the word',
  prefix: 'starts with',
  glob: 'matches the pattern',
  between: 'is between',
  gte: 'is at least',
  lte: 'is at most',
  exists: 'is present',
  email_domain_in: 'e-mail domain in',
};

/**
 * The operator of a condition and the operands it takes (docs/lead-contract.md, "Conditions and
 * operators"): shared by fit rules, exclusions and event property conditions.
 */
export function ConditionInputs({ ctx, path }: { ctx: FormContext; path: ContractPath }) {
  const op = String(valueAt(ctx.document, [...path, 'op']) ?? '');
  const has = (key: string) => valueAt(ctx.document, [...path, key]) !== undefined;
  const at = (key: string) => [...path, key];
  const listInput = (label: string) => (
    <ListAt
      ctx={ctx}
      path={at('values')}
      label={label}
      description="Comma-separated"
      parse={parseList}
      format={formatList}
      w={280}
    />
  );
  return (
    <Group align="flex-start" gap="sm">
      <SelectAt
        ctx={ctx}
        path={at('op')}
        label="Operator"
        w={190}
        data={conditionOps.map((o) => ({ value: o, label: opLabels[o] ?? o }))}
      />
      {op === 'equals' || ((op === 'contains_word' || op === 'prefix' || op === 'glob') && has('value')) ? (
        <ScalarAt ctx={ctx} path={at('value')} label="Value" parse={parseScalar} w={220} />
      ) : null}
      {op === 'in' || ((op === 'contains_word' || op === 'prefix' || op === 'glob') && !has('value'))
        ? listInput('Values')
        : null}
      {op === 'gte' || op === 'lte' ? <NumberAt ctx={ctx} path={at('value')} label="Value" w={120} /> : null}
      {op === 'between' ? (
        <>
          <NumberAt ctx={ctx} path={at('min')} label="Min" w={110} />
          <NumberAt ctx={ctx} path={at('max')} label="Max" w={110} />
        </>
      ) : null}
      {op === 'email_domain_in' ? (
        <>
          <SelectAt
            ctx={ctx}
            path={at('list')}
            label="Named list"
            w={150}
            data={[...emailDomainLists]}
            clearable
          />
          {listInput('Domains')}
        </>
      ) : null}
      <FlagAt ctx={ctx} path={at('not')} label="Not" />
    </Group>
  );
}
