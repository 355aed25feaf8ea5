import type { InterestRule, LeadContract } from '@tandem/contracts';
import { validateContract } from '@tandem/contracts';
import { exampleContract } from '../packages/server/src/core/scoring/example-contract.js';

/** The benchmarks' 30 interest rules: 12 track names, 10 page path globs, 4 screens and 4 others. */
export const trackNames: readonly string[] = Array.from({ length: 12 }, (_, i) => `Event ${i}`);
export const pagePaths: readonly string[] = [
  '/pricing*',
  '/docs/*',
  '/blog/*',
  '/careers*',
  '/customers/*',
  '/integrations/*',
  '*/compare/*',
  '/webinars/*',
  '/security*',
  '/about*',
];

/** The example contract with 30 interest rules (property conditions and frequency caps on some). */
export function thirtyRuleContract(): LeadContract {
  const rules: InterestRule[] = [];
  trackNames.forEach((event, i) => {
    rules.push({
      id: `track-${i}`,
      type: 'track',
      event,
      points: 5 + i,
      ...(i % 3 === 0
        ? { properties: [{ property: 'plan', op: 'in' as const, values: ['pro', 'enterprise'] }] }
        : {}),
      ...(i % 2 === 0 ? { cap: { count: 2, per: 'day' as const } } : {}),
    });
  });
  pagePaths.forEach((path, i) => {
    rules.push({
      id: `page-${i}`,
      type: 'page',
      path,
      points: i === 3 ? -10 : 2 + i,
      ...(i % 2 ? {} : { cap: { count: 1, per: 'day' as const } }),
    });
  });
  for (let i = 0; i < 4; i++)
    rules.push({ id: `screen-${i}`, type: 'screen', event: `Screen ${i}`, points: 3 });
  rules.push({ id: 'identify', type: 'identify', points: 1, cap: { count: 1, per: 'ever' } });
  rules.push({ id: 'group', type: 'group', points: 2, cap: { count: 1, per: 'week' } });
  rules.push({ id: 'any-track', type: 'track', points: 0.5, cap: { count: 10, per: 'day' } });
  rules.push({ id: 'demo', type: 'track', event: 'Demo Requested', points: 50 });
  const contract = structuredClone(exampleContract);
  contract.interest = { halfLifeDays: 30, totalCap: 200, rules };
  contract.mql.handRaisers = ['demo'];
  const checked = validateContract(contract);
  if (!checked.ok) throw new Error(`benchmark contract is invalid: ${JSON.stringify(checked.errors)}`);
  return checked.contract;
}
