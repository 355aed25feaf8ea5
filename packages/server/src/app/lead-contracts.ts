import { type ContractSource, readContract } from '../core/contract/read-source.js';
import {
  type ContractAction,
  checkTransition,
  contractEditorRoles,
  decideSignOff,
  type SignOffDecision,
  type SignOffSide,
} from '../core/contract/sign-off.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../id.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import {
  findContractByVersion,
  insertApproval,
  insertContract,
  listApprovals,
  lockContracts,
  nextContractVersion,
  updateContract,
} from '../store/lead-contract.repo.js';
import type { LeadContractRow } from '../store/schema.js';
import { type ContractVersion, settleInForce, toVersions } from './lead-contract-queries.js';
import type { Viewer } from './viewer.js';
import type { Actor } from './workspaces.js';

export type { ContractSource } from '../core/contract/read-source.js';
export type { ContractVersion } from './lead-contract-queries.js';

interface Command {
  viewer: Viewer;
  actor: Actor;
  now: Date;
}

const noteLimit = 2000;

function read(source: ContractSource) {
  const result = readContract(source);
  if (!result.ok) {
    const first = result.errors[0]!;
    throw new AppError('validation_failed', first.detail, { field: first.field, errors: result.errors });
  }
  return result;
}

function mayEdit(viewer: Viewer): void {
  if (!contractEditorRoles.includes(viewer.role)) {
    throw new AppError('forbidden', `lead contracts are written by: ${contractEditorRoles.join(', ')}`);
  }
}

function cleanNote(note: string | null | undefined): string | null | undefined {
  if (note === undefined || note === null) return note;
  if (note.length > noteLimit)
    throw new AppError('validation_failed', `at most ${noteLimit} characters`, { field: '/note' });
  return note.trim() || null;
}

/** Runs one contract command: lock the workspace's contracts, settle the clock, then act. */
async function command<T>(
  db: Db,
  input: Command,
  work: (
    trx: Executor,
    audit: (action: string, row: LeadContractRow, details?: Record<string, unknown>) => Promise<void>,
  ) => Promise<T>,
): Promise<T> {
  const workspaceId = input.viewer.workspaceId;
  return db.transaction().execute(async (trx) => {
    await lockContracts(trx, workspaceId);
    await settleInForce(trx, workspaceId, input.now);
    return work(trx, (action, row, details = {}) =>
      insertAudit(trx, {
        workspaceId,
        actorKind: input.actor.kind,
        actorId: input.actor.id,
        ip: input.actor.ip ?? null,
        action,
        targetType: 'lead_contract',
        targetId: row.id,
        details: { version: row.version, ...details },
        at: input.now,
      }),
    );
  });
}

async function load(trx: Executor, viewer: Viewer, version: number, action?: ContractAction) {
  const row = await findContractByVersion(trx, viewer.workspaceId, version);
  if (!row) throw notFound(`lead contract version ${version}`);
  const refusal = action ? checkTransition(row.status, action) : null;
  if (refusal) throw new AppError('conflict', refusal);
  return row;
}

async function view(trx: Executor, row: LeadContractRow): Promise<ContractVersion> {
  return (await toVersions(trx, row.workspace_id, [row]))[0]!;
}

/** Creates a draft from YAML text or a JSON document; it is validated before it is stored. */
export async function createContractDraft(
  db: Db,
  input: Command & { source: ContractSource; effectiveAt?: Date | null; note?: string | null },
): Promise<ContractVersion> {
  mayEdit(input.viewer);
  const contract = read(input.source);
  const note = cleanNote(input.note) ?? null;
  return command(db, input, async (trx, audit) => {
    const row = await insertContract(trx, {
      workspace_id: input.viewer.workspaceId,
      id: newId(),
      version: await nextContractVersion(trx, input.viewer.workspaceId),
      status: 'draft',
      document: JSON.stringify(contract.contract),
      source_format: contract.format,
      source: contract.source,
      author_id: input.viewer.userId,
      created_at: input.now,
      updated_at: input.now,
      effective_at: input.effectiveAt ?? null,
      note,
    });
    await audit('lead_contract.created', row, { name: contract.contract.name });
    return view(trx, row);
  });
}

/** Changes a draft's document, effective time or note. */
export async function editContractDraft(
  db: Db,
  input: Command & {
    version: number;
    source?: ContractSource | undefined;
    effectiveAt?: Date | null | undefined;
    note?: string | null | undefined;
  },
): Promise<ContractVersion> {
  mayEdit(input.viewer);
  const contract = input.source ? read(input.source) : null;
  const note = cleanNote(input.note);
  const changed = [
    ...(contract ? ['document'] : []),
    ...(input.effectiveAt !== undefined ? ['effectiveAt'] : []),
    ...(note !== undefined ? ['note'] : []),
  ];
  if (changed.length === 0) {
    throw new AppError('validation_failed', 'send a document, yaml, effectiveAt or note to change', {
      field: '/document',
    });
  }
  return command(db, input, async (trx, audit) => {
    const draft = await load(trx, input.viewer, input.version, 'edit');
    const row = await updateContract(trx, input.viewer.workspaceId, draft.id, {
      updated_at: input.now,
      ...(contract
        ? {
            document: JSON.stringify(contract.contract),
            source_format: contract.format,
            source: contract.source,
          }
        : {}),
      ...(input.effectiveAt !== undefined ? { effective_at: input.effectiveAt } : {}),
      ...(note !== undefined ? { note } : {}),
    });
    await audit('lead_contract.updated', row, { changed });
    return view(trx, row);
  });
}

