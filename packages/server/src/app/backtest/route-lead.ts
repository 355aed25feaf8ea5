/**
 * Today's routing as the backtest sees it: a lead goes to its owner, else its account's owner.
 * The one place to change when routing rules decide instead (funnel work).
 */
export function routeLeadForBacktest(lead: {
  ownerId: string | null;
  accountOwnerId: string | null;
}): string | null {
  return lead.ownerId ?? lead.accountOwnerId;
}
