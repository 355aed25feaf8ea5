import type { AttributedDeal, Touch } from './types.js';

/** Positions (into `Journey.touches`) of the touches that hold each funnel milestone. */
export interface Milestones {
  firstTouch: number | null;
  leadCreation: number | null;
  opportunityCreation: number | null;
  closed: number | null;
}

/**
 * The touches that count for a deal, in touch order, and its milestones.
 * A deal's journey ends at its conversion moment: the close for a closed deal (revenue), the
 * opportunity's creation for an open one (pipeline). Touches after that moment earn nothing.
 */
export interface Journey {
  /** Every touch passed in, in touch order: time, then id. */
  ordered: Touch[];
  /** The touches inside the journey: a prefix of `ordered`. */
  touches: Touch[];
  endsAt: Date;
  milestones: Milestones;
}

/** Touch order: earlier first, equal times by id, so callers' ordering never changes a credit. */
export function compareTouches(a: Touch, b: Touch): number {
  const dt = a.at.getTime() - b.at.getTime();
  if (dt !== 0) return dt;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function opportunityCreatedAt(deal: AttributedDeal): Date {
  return deal.opportunityCreatedAt ?? deal.createdAt;
}

export function conversionMoment(deal: AttributedDeal): Date {
  return deal.closedAt ?? opportunityCreatedAt(deal);
}

export function buildJourney(deal: AttributedDeal, touches: readonly Touch[]): Journey {
  const ordered = [...touches].sort(compareTouches);
  const endsAt = conversionMoment(deal);
  const inside = lastAtOrBefore(ordered, endsAt);
  const journey = ordered.slice(0, inside === null ? 0 : inside + 1);
  const last = journey.length - 1;
  return {
    ordered,
    touches: journey,
    endsAt,
    milestones: {
      firstTouch: journey.length > 0 ? 0 : null,
      leadCreation: deal.leadCreatedAt ? lastAtOrBefore(journey, deal.leadCreatedAt) : null,
      opportunityCreation: lastAtOrBefore(journey, opportunityCreatedAt(deal)),
      closed: deal.closedAt && last >= 0 ? last : null,
    },
  };
}

/** The channels of a deal's journey, in order: one Markov journey. */
export function journeyChannels(deal: AttributedDeal, touches: readonly Touch[]): string[] {
  return buildJourney(deal, touches).touches.map((t) => t.channel);
}

/** Index of the last touch at or before `at` (touches in touch order), or null when none is. */
function lastAtOrBefore(touches: readonly Touch[], at: Date): number | null {
  const limit = at.getTime();
  let lo = 0;
  let hi = touches.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (touches[mid]!.at.getTime() <= limit) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : lo - 1;
}
