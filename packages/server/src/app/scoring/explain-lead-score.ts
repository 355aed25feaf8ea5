import {
  explainLead,
  type InterestStateJson,
  interestAt,
  interestStateFromJson,
  type LeadExplanation,
} from '../../core/scoring/index.js';
import { notFound } from '../../errors.js';
import { visibleLeads } from '../../store/access.js';
import type { Executor } from '../../store/executor.js';
import { findContractInForce } from '../../store/lead-contract.repo.js';
import { contactEvents, findScoringLeads } from '../../store/lead-score.repo.js';
import type { Viewer } from '../viewer.js';
import { compiledContract } from './compiled-contracts.js';
import { toScoringEvents, toSubject } from './scoring-rows.js';

export interface LeadScoreExplanation {
  leadId: string;
  stage: string;
  contractVersion: number;
  /** The score as stored on the lead, decayed to `now`; null until the lead is scored under this version. */
  stored: {
    scoreVersion: number | null;
    fitPoints: number;
    fitGrade: string | null;
    interest: number | null;
    interestCents: number | null;
    scoredThrough: Date | null;
  };
  explanation: LeadExplanation;
}

/**
 * Why a lead has its score under the contract in force: its events replayed up to `now`, every
 * rule hit with its decay and caps, and what is missing to become an MQL. A lead out of the
 * viewer's reach is not found, like one that does not exist.
 */
export async function explainLeadScore(
  db: Executor,
  viewer: Viewer,
  leadId: string,
  now: Date,
): Promise<LeadScoreExplanation> {
  const visible = await visibleLeads(db, viewer)
    .select(['lead.id', 'lead.fit_points', 'lead.fit_grade'])
    .where('lead.id', '=', leadId)
    .executeTakeFirst();
  if (!visible) throw notFound('lead');
  const [lead] = await findScoringLeads(db, viewer.workspaceId, { funnel: 'default', leadIds: [leadId] });
  if (!lead) throw notFound('lead');
  const row = await findContractInForce(db, viewer.workspaceId, now);
  if (!row) throw notFound('lead contract in force');
  const { compiled, version } = compiledContract(row);
  const events = toScoringEvents(await contactEvents(db, viewer.workspaceId, [lead.contact_id]));
  const explanation = explainLead(compiled, toSubject(lead), events, now.getTime());
  const state =
    lead.score_state !== null && lead.score_version === version
      ? interestStateFromJson(compiled, lead.score_state as unknown as InterestStateJson)
      : null;
  const interest = state ? interestAt(compiled, state, now.getTime()) : null;
  return {
    leadId,
    stage: lead.stage,
    contractVersion: version,
    stored: {
      scoreVersion: lead.score_version,
      fitPoints: visible.fit_points,
      fitGrade: visible.fit_grade,
      interest,
      interestCents: interest === null ? null : Math.round(interest * 100),
      scoredThrough: lead.scored_through,
    },
    explanation,
  };
}
