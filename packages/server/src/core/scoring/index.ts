/** The scoring engine: pure functions of (contract, subject, events, now). See docs/lead-contract.md. */
export {
  type ColumnarScores,
  type ColumnEncoder,
  createColumnEncoder,
  type EventColumns,
  encodeEvents,
  firstMqlAt,
  type MqlGate,
  mqlGate,
  scoreColumnar,
} from './columnar.js';
export { compileContract, gradeFor } from './compile-contract.js';
export {
  type ExclusionHit,
  evaluateExclusions,
  evaluateFit,
  type FieldValue,
  type FitHit,
  type FitResult,
} from './evaluate-fit.js';
export { evaluateMql, type MqlDecision, type MqlGap, type MqlInput, type MqlReason } from './evaluate-mql.js';
export { explainLead, type InterestHit, type LeadExplanation } from './explain-lead.js';
export { compileGlob, type Glob } from './glob.js';
export {
  applyEvent,
  applyEventInPlace,
  compareEvents,
  decayFactor,
  type EventOutcome,
  type InterestState,
  interestAt,
  newInterestState,
  type RuleOutcome,
  replay,
} from './interest-state.js';
export { type InterestStateJson, interestStateFromJson, interestStateToJson } from './interest-state-json.js';
export type { CompiledContract, EpochMs, ScoringEvent, ScoringSubject } from './types.js';
