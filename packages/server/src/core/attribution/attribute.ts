import { allocateCents, assertCents } from './allocate-cents.js';
import { buildJourney } from './journey.js';
import { modelWeights } from './model-weights.js';
import {
  type AttributedDeal,
  type AttributionModel,
  type AttributionOptions,
  type AttributionResult,
  attributionModels,
  type Touch,
} from './types.js';

/**
 * Credits a deal's amount to its touches under one model, cent-exact.
 * What no touch can take (no touches, or none holding the model's milestone) is unattributed.
 * @example attribute('linear', { amountCents: 100, createdAt }, touches)
 */
export function attribute(
  model: AttributionModel,
  deal: AttributedDeal,
  touches: readonly Touch[],
  options: AttributionOptions = {},
): AttributionResult {
  assertCents(deal.amountCents);
  return creditJourney(model, deal, buildJourney(deal, touches), options);
}

/** Every model over the same touches: the per-deal view and the recompute job. */
export function attributeAll(
  deal: AttributedDeal,
  touches: readonly Touch[],
  options: AttributionOptions = {},
): AttributionResult[] {
  assertCents(deal.amountCents);
  const journey = buildJourney(deal, touches);
  return attributionModels.map((model) => creditJourney(model, deal, journey, options));
}

function creditJourney(
  model: AttributionModel,
  deal: AttributedDeal,
  journey: ReturnType<typeof buildJourney>,
  options: AttributionOptions,
): AttributionResult {
  const { weights, ties } = modelWeights(model, journey, options);
  const cents = allocateCents(deal.amountCents, weights, ties);
  const credits = journey.ordered.map((t, i) => ({ touchId: t.id, cents: cents?.[i] ?? 0 }));
  return { model, credits, unattributedCents: cents === null ? deal.amountCents : 0 };
}
