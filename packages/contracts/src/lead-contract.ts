import { type Static, Type } from 'typebox';
import { Value } from 'typebox/value';

/**
 * The lead contract: the written agreement between marketing and sales on what a qualified
 * lead is. It is plain data (JSON or YAML), versioned and signed by both teams; the scoring
 * engine compiles it. The format is described in docs/lead-contract.md.
 *
 * @example
 * const result = validateContract(parsedYaml);
 * if (!result.ok) console.log(result.errors); // [{ field: '/fit/rules/3/op', detail: '…' }]
 */

/** Bounds that keep one contract cheap to validate, compile and evaluate. */
export const contractLimits = {
  rules: 200,
  exclusions: 50,
  handRaisers: 50,
  values: 500,
  string: 200,
  text: 2000,
  id: 64,
  field: 100,
  propertyConditions: 10,
  reasons: 50,
  criteria: 50,
  capCount: 50,
  points: 1000,
} as const;

export const conditionOps = [
  'equals',
  'in',
  'contains_word',
  'prefix',
  'glob',
  'between',
  'gte',
  'lte',
  'exists',
  'email_domain_in',
] as const;
export type ConditionOp = (typeof conditionOps)[number];

export const scoringEventTypes = ['track', 'page', 'screen', 'identify', 'group'] as const;
export type ScoringEventType = (typeof scoringEventTypes)[number];

/** Fit grades, best first; each has a minimum number of fit points. */
export const fitGrades = ['A', 'B', 'C', 'D'] as const;
export type FitGrade = (typeof fitGrades)[number];

export const capPeriods = ['hour', 'day', 'week', 'ever'] as const;
export type CapPeriod = (typeof capPeriods)[number];

/** Named domain lists usable by `email_domain_in` (their content lives with the engine). */
export const emailDomainLists = ['free_mail', 'disposable'] as const;
export type EmailDomainList = (typeof emailDomainLists)[number];

/** Fixed fit fields; `contact.traits.<key>` and `account.traits.<key>` are accepted too. */
export const fitFields = [
  'contact.email',
  'contact.title',
  'contact.country',
  'account.industry',
  'account.employees',
  'account.country',
  'account.domain',
] as const;

// Patterns are ours, fixed and unambiguous; users never supply a regular expression.
const traitField = /^(contact|account)\.traits\.[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9_-]{1,64}){0,3}$/;
const propertyPath = /^[A-Za-z0-9_$-]{1,64}(\.[A-Za-z0-9_$-]{1,64}){0,4}$/;

export function isFitField(field: string): boolean {
  return (fitFields as readonly string[]).includes(field) || traitField.test(field);
}

const Id = Type.String({ minLength: 1, maxLength: contractLimits.id, pattern: '^[a-z0-9][a-z0-9_-]*$' });
const Label = Type.String({ minLength: 1, maxLength: contractLimits.string });
const Points = Type.Number({ minimum: -contractLimits.points, maximum: contractLimits.points });
const Scalar = Type.Union([Type.String({ maxLength: contractLimits.string }), Type.Number(), Type.Boolean()]);

/** Operator and its operands; which operands an operator takes is checked by validateContract. */
const conditionProperties = {
  op: Type.Enum(conditionOps),
  value: Type.Optional(Scalar),
  values: Type.Optional(
    Type.Array(Type.Union([Type.String({ maxLength: contractLimits.string }), Type.Number()]), {
      minItems: 1,
      maxItems: contractLimits.values,
    }),
  ),
  list: Type.Optional(Type.Enum(emailDomainLists)),
  min: Type.Optional(Type.Number()),
  max: Type.Optional(Type.Number()),
  not: Type.Optional(Type.Boolean()),
};
const closed = { additionalProperties: false } as const;

export const FitRuleSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    field: Type.String({ minLength: 1, maxLength: contractLimits.field }),
    ...conditionProperties,
    points: Points,
  },
  closed,
);
export type FitRule = Static<typeof FitRuleSchema>;

export const ExclusionSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    field: Type.String({ minLength: 1, maxLength: contractLimits.field }),
    ...conditionProperties,
  },
  closed,
);
export type Exclusion = Static<typeof ExclusionSchema>;

