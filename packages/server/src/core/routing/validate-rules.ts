import { poolStrategies, type RoutingRule, routingRuleKinds } from './types.js';

export interface RuleError {
  /** JSON pointer into the submitted rule list, e.g. `/2/maxEmployees`. */
  field: string;
  detail: string;
}

/**
 * Semantic checks on a routing rule list (its shape is checked by the route schema): ids unique,
 * every rule able to match something, bands ordered, targets complete. Returns every problem.
 */
export function validateRoutingRules(rules: readonly RoutingRule[]): RuleError[] {
  const errors: RuleError[] = [];
  const seen = new Set<string>();
  rules.forEach((rule, i) => {
    const at = (field: string) => `/${i}/${field}`;
    if (!rule.id?.trim()) errors.push({ field: at('id'), detail: 'is required' });
    else if (seen.has(rule.id)) errors.push({ field: at('id'), detail: `'${rule.id}' is used twice` });
    seen.add(rule.id);
    if (!(routingRuleKinds as readonly string[]).includes(rule.kind)) {
      errors.push({ field: at('kind'), detail: `must be one of ${routingRuleKinds.join(', ')}` });
      return;
    }
    switch (rule.kind) {
      case 'named_accounts':
        if ((rule.domains?.length ?? 0) + (rule.accountIds?.length ?? 0) === 0) {
          errors.push({ field: at('domains'), detail: 'list at least one domain or account' });
        }
        break;
      case 'territory':
        if ((rule.countries?.length ?? 0) + (rule.regions?.length ?? 0) === 0) {
          errors.push({ field: at('countries'), detail: 'list at least one country or region' });
        }
        for (const [j, country] of (rule.countries ?? []).entries()) {
          if (!/^[A-Za-z]{2}$/.test(country))
            errors.push({ field: at(`countries/${j}`), detail: 'must be a two-letter country code' });
        }
        break;
      case 'segment': {
        const min = rule.minEmployees ?? null;
        const max = rule.maxEmployees ?? null;
        if (min === null && max === null)
          errors.push({ field: at('minEmployees'), detail: 'give a minimum, a maximum or both' });
        if (min !== null && min < 0) errors.push({ field: at('minEmployees'), detail: 'must be 0 or more' });
        if (min !== null && max !== null && max < min)
          errors.push({ field: at('maxEmployees'), detail: 'must be at least minEmployees' });
        break;
      }
    }
    if (rule.kind !== 'account_owner') {
      const target = rule.target;
      if (target?.kind === 'user' && !target.userId)
        errors.push({ field: at('target/userId'), detail: 'is required' });
      else if (target?.kind === 'team') {
        if (!target.teamId) errors.push({ field: at('target/teamId'), detail: 'is required' });
        if (!(poolStrategies as readonly string[]).includes(target.strategy)) {
          errors.push({
            field: at('target/strategy'),
            detail: `must be one of ${poolStrategies.join(', ')}`,
          });
        }
      } else if (target?.kind !== 'user')
        errors.push({ field: at('target'), detail: 'must name a user or a team' });
    }
  });
  return errors;
}
