export { allocateCents, type TieOrder, toIntegerWeights } from './allocate-cents.js';
export { attribute, attributeAll } from './attribute.js';
export { buildJourney, compareTouches, conversionMoment, type Journey, journeyChannels } from './journey.js';
export {
  type ClassifyMarketingInput,
  classifyMarketing,
  type MarketingClassification,
  type MarketingShare,
  marketingShare,
} from './marketing-influence.js';
export { type ChannelEffect, type MarkovJourney, type MarkovResult, markovRemovalEffects } from './markov.js';
export { defaultHalfLifeDays } from './model-weights.js';
export * from './types.js';