export const PropertyConditionSchema = Type.Object(
  { property: Type.String({ minLength: 1, maxLength: contractLimits.field }), ...conditionProperties },
  closed,
);
export type PropertyCondition = Static<typeof PropertyConditionSchema>;

export const InterestRuleSchema = Type.Object(
  {
    id: Id,
    label: Type.Optional(Label),
    type: Type.Enum(scoringEventTypes),
    /** Event name (track) or page/screen name; matched exactly, ignoring case. */
    event: Type.Optional(Type.String({ minLength: 1, maxLength: contractLimits.string })),
    /** Page path glob (`*` any run, `?` one character), page events only. */
    path: Type.Optional(Type.String({ minLength: 1, maxLength: contractLimits.string })),
    properties: Type.Optional(
      Type.Array(PropertyConditionSchema, { maxItems: contractLimits.propertyConditions }),
    ),
    points: Points,
    /** At most `count` applications in any rolling `per` window. */
    cap: Type.Optional(
      Type.Object(
        { count: Type.Integer({ minimum: 1, maximum: contractLimits.capCount }), per: Type.Enum(capPeriods) },
        closed,
      ),
    ),
  },
  closed,
);
export type InterestRule = Static<typeof InterestRuleSchema>;

const Reason = Type.Object({ code: Id, label: Label }, closed);
const Reasons = Type.Array(Reason, { minItems: 1, maxItems: contractLimits.reasons });
const Minutes = Type.Integer({ minimum: 1, maximum: 525_600 });

export const LeadContractSchema = Type.Object(
  {
    name: Label,
    description: Type.Optional(Type.String({ maxLength: contractLimits.text })),
    fit: Type.Object(
      {
        rules: Type.Array(FitRuleSchema, { maxItems: contractLimits.rules }),
        grades: Type.Object(
          { A: Type.Number(), B: Type.Number(), C: Type.Number(), D: Type.Number() },
          closed,
        ),
      },
      closed,
    ),
    interest: Type.Object(
      {
        halfLifeDays: Type.Number({ exclusiveMinimum: 0, maximum: 3650 }),
        totalCap: Type.Number({ exclusiveMinimum: 0, maximum: 1_000_000 }),
        rules: Type.Array(InterestRuleSchema, { maxItems: contractLimits.rules }),
      },
      closed,
    ),
    mql: Type.Object(
      {
        minGrade: Type.Enum(fitGrades),
        minInterest: Type.Number({ minimum: 0 }),
        handRaisers: Type.Optional(Type.Array(Id, { maxItems: contractLimits.handRaisers })),
        exclusions: Type.Optional(Type.Array(ExclusionSchema, { maxItems: contractLimits.exclusions })),
      },
      closed,
    ),
    acceptance: Type.Object(
      {
        criteria: Type.Array(Type.String({ minLength: 1, maxLength: 500 }), {
          maxItems: contractLimits.criteria,
        }),
      },
      closed,
    ),
    reasons: Type.Object({ reject: Reasons, recycle: Reasons }, closed),
    sla: Type.Object(
      {
        firstTouchMinutes: Minutes,
        acceptMinutes: Minutes,
        marketingRequestHours: Type.Number({ exclusiveMinimum: 0, maximum: 8760 }),
        warnAtShare: Type.Number({ exclusiveMinimum: 0, exclusiveMaximum: 1 }),
        reassignAfterMinutes: Minutes,
      },
      closed,
    ),
  },
  closed,
);
export type LeadContract = Static<typeof LeadContractSchema>;

/** A problem in a contract; `field` is a JSON pointer into the submitted document. */
export interface ContractError {
  field: string;
  detail: string;
}
export type ContractValidation =
  | { ok: true; contract: LeadContract }
  | { ok: false; errors: ContractError[] };

/** Schema check, then the rules a schema cannot say (operands, references, ordering). */
export function validateContract(input: unknown): ContractValidation {
  const schemaErrors = schemaProblems(input);
  if (schemaErrors.length > 0) return { ok: false, errors: schemaErrors };
  const contract = input as LeadContract;
  const errors = semanticProblems(contract);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, contract };
}

