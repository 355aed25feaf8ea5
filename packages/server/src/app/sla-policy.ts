import type { LeadContract } from '@tandem/contracts';
import { type LifecyclePolicy, lifecyclePolicyFromContract } from '../core/lifecycle/index.js';
import { type SlaPolicy, slaPolicyFromContract } from '../core/sla/index.js';
import type { Executor } from '../store/executor.js';
import { findContractInForce } from '../store/lead-contract.repo.js';

export interface ContractTerms {
  version: number;
  sla: SlaPolicy;
  lifecycle: LifecyclePolicy;
  contract: LeadContract;
}

/** The service levels and reason lists of the contract in force at `now`, or null without one. */
export async function contractTerms(
  db: Executor,
  workspaceId: string,
  now: Date,
): Promise<ContractTerms | null> {
  const row = await findContractInForce(db, workspaceId, now);
  if (!row) return null;
  const contract = row.document as LeadContract;
  return {
    version: row.version,
    sla: slaPolicyFromContract(contract.sla),
    lifecycle: lifecyclePolicyFromContract(contract.reasons),
    contract,
  };
}
