export { type Cohort, type CohortOptions, type CohortTarget, cohortConversion } from './cohorts.js';
export {
  type ConversionByGroupOptions,
  conversionByGroup,
  type GroupConversion,
} from './conversion-by-group.js';
export {
  type ForecastAccuracy,
  type FunnelForecast,
  type FunnelForecastInput,
  type FunnelForecastStage,
  forecastAccuracy,
  funnelForecast,
  type OpenLead,
  type PipelineOpportunity,
  type PipelineStage,
  type WeightedPipeline,
  weightedPipeline,
} from './forecast.js';
export { conversionRates, type FunnelCounts, funnelCounts, type StageConversion } from './funnel-counts.js';
export { type LeakageRow, leakageByReason } from './leakage.js';
export { median, percentile } from './percentile.js';
export {
  averageDealCents,
  ceilDiv,
  type ReverseFunnel,
  type ReverseFunnelInput,
  reverseFunnel,
  type StepRates,
  stepRates,
} from './reverse-funnel.js';
export {
  type FunnelTransition,
  type LeakStage,
  leakStages,
  type MainStage,
  mainStages,
  type TimeWindow,
} from './types.js';
export { type StageVelocity, stageVelocity } from './velocity.js';
