import type { Executor } from '../store/executor.js';
import { notify } from './notifications/notify.js';
import { assignLead } from './routing.js';

/**
 * Hands leads that just became MQLs to sales, inside the transaction that qualified them
 * (live scoring and background rescoring both call it): `lead.mql`, then routing, the
 * assignment, the accept and first-touch clocks with their timers, and `lead.assigned`.
 * The caller holds the leads' row locks.
 */
export async function handOffNewMqls(
  trx: Executor,
  workspaceId: string,
  leadIds: readonly string[],
  now: Date,
): Promise<void> {
  for (const leadId of leadIds) {
    await notify(trx, {
      workspaceId,
      type: 'lead.mql',
      recipientUserIds: [],
      subject: { type: 'lead', id: leadId },
      title: 'A lead became marketing-qualified',
      body: 'The lead met the contract’s MQL condition and is being routed to sales.',
      data: { leadId },
      occurredAt: now,
    });
    await assignLead(trx, { workspaceId, leadId, now });
  }
}
