import { decayFactor } from '../../core/scoring/index.js';
import type { Executor } from '../../store/executor.js';
import { findContractInForce } from '../../store/lead-contract.repo.js';
import { compiledContract } from './compiled-contracts.js';

/** Interest stored as of `at`, decayed to the moment of the reader. */
export type CurrentInterest = (stored: { interest: number; interestAt: Date | null }) => number;

/**
 * Decays stored interest to `now` with the half-life of the contract in force (one query per
 * request, not per lead). Without a contract the stored value is shown as it is.
 */
export async function currentInterest(
  db: Executor,
  workspaceId: string,
  now: Date,
): Promise<CurrentInterest> {
  const row = await findContractInForce(db, workspaceId, now);
  if (!row) return (stored) => stored.interest;
  const { compiled } = compiledContract(row);
  const nowMs = now.getTime();
  return (stored) =>
    stored.interestAt === null
      ? stored.interest
      : stored.interest * decayFactor(compiled, nowMs - stored.interestAt.getTime());
}
