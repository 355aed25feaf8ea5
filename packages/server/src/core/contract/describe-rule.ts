import type { Exclusion, FitRule, InterestRule, PropertyCondition } from '@tandem/contracts';

/** Contract rules in plain words, for the agreement page and readable diffs. */

type Condition = Pick<FitRule, 'op' | 'value' | 'values' | 'list' | 'min' | 'max' | 'not'>;

const fieldWords: Record<string, string> = {
  'contact.email': 'the contact’s email',
  'contact.title': 'the contact’s job title',
  'contact.country': 'the contact’s country',
  'account.industry': 'the company’s industry',
  'account.employees': 'the company’s number of employees',
  'account.country': 'the company’s country',
  'account.domain': 'the company’s domain',
};

export function fieldInWords(field: string): string {
  const known = fieldWords[field];
  if (known) return known;
  const [owner, , ...path] = field.split('.');
  return `the ${owner === 'account' ? 'company' : 'contact'}’s “${path.join('.')}” trait`;
}

const quote = (v: string | number | boolean) => (typeof v === 'string' ? `“${v}”` : String(v));

export function listInWords(values: readonly (string | number | boolean)[], joiner = 'or'): string {
  const shown = values.slice(0, 12).map(quote);
  if (values.length > 12) shown.push(`${values.length - 12} more`);
  if (shown.length <= 1) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${joiner} ${shown.at(-1)}`;
}

const domainLists = { free_mail: 'a free-mail provider', disposable: 'a disposable-address provider' };

function operands(c: Condition): string {
  const many = c.values ?? (c.value !== undefined ? [c.value] : []);
  switch (c.op) {
    case 'equals':
    case 'gte':
    case 'lte':
      return quote(c.value ?? '');
    case 'in':
      return listInWords(many);
    case 'contains_word':
      return `${many.length > 1 ? 'one of the words' : 'the word'} ${listInWords(many)}`;
    case 'prefix':
    case 'glob':
      return listInWords(many);
    case 'between':
      return `${c.min} and ${c.max}`;
    case 'exists':
      return '';
    case 'email_domain_in': {
      const parts = [...(c.list ? [domainLists[c.list]] : []), ...(c.values ? [listInWords(c.values)] : [])];
      return parts.join(' or ');
    }
  }
}

const verbs: Record<Condition['op'], [string, string]> = {
  equals: ['is', 'is not'],
  in: ['is one of', 'is none of'],
  contains_word: ['contains', 'does not contain'],
  prefix: ['starts with', 'does not start with'],
  glob: ['matches', 'does not match'],
  between: ['is between', 'is not between'],
  gte: ['is at least', 'is below'],
  lte: ['is at most', 'is above'],
  exists: ['is known', 'is unknown'],
  email_domain_in: ['is at', 'is not at'],
};

/** "the contact’s job title contains one of the words “vp” or “chief”" */
export function conditionInWords(subject: string, c: Condition): string {
  const verb = verbs[c.op][c.not ? 1 : 0];
  const rest = operands(c);
  return rest ? `${subject} ${verb} ${rest}` : `${subject} ${verb}`;
}

export const points = (n: number): string =>
  `${n > 0 ? '+' : ''}${n} ${Math.abs(n) === 1 ? 'point' : 'points'}`;

export function fitRuleInWords(rule: FitRule): string {
  return `${rule.label ?? rule.id}: ${conditionInWords(fieldInWords(rule.field), rule)} (${points(rule.points)})`;
}

export function exclusionInWords(rule: Exclusion): string {
  return `${rule.label ?? rule.id}: ${conditionInWords(fieldInWords(rule.field), rule)}`;
}

const capWords = { hour: 'per hour', day: 'per day', week: 'per week', ever: 'in all' };

function propertyInWords(p: PropertyCondition): string {
  return conditionInWords(`property “${p.property}”`, p);
}

export function interestRuleInWords(rule: InterestRule): string {
  const what =
    rule.type === 'page'
      ? `a page view${rule.event ? ` of “${rule.event}”` : ''}${rule.path ? ` at ${rule.path}` : ''}`
      : rule.type === 'track'
        ? rule.event
          ? `a “${rule.event}” event`
          : 'any tracked event'
        : `${rule.type === 'screen' ? 'a screen view' : `an ${rule.type} call`}${rule.event ? ` of “${rule.event}”` : ''}`;
  const where = rule.properties?.length ? ` where ${rule.properties.map(propertyInWords).join(' and ')}` : '';
  const cap = rule.cap
    ? rule.cap.per === 'ever' && rule.cap.count === 1
      ? ', once only'
      : `, at most ${rule.cap.count} ${rule.cap.count === 1 ? 'time' : 'times'} ${capWords[rule.cap.per]}`
    : '';
  return `${rule.label ?? rule.id}: ${what}${where} (${points(rule.points)}${cap})`;
}

/** 60 → "1 hour", 90 → "1 hour 30 minutes", 2880 → "2 days". */
export function minutesInWords(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = Math.round(minutes % 60);
  const part = (n: number, unit: string) => (n ? [`${n} ${unit}${n === 1 ? '' : 's'}`] : []);
  return [...part(d, 'day'), ...part(h, 'hour'), ...part(m, 'minute')].join(' ') || '0 minutes';
}
