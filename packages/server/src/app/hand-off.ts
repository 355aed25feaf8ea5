import type { Executor } from '../store/executor.js';

/**
 * Hands leads that just became MQLs to sales, inside the transaction that qualified them
 * (live scoring and background rescoring both call it). Routing, SLA clocks and the
 * `lead.mql` / `lead.assigned` notifications are added by the funnel work; today it does nothing.
 */
export async function handOffNewMqls(
  _trx: Executor,
  _workspaceId: string,
  _leadIds: readonly string[],
  _now: Date,
): Promise<void> {}
