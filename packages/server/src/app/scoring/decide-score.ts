import type { LeadStage } from '@tandem/contracts';
import { formatPoints } from '../../core/scoring/evaluate-mql.js';
import {
  type CompiledContract,
  evaluateExclusions,
  evaluateFit,
  evaluateMql,
  type FitResult,
  type InterestState,
  interestAt,
  interestStateToJson,
  type MqlDecision,
} from '../../core/scoring/index.js';
import type { ScoringSubject } from '../../core/scoring/types.js';
import type { StoredScore } from '../../store/lead-score.repo.js';

export interface ScoreDecisionInput {
  compiled: CompiledContract;
  version: number;
  stage: LeadStage;
  subject: ScoringSubject;
  state: InterestState;
  scoredThrough: number | null;
  now: Date;
  /** False to store the score without moving the lead (e.g. scoring a freshly loaded history). */
  mayQualify?: boolean;
}

export interface ScoreDecision {
  fit: FitResult;
  interestNow: number;
  mql: MqlDecision;
  /** The stage after this decision; 'mql' when the lead qualified now. */
  stage: LeadStage;
  /** Set when the lead qualified now: why, for the stage transition. */
  qualified: { reasonCode: 'hand_raiser' | 'fit_and_interest'; note: string } | null;
  /** The columns to store. */
  stored: StoredScore;
}

/**
 * Fit from the subject, interest at `now` from the state, and the MQL condition. Only a lead in
 * stage 'lead' moves to 'mql' here; recycled leads come back through their own cooldown rule.
 */
export function decideScore(input: ScoreDecisionInput): ScoreDecision {
  const { compiled, state } = input;
  const fit = evaluateFit(compiled, input.subject);
  const excluded = evaluateExclusions(compiled, input.subject).map((e) => e.label);
  const interestNow = interestAt(compiled, state, input.now.getTime());
  const mql = evaluateMql(compiled, { fit, interestNow, handRaised: state.handRaiser, excluded });
  let qualified: ScoreDecision['qualified'] = null;
  if (input.stage === 'lead' && mql.qualifies && input.mayQualify !== false) {
    const raiser = state.handRaiser === null ? undefined : compiled.interestRuleIndex.get(state.handRaiser);
    qualified =
      mql.reason === 'hand_raiser'
        ? {
            reasonCode: 'hand_raiser',
            note: `Hand-raiser: ${raiser === undefined ? state.handRaiser : compiled.interestRules[raiser]!.label}`,
          }
        : {
            reasonCode: 'fit_and_interest',
            note: `fit ${fit.grade ?? 'none'} (${formatPoints(fit.points)}) + interest ${interestNow.toFixed(2)}`,
          };
  }
  return {
    fit,
    interestNow,
    mql,
    stage: qualified ? 'mql' : input.stage,
    qualified,
    stored: {
      fitPoints: fit.points,
      fitGrade: fit.grade,
      interestSum: state.s,
      interestRefAt: Number.isFinite(state.t0) ? new Date(state.t0) : null,
      state: JSON.stringify(interestStateToJson(state)),
      scoreVersion: input.version,
      scoredThrough: input.scoredThrough === null ? null : new Date(input.scoredThrough),
    },
  };
}