const maxReportedErrors = 50;

function schemaProblems(input: unknown): ContractError[] {
  const byField = new Map<string, string[]>();
  const add = (field: string, detail: string) => {
    const list = byField.get(field) ?? [];
    if (!list.includes(detail)) list.push(detail);
    byField.set(field, list);
  };
  for (const error of Value.Errors(LeadContractSchema, input)) {
    const at = error.instancePath;
    switch (error.keyword) {
      case 'boolean': // the per-property echo of additionalProperties: reported below
      case 'anyOf': // its members' own errors say what was expected
        break;
      case 'additionalProperties':
        for (const name of error.params.additionalProperties)
          add(`${at}/${pointerToken(name)}`, 'unknown property');
        break;
      case 'required':
        for (const name of error.params.requiredProperties) add(`${at}/${pointerToken(name)}`, 'is required');
        break;
      case 'enum':
        add(at, `must be one of: ${error.params.allowedValues.join(', ')}`);
        break;
      case 'pattern':
        add(at, "must be lowercase letters, digits, '-' or '_', starting with a letter or digit");
        break;
      case 'type':
        add(at, `must be ${error.params.type}`);
        break;
      default:
        add(at, error.message);
    }
  }
  return [...byField].slice(0, maxReportedErrors).map(([field, details]) => ({
    field,
    // Union members each report their own type; "must be string or number" reads better.
    detail: details.every((d) => d.startsWith('must be '))
      ? `must be ${details.map((d) => d.slice(8)).join(' or ')}`
      : details.join('; '),
  }));
}

