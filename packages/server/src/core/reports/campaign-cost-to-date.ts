/** A campaign as far as its spend goes. */
export interface CampaignSpend {
  startsOn: string | null;
  /** Fixed cost, counted when the campaign has no monthly costs. */
  costCents: number;
}

/**
 * What a campaign has cost up to `today` (YYYY-MM-DD): the monthly costs of the months up to and
 * including the current one; without monthly costs, its fixed cost once it has started (an
 * undated campaign counts it at once).
 */
export function costToDateCents(
  campaign: CampaignSpend,
  monthlyCosts: ReadonlyArray<{ month: string; amountCents: number }>,
  today: string,
): number {
  if (monthlyCosts.length === 0) {
    return campaign.startsOn === null || campaign.startsOn <= today ? campaign.costCents : 0;
  }
  const thisMonth = today.slice(0, 7);
  return monthlyCosts.reduce((sum, c) => (c.month.slice(0, 7) <= thisMonth ? sum + c.amountCents : sum), 0);
}
