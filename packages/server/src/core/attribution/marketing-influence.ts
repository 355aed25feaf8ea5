import { buildJourney } from './journey.js';
import type { AttributedDeal, Touch } from './types.js';

export interface MarketingClassification {
  /** The touch that brought the contact in was a marketing touch. */
  sourced: boolean;
  /** At least one marketing touch lies inside the deal's journey (sourced implies influenced). */
  influenced: boolean;
  /** The touch judged as the source, or null when the journey has no touch. */
  sourceTouchId: string | null;
}

export interface ClassifyMarketingInput {
  deal: AttributedDeal;
  touches: readonly Touch[];
  /** Whether a touch belongs to marketing, e.g. its campaign is owned by a marketing team. */
  isMarketing: (touch: Touch) => boolean;
  /**
   * Which touch sourced the deal: the first touch (default), or the touch that created the lead,
   * falling back to the first touch when no touch precedes the lead's creation.
   */
  sourcedBy?: 'first_touch' | 'lead_creation';
}

/**
 * Marketing-sourced versus marketing-influenced, over the same journey the models credit: for a
 * closed deal every touch up to the close, for an open one every touch up to the opportunity.
 * @example classifyMarketing({ deal, touches, isMarketing: (t) => t.campaignId !== null })
 */
export function classifyMarketing(input: ClassifyMarketingInput): MarketingClassification {
  const journey = buildJourney(input.deal, input.touches);
  const { firstTouch, leadCreation } = journey.milestones;
  const sourceIndex = input.sourcedBy === 'lead_creation' ? (leadCreation ?? firstTouch) : firstTouch;
  const source = sourceIndex === null ? undefined : journey.touches[sourceIndex];
  const sourced = source !== undefined && input.isMarketing(source);
  return {
    sourced,
    influenced: sourced || journey.touches.some(input.isMarketing),
    sourceTouchId: source?.id ?? null,
  };
}

export interface MarketingShare {
  totalCents: number;
  sourcedCents: number;
  influencedCents: number;
  /** sourcedCents / totalCents, or null when there is nothing to divide. */
  sourcedShare: number | null;
  influencedShare: number | null;
}

/** Sums classified deals into the headline figure: the share of pipeline or revenue from marketing. */
export function marketingShare(
  deals: readonly { amountCents: number; classification: MarketingClassification }[],
): MarketingShare {
  let totalCents = 0;
  let sourcedCents = 0;
  let influencedCents = 0;
  for (const d of deals) {
    totalCents += d.amountCents;
    if (d.classification.sourced) sourcedCents += d.amountCents;
    if (d.classification.influenced) influencedCents += d.amountCents;
  }
  return {
    totalCents,
    sourcedCents,
    influencedCents,
    sourcedShare: totalCents > 0 ? sourcedCents / totalCents : null,
    influencedShare: totalCents > 0 ? influencedCents / totalCents : null,
  };
}
