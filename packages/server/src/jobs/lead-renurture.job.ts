import { renurtureKind } from '../app/sales-actions.js';
import { contractTerms } from '../app/sla-policy.js';
import { lifecyclePolicyFromContract, transition } from '../core/lifecycle/index.js';
import { applyTransition, hasOtherOpenLead, lockLeadForStage } from '../store/lead-stage.repo.js';
import type { JobDefinition } from './catalog.js';

/**
 * A recycled or disqualified lead re-enters nurture (stage 'lead') once its cooldown is over;
 * live scoring then qualifies it again when new interest meets the MQL condition. Idempotent:
 * a lead no longer in a side stage, still cooling down, or whose contact has opened another lead
 * in the funnel meanwhile is left as it is.
 */
export const leadRenurtureJob: JobDefinition = {
  kind: renurtureKind,
  async handle({ db, now, timer, log }) {
    const workspaceId = timer.workspace_id;
    const lead = await lockLeadForStage(db, workspaceId, String(timer.subject_id));
    if (!lead || (lead.stage !== 'recycled' && lead.stage !== 'disqualified')) return;
    if (await hasOtherOpenLead(db, workspaceId, lead)) return;
    const terms = await contractTerms(db, workspaceId, now);
    const policy = terms?.lifecycle ?? lifecyclePolicyFromContract({ reject: [], recycle: [] });
    const decided = transition(
      { stage: lead.stage, ownerId: lead.ownerId, teamId: lead.teamId, stageEnteredAt: lead.stageEnteredAt },
      { type: 'renurture' },
      { now, actor: { kind: 'system' }, policy, contractVersion: terms?.version ?? null },
    );
    if (!decided.ok) {
      log.info({ leadId: lead.id, code: decided.code }, 'lead not re-nurtured');
      return;
    }
    await applyTransition(db, {
      workspaceId,
      leadId: lead.id,
      to: decided.to,
      ownerId: null,
      transition: decided.transition,
    });
  },
};