/** Freezes a draft and asks both teams to sign it. */
export async function submitContract(db: Db, input: Command & { version: number }): Promise<ContractVersion> {
  mayEdit(input.viewer);
  return command(db, input, async (trx, audit) => {
    const draft = await load(trx, input.viewer, input.version, 'submit');
    const row = await updateContract(trx, input.viewer.workspaceId, draft.id, {
      status: 'submitted',
      submitted_at: input.now,
      updated_at: input.now,
    });
    await audit('lead_contract.submitted', row);
    return view(trx, row);
  });
}

/** Takes a draft or submitted version out of play for good. */
export async function withdrawContract(
  db: Db,
  input: Command & { version: number },
): Promise<ContractVersion> {
  mayEdit(input.viewer);
  return command(db, input, async (trx, audit) => {
    const current = await load(trx, input.viewer, input.version, 'withdraw');
    const row = await updateContract(trx, input.viewer.workspaceId, current.id, {
      status: 'withdrawn',
      updated_at: input.now,
    });
    await audit('lead_contract.withdrawn', row, { from: current.status });
    return view(trx, row);
  });
}

/**
 * One side's signature. Both sides approved → the version is approved, and active at once when
 * its effective time has come (the one it replaces is superseded); a rejection ends the version.
 */
export async function signContract(
  db: Db,
  input: Command & { version: number; side: SignOffSide; decision: SignOffDecision; comment?: string | null },
): Promise<ContractVersion> {
  const comment = cleanNote(input.comment) ?? null;
  if (input.decision === 'reject' && !comment) {
    throw new AppError('validation_failed', 'say why the version is rejected', { field: '/comment' });
  }
  return command(db, input, async (trx, audit) => {
    const current = await load(trx, input.viewer, input.version);
    const signatures = await listApprovals(trx, input.viewer.workspaceId, [current.id]);
    const outcome = decideSignOff({
      status: current.status,
      signatures: signatures.map((s) => ({
        userId: s.user_id,
        side: s.side,
        decision: s.decision,
        at: s.at,
      })),
      signer: { userId: input.viewer.userId, role: input.viewer.role },
      side: input.side,
      decision: input.decision,
      effectiveAt: current.effective_at,
      now: input.now,
    });
    if (!outcome.ok) throw new AppError(outcome.code, outcome.reason, { field: '/side' });
    await insertApproval(trx, {
      workspace_id: input.viewer.workspaceId,
      id: newId(),
      contract_id: current.id,
      user_id: input.viewer.userId!,
      side: input.side,
      decision: input.decision,
      comment,
      at: input.now,
    });
    await audit(input.decision === 'approve' ? 'lead_contract.signed' : 'lead_contract.rejected', current, {
      side: input.side,
      ...(comment ? { comment } : {}),
    });
    if (outcome.status === 'submitted') return view(trx, current);
    const row = await updateContract(trx, input.viewer.workspaceId, current.id, {
      status: outcome.status === 'rejected' ? 'rejected' : 'approved',
      updated_at: input.now,
      ...(outcome.effectiveAt ? { effective_at: outcome.effectiveAt } : {}),
    });
    if (outcome.status !== 'rejected') {
      await audit('lead_contract.approved', row, { effectiveAt: row.effective_at?.toISOString() ?? null });
      // Activation (and superseding) goes through the same settling as a lazy activation.
      await settleInForce(trx, input.viewer.workspaceId, input.now);
    }
    return view(trx, (await findContractByVersion(trx, input.viewer.workspaceId, input.version))!);
  });
}

/**
 * Rollback: a new draft carrying an earlier version's document, marked with where it came
 * from. It takes effect only through the same sign-off as any other version.
 */
export async function rollbackContract(
  db: Db,
  input: Command & { version: number; effectiveAt?: Date | null; note?: string | null },
): Promise<ContractVersion> {
  mayEdit(input.viewer);
  const note = cleanNote(input.note) ?? null;
  return command(db, input, async (trx, audit) => {
    const earlier = await load(trx, input.viewer, input.version, 'rollback');
    const row = await insertContract(trx, {
      workspace_id: input.viewer.workspaceId,
      id: newId(),
      version: await nextContractVersion(trx, input.viewer.workspaceId),
      status: 'draft',
      document: JSON.stringify(earlier.document),
      source_format: earlier.source_format,
      source: earlier.source,
      author_id: input.viewer.userId,
      created_at: input.now,
      updated_at: input.now,
      effective_at: input.effectiveAt ?? null,
      rolled_back_from: earlier.version,
      note: note ?? `Rollback to version ${earlier.version}`,
    });
    await audit('lead_contract.created', row, { rolledBackFrom: earlier.version });
    return view(trx, row);
  });
}
