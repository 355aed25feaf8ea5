/** One observed path: the channels a contact touched, in order, and whether it converted. */
export interface MarkovJourney {
  channels: readonly string[];
  converted: boolean;
}

export interface ChannelEffect {
  channel: string;
  /** Share of conversions lost when the channel is removed from every path, in [0, 1]. */
  removalEffect: number;
  /** removalEffect normalised over all channels: the channel's share of credit. */
  weight: number;
}

export interface MarkovResult {
  /** Probability that a journey converts, as the first-order chain models it. */
  conversionProbability: number;
  /** One entry per channel, sorted by channel name. */
  effects: ChannelEffect[];
  /** channel → weight, ready for `AttributionOptions.channelWeights`. */
  weights: Map<string, number>;
}

/**
 * Data-driven channel weights by the Markov-chain removal effect.
 * The journeys form a first-order chain start → channel → … → conversion | null, with transition
 * probabilities from observed counts. P(conversion) from start is solved exactly as a linear
 * system; removing a channel turns it into null and the drop in P(conversion) is its effect.
 * @example markovRemovalEffects([{ channels: ['email', 'ads'], converted: true }])
 */
export function markovRemovalEffects(journeys: readonly MarkovJourney[]): MarkovResult {
  const channels = [...new Set(journeys.flatMap((j) => j.channels))].sort();
  const index = new Map(channels.map((c, i) => [c, i]));
  const chain = countTransitions(journeys, index, channels.length);
  const baseline = conversionProbability(chain, -1);
  const removal = channels.map((_, c) => {
    if (baseline <= 0) return 0;
    const effect = 1 - conversionProbability(chain, c) / baseline;
    return Math.min(1, Math.max(0, effect));
  });
  const total = removal.reduce((s, e) => s + e, 0);
  const effects = channels.map((channel, i) => ({
    channel,
    removalEffect: removal[i]!,
    weight: total > 0 ? removal[i]! / total : 0,
  }));
  return {
    conversionProbability: baseline,
    effects,
    weights: new Map(effects.map((e) => [e.channel, e.weight])),
  };
}

interface Chain {
  journeys: number;
  fromStart: number[];
  startConverted: number;
  between: number[][];
  converted: number[];
  leaving: number[];
}

function countTransitions(
  journeys: readonly MarkovJourney[],
  index: ReadonlyMap<string, number>,
  k: number,
): Chain {
  const chain: Chain = {
    journeys: journeys.length,
    fromStart: new Array<number>(k).fill(0),
    startConverted: 0,
    between: Array.from({ length: k }, () => new Array<number>(k).fill(0)),
    converted: new Array<number>(k).fill(0),
    leaving: new Array<number>(k).fill(0),
  };
  for (const j of journeys) {
    let prev = -1;
    for (const channel of j.channels) {
      const s = index.get(channel)!;
      if (prev < 0) chain.fromStart[s]! += 1;
      else {
        chain.between[prev]![s]! += 1;
        chain.leaving[prev]! += 1;
      }
      prev = s;
    }
    if (prev < 0) {
      if (j.converted) chain.startConverted += 1;
      continue;
    }
    chain.leaving[prev]! += 1;
    if (j.converted) chain.converted[prev]! += 1;
  }
  return chain;
}

/**
 * P(conversion) from start with channel `removed` (−1 for none) sent to null. Solves
 * (I − Q)·x = r over the kept channels, where Q holds channel-to-channel probabilities and r the
 * probability of converting next; every observed state reaches an end, so I − Q is invertible.
 */
function conversionProbability(chain: Chain, removed: number): number {
  if (chain.journeys === 0) return 0;
  const k = chain.fromStart.length;
  const kept: number[] = [];
  for (let i = 0; i < k; i++) if (i !== removed) kept.push(i);
  const m = kept.length;
  const a = kept.map((i, row) => {
    const out = chain.leaving[i]!;
    const line = kept.map((j) => -chain.between[i]![j]! / out);
    line[row]! += 1;
    line.push(chain.converted[i]! / out);
    return line;
  });
  const x = solve(a, m);
  let p = chain.startConverted;
  kept.forEach((i, row) => {
    p += chain.fromStart[i]! * x[row]!;
  });
  return p / chain.journeys;
}

/** Gaussian elimination with partial pivoting on an m×(m+1) augmented matrix. */
function solve(a: number[][], m: number): number[] {
  for (let col = 0; col < m; col++) {
    let pivot = col;
    for (let r = col + 1; r < m; r++) {
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    for (let r = col + 1; r < m; r++) {
      const row = a[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= m; c++) row[c]! -= f * p[c]!;
    }
  }
  const x = new Array<number>(m).fill(0);
  for (let r = m - 1; r >= 0; r--) {
    const row = a[r]!;
    let s = row[m]!;
    for (let c = r + 1; c < m; c++) s -= row[c]! * x[c]!;
    x[r] = s / row[r]!;
  }
  return x;
}