function pointerToken(key: string): string {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

type Condition = Pick<FitRule, 'op' | 'value' | 'values' | 'list' | 'min' | 'max'>;
type Operand = 'value' | 'values' | 'list' | 'min' | 'max';
const operands: readonly Operand[] = ['value', 'values', 'list', 'min', 'max'];

/** Which operands each operator accepts; `one` = exactly one of these must be present. */
const operandRules: Record<ConditionOp, { allowed: Operand[]; one?: Operand[] }> = {
  equals: { allowed: ['value'], one: ['value'] },
  in: { allowed: ['values'], one: ['values'] },
  contains_word: { allowed: ['value', 'values'], one: ['value', 'values'] },
  prefix: { allowed: ['value', 'values'], one: ['value', 'values'] },
  glob: { allowed: ['value', 'values'], one: ['value', 'values'] },
  between: { allowed: ['min', 'max'] },
  gte: { allowed: ['value'], one: ['value'] },
  lte: { allowed: ['value'], one: ['value'] },
  exists: { allowed: [] },
  email_domain_in: { allowed: ['list', 'values'] },
};

function conditionProblems(condition: Condition, at: string): ContractError[] {
  const errors: ContractError[] = [];
  const rule = operandRules[condition.op];
  for (const operand of operands) {
    if (condition[operand] !== undefined && !rule.allowed.includes(operand)) {
      errors.push({ field: `${at}/${operand}`, detail: `${condition.op} does not take ${operand}` });
    }
  }
  if (rule.one && rule.one.filter((o) => condition[o] !== undefined).length !== 1) {
    errors.push({ field: `${at}/${rule.one[0]}`, detail: `${condition.op} needs ${rule.one.join(' or ')}` });
  }
  const { op, value, values } = condition;
  const textOp = op === 'contains_word' || op === 'prefix' || op === 'glob' || op === 'email_domain_in';
  if (textOp && value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
    errors.push({ field: `${at}/value`, detail: `${op} needs a non-empty text value` });
  }
  if (textOp && values) {
    const bad = values.findIndex((v) => typeof v !== 'string' || v.trim() === '');
    if (bad !== -1)
      errors.push({ field: `${at}/values/${bad}`, detail: `${op} needs non-empty text values` });
  }
  if ((op === 'gte' || op === 'lte') && value !== undefined && typeof value !== 'number') {
    errors.push({ field: `${at}/value`, detail: `${op} needs a number` });
  }
  if (op === 'between') {
    if (condition.min === undefined) errors.push({ field: `${at}/min`, detail: 'between needs min' });
    if (condition.max === undefined) errors.push({ field: `${at}/max`, detail: 'between needs max' });
    if (condition.min !== undefined && condition.max !== undefined && condition.min > condition.max) {
      errors.push({ field: `${at}/max`, detail: `max (${condition.max}) is below min (${condition.min})` });
    }
  }
  if (op === 'email_domain_in' && condition.list === undefined && values === undefined) {
    errors.push({ field: `${at}/list`, detail: 'email_domain_in needs a list or values' });
  }
  return errors;
}

function semanticProblems(contract: LeadContract): ContractError[] {
  const errors: ContractError[] = [];
  const ids = new Map<string, string>();
  const claimId = (id: string, at: string) => {
    const first = ids.get(id);
    if (first) errors.push({ field: at, detail: `duplicate rule id '${id}' (first used at ${first})` });
    else ids.set(id, at);
  };
  const fieldProblem = (field: string, at: string) => {
    if (!isFitField(field)) {
      errors.push({
        field: at,
        detail: `unknown field '${field}': use ${fitFields.join(', ')}, contact.traits.<key> or account.traits.<key>`,
      });
    }
  };

  contract.fit.rules.forEach((rule, i) => {
    const at = `/fit/rules/${i}`;
    claimId(rule.id, `${at}/id`);
    fieldProblem(rule.field, `${at}/field`);
    errors.push(...conditionProblems(rule, at));
  });
  const { grades } = contract.fit;
  for (let g = 1; g < fitGrades.length; g++) {
    const better = fitGrades[g - 1]!;
    const grade = fitGrades[g]!;
    if (grades[grade] >= grades[better]) {
      errors.push({
        field: `/fit/grades/${grade}`,
        detail: `grade ${grade} (${grades[grade]}) must need fewer points than ${better} (${grades[better]})`,
      });
    }
  }

  contract.interest.rules.forEach((rule, i) => {
    const at = `/interest/rules/${i}`;
    claimId(rule.id, `${at}/id`);
    if (rule.event !== undefined && (rule.type === 'identify' || rule.type === 'group')) {
      errors.push({ field: `${at}/event`, detail: `${rule.type} events have no name to match` });
    }
    if (rule.path !== undefined && rule.type !== 'page') {
      errors.push({ field: `${at}/path`, detail: 'path applies to page events only' });
    }
    rule.properties?.forEach((condition, k) => {
      const cat = `${at}/properties/${k}`;
      if (!propertyPath.test(condition.property)) {
        errors.push({
          field: `${cat}/property`,
          detail: 'must be a property name or a dotted path of up to 5 names (letters, digits, _ $ -)',
        });
      }
      errors.push(...conditionProblems(condition, cat));
    });
  });

  const interestIds = new Set(contract.interest.rules.map((r) => r.id));
  const raised = new Set<string>();
  contract.mql.handRaisers?.forEach((id, i) => {
    const at = `/mql/handRaisers/${i}`;
    if (!interestIds.has(id)) errors.push({ field: at, detail: `no interest rule has id '${id}'` });
    else if (raised.has(id)) errors.push({ field: at, detail: `'${id}' is listed twice` });
    raised.add(id);
  });
  contract.mql.exclusions?.forEach((exclusion, i) => {
    const at = `/mql/exclusions/${i}`;
    claimId(exclusion.id, `${at}/id`);
    fieldProblem(exclusion.field, `${at}/field`);
    errors.push(...conditionProblems(exclusion, at));
  });
  if (contract.mql.minInterest > contract.interest.totalCap) {
    errors.push({
      field: '/mql/minInterest',
      detail: `unreachable: above the interest total cap (${contract.interest.totalCap})`,
    });
  }

  for (const kind of ['reject', 'recycle'] as const) {
    const seen = new Set<string>();
    contract.reasons[kind].forEach((reason, i) => {
      if (seen.has(reason.code)) {
        errors.push({
          field: `/reasons/${kind}/${i}/code`,
          detail: `duplicate reason code '${reason.code}'`,
        });
      }
      seen.add(reason.code);
    });
  }
  return errors.slice(0, maxReportedErrors);
}
