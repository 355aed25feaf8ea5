import type { TieOrder } from './allocate-cents.js';
import { toIntegerWeights } from './allocate-cents.js';
import type { Journey, Milestones } from './journey.js';
import type { AttributionModel, AttributionOptions } from './types.js';

/** Integer weights over a journey's touches; all zero means nothing in the journey can take credit. */
export interface ModelWeights {
  weights: bigint[];
  ties: TieOrder;
}

export const defaultHalfLifeDays = 7;

type Milestone = keyof Milestones;

/**
 * Shares of the milestone-based models, in integer parts: each milestone touch takes `milestone`
 * parts and the rest of the journey shares `spread` parts. Full path is 22.5 % ×4 + 10 %, doubled
 * to stay integral.
 */
const positional = {
  u_shaped: { milestones: ['firstTouch', 'leadCreation'], milestone: 40n, spread: 20n },
  w_shaped: {
    milestones: ['firstTouch', 'leadCreation', 'opportunityCreation'],
    milestone: 30n,
    spread: 10n,
  },
  full_path: {
    milestones: ['firstTouch', 'leadCreation', 'opportunityCreation', 'closed'],
    milestone: 45n,
    spread: 20n,
  },
} as const satisfies Record<string, { milestones: readonly Milestone[]; milestone: bigint; spread: bigint }>;

export function modelWeights(
  model: AttributionModel,
  journey: Journey,
  options: AttributionOptions = {},
): ModelWeights {
  const n = journey.touches.length;
  const { milestones } = journey;
  switch (model) {
    case 'first_touch':
      return single(n, milestones.firstTouch);
    case 'lead_creation':
      return single(n, milestones.leadCreation);
    case 'last_touch':
      return single(n, n > 0 ? n - 1 : null);
    case 'linear':
      return linear(n);
    case 'u_shaped':
    case 'w_shaped':
    case 'full_path':
      return positionalWeights(journey, positional[model]);
    case 'time_decay':
      return timeDecay(journey, options.halfLifeDays ?? defaultHalfLifeDays);
    case 'data_driven':
      return dataDriven(journey, options.channelWeights);
  }
}

function single(n: number, index: number | null): ModelWeights {
  const weights = new Array<bigint>(n).fill(0n);
  if (index !== null) weights[index] = 1n;
  return { weights, ties: 'earliest_first' };
}

function linear(n: number): ModelWeights {
  return { weights: new Array<bigint>(n).fill(1n), ties: 'earliest_first' };
}

/**
 * A touch holding several milestones takes each share. A milestone no touch holds (no touch before
 * lead creation, an open deal's close) drops out, and so does the spread when every touch is a
 * milestone: the remaining shares scale up, so the deal is still credited in full.
 */
function positionalWeights(
  journey: Journey,
  shape: { milestones: readonly Milestone[]; milestone: bigint; spread: bigint },
): ModelWeights {
  const n = journey.touches.length;
  const roles = new Array<number>(n).fill(0);
  for (const m of shape.milestones) {
    const index = journey.milestones[m];
    if (index !== null) roles[index] = roles[index]! + 1;
  }
  const others = roles.filter((r) => r === 0).length;
  // Scaling milestone parts by the number of others keeps each other touch's spread part integral.
  const scale = BigInt(Math.max(others, 1));
  const weights = roles.map((r) => (r > 0 ? BigInt(r) * shape.milestone * scale : shape.spread));
  return { weights, ties: 'earliest_first' };
}

/**
 * Weight 2^(−age / half-life), age measured back from the conversion moment. Only ratios matter,
 * so ages are taken from the most recent touch instead: the same shares, and an old journey never
 * underflows to all zeros. Ties go to the later touch, matching what the model rewards.
 */
function timeDecay(journey: Journey, halfLifeDays: number): ModelWeights {
  if (!Number.isFinite(halfLifeDays) || halfLifeDays <= 0) {
    throw new RangeError(`time-decay half-life must be a positive number of days, got ${halfLifeDays}`);
  }
  const halfLifeMs = halfLifeDays * 86_400_000;
  const latest = journey.touches.at(-1)?.at.getTime() ?? 0;
  const raw = journey.touches.map((t) => 2 ** ((t.at.getTime() - latest) / halfLifeMs));
  return { weights: toIntegerWeights(raw), ties: 'latest_first' };
}

/**
 * Each channel's Markov weight, split equally over the deal's touches in that channel. A deal
 * whose channels carry no weight (never seen in converting journeys) has nothing to weigh by and
 * is credited linearly instead of being left unattributed.
 */
function dataDriven(journey: Journey, channelWeights: ReadonlyMap<string, number> | undefined): ModelWeights {
  const perChannel = new Map<string, number>();
  for (const t of journey.touches) perChannel.set(t.channel, (perChannel.get(t.channel) ?? 0) + 1);
  const raw = journey.touches.map((t) => (channelWeights?.get(t.channel) ?? 0) / perChannel.get(t.channel)!);
  const weights = toIntegerWeights(raw);
  if (weights.every((w) => w === 0n)) return linear(journey.touches.length);
  return { weights, ties: 'earliest_first' };
}
