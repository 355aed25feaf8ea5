import type { LeadContract } from '@tandem/contracts';
import type { ContractStatus, SignOffDecision, SignOffSide } from '../core/contract/sign-off.js';
import { notFound } from '../errors.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import {
  findContractByVersion,
  findContractInForce,
  listApprovals,
  listContracts,
  settleContracts,
  userNames,
} from '../store/lead-contract.repo.js';
import type { LeadContractApprovalRow, LeadContractRow } from '../store/schema.js';
import { onContractsSettled } from './rescoring.js';

export interface ContractSignature {
  userId: string;
  name: string;
  side: SignOffSide;
  decision: SignOffDecision;
  comment: string | null;
  at: Date;
}

/** One version of the lead contract with its signatures, as the application sees it. */
export interface ContractVersion {
  id: string;
  version: number;
  status: ContractStatus;
  document: LeadContract;
  sourceFormat: 'yaml' | 'json';
  source: string | null;
  author: { id: string; name: string } | null;
  createdAt: Date;
  updatedAt: Date;
  submittedAt: Date | null;
  effectiveAt: Date | null;
  activatedAt: Date | null;
  rolledBackFrom: number | null;
  note: string | null;
  signatures: ContractSignature[];
}

/** Rows → versions, with signer and author names in two queries. */
export async function toVersions(
  db: Executor,
  workspaceId: string,
  rows: readonly LeadContractRow[],
): Promise<ContractVersion[]> {
  const approvals = await listApprovals(
    db,
    workspaceId,
    rows.map((r) => r.id),
  );
  const names = await userNames(db, workspaceId, [
    ...approvals.map((a) => a.user_id),
    ...rows.flatMap((r) => (r.author_id ? [r.author_id] : [])),
  ]);
  const byContract = new Map<string, LeadContractApprovalRow[]>();
  for (const a of approvals) byContract.set(a.contract_id, [...(byContract.get(a.contract_id) ?? []), a]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    status: r.status,
    // Stored only after validateContract accepted it.
    document: r.document as LeadContract,
    sourceFormat: r.source_format,
    source: r.source,
    author: r.author_id ? { id: r.author_id, name: names.get(r.author_id)?.name ?? 'unknown user' } : null,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    submittedAt: r.submitted_at,
    effectiveAt: r.effective_at,
    activatedAt: r.activated_at,
    rolledBackFrom: r.rolled_back_from,
    note: r.note,
    signatures: (byContract.get(r.id) ?? []).map((a) => ({
      userId: a.user_id,
      name: names.get(a.user_id)?.name ?? 'unknown user',
      side: a.side,
      decision: a.decision,
      comment: a.comment,
      at: a.at,
    })),
  }));
}

/**
 * Makes stored statuses agree with the version in force at `now` (a version approved for a
 * future time becomes active lazily, when someone next looks), auditing each change. Call inside
 * the caller's transaction.
 */
export async function settleInForce(
  db: Executor,
  workspaceId: string,
  now: Date,
): Promise<LeadContractRow | null> {
  const inForce = await findContractInForce(db, workspaceId, now);
  if (!inForce) {
    await onContractsSettled(db, { workspaceId, activated: [], now });
    return null;
  }
  const { activated, superseded } = await settleContracts(db, workspaceId, inForce);
  for (const row of activated) {
    await insertAudit(db, {
      workspaceId,
      actorKind: 'system',
      actorId: null,
      action: 'lead_contract.activated',
      targetType: 'lead_contract',
      targetId: row.id,
      details: { version: row.version },
      at: row.activated_at ?? now,
    });
  }
  for (const row of superseded) {
    await insertAudit(db, {
      workspaceId,
      actorKind: 'system',
      actorId: null,
      action: 'lead_contract.superseded',
      targetType: 'lead_contract',
      targetId: row.id,
      details: { version: row.version, by: inForce.version },
      at: inForce.effective_at ?? now,
    });
  }
  // A version that came into force rescores every open lead in the background.
  await onContractsSettled(db, { workspaceId, activated, now });
  return activated[0] ?? inForce;
}

/** Settles first, in a transaction, only when the stored statuses are behind the clock. */
async function settled(db: Db, workspaceId: string, now: Date): Promise<void> {
  const inForce = await findContractInForce(db, workspaceId, now);
  if (inForce?.status === 'approved') {
    await db.transaction().execute((trx) => settleInForce(trx, workspaceId, now));
  }
}

/**
 * The contract in force at `now`: the highest-numbered signed version whose effective time has
 * come, or null when none has. A version approved for a later time becomes active here, lazily.
 * @example const active = await activeContract(db, workspaceId, clock()); // active?.version === 3
 */
export async function activeContract(
  db: Db,
  workspaceId: string,
  now: Date,
): Promise<ContractVersion | null> {
  await settled(db, workspaceId, now);
  const row = await findContractInForce(db, workspaceId, now);
  if (!row) return null;
  return (await toVersions(db, workspaceId, [row]))[0] ?? null;
}

/** Every version, newest first. */
export async function contractHistory(db: Db, workspaceId: string, now: Date): Promise<ContractVersion[]> {
  await settled(db, workspaceId, now);
  return toVersions(db, workspaceId, await listContracts(db, workspaceId));
}

export async function contractVersion(
  db: Db,
  input: { workspaceId: string; version: number; now: Date },
): Promise<ContractVersion> {
  await settled(db, input.workspaceId, input.now);
  const row = await findContractByVersion(db, input.workspaceId, input.version);
  if (!row) throw notFound(`lead contract version ${input.version}`);
  return (await toVersions(db, input.workspaceId, [row]))[0]!;
}
