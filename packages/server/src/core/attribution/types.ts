/** The attribution models Tandem computes side by side over the same touchpoints. */
export const attributionModels = [
  'first_touch',
  'lead_creation',
  'last_touch',
  'linear',
  'u_shaped',
  'w_shaped',
  'full_path',
  'time_decay',
  'data_driven',
] as const;
export type AttributionModel = (typeof attributionModels)[number];

/** The deal being credited. Amounts are integer cents; a deal is credited in its own currency. */
export interface AttributedDeal {
  amountCents: number;
  /** When the opportunity record was created; stands in for `opportunityCreatedAt` when that is unknown. */
  createdAt: Date;
  /** Set once the deal is won or lost: its journey, for crediting revenue, ends here. */
  closedAt?: Date | null;
  /** When the contact's lead was created: the lead-creation milestone. */
  leadCreatedAt?: Date | null;
  /** When the lead became an opportunity: the opportunity-creation milestone. */
  opportunityCreatedAt?: Date | null;
}

/** One interaction of the deal's contacts with a campaign or a rep (event or activity). */
export interface Touch {
  id: string;
  at: Date;
  campaignId: string | null;
  channel: string;
  /** What produced the touch (page view, form fill, asset view, call…); models do not read it. */
  kind: string;
}

export interface TouchCredit {
  touchId: string;
  cents: number;
}

/**
 * Credits of one deal under one model. `credits` lists every touch passed in, in touch order
 * (touches outside the deal's journey get 0), and `unattributedCents` holds what no touch could
 * take, so `sum(credits) + unattributedCents === amountCents` always.
 */
export interface AttributionResult {
  model: AttributionModel;
  credits: TouchCredit[];
  unattributedCents: number;
}

export interface AttributionOptions {
  /** Time-decay half-life in days: a touch this long before the conversion moment weighs half. */
  halfLifeDays?: number;
  /** Data-driven weights per channel, from `markovRemovalEffects` over the workspace's journeys. */
  channelWeights?: ReadonlyMap<string, number>;
}
