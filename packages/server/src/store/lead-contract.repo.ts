import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { Executor } from './executor.js';
import type { LeadContractApprovalRow, LeadContractRow, LeadContractTable } from './schema.js';

/**
 * Serialises contract writes of one workspace (numbering, signatures): two approvals arriving at
 * once must not both see the other side missing. `no key update` leaves inserts that merely
 * reference the workspace (ingestion) unblocked.
 */
export async function lockContracts(db: Executor, workspaceId: string): Promise<void> {
  await sql`select id from workspace where id = ${workspaceId} for no key update`.execute(db);
}

export async function nextContractVersion(db: Executor, workspaceId: string): Promise<number> {
  const row = await db
    .selectFrom('lead_contract')
    .select((eb) => eb.fn.max('version').as('max'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirst();
  return (row?.max ?? 0) + 1;
}

export async function insertContract(
  db: Executor,
  row: Insertable<LeadContractTable>,
): Promise<LeadContractRow> {
  return db.insertInto('lead_contract').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateContract(
  db: Executor,
  workspaceId: string,
  id: string,
  patch: Updateable<LeadContractTable>,
): Promise<LeadContractRow> {
  return db
    .updateTable('lead_contract')
    .set(patch)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findContractByVersion(
  db: Executor,
  workspaceId: string,
  version: number,
): Promise<LeadContractRow | undefined> {
  return db
    .selectFrom('lead_contract')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** Every version, newest first. */
export async function listContracts(db: Executor, workspaceId: string): Promise<LeadContractRow[]> {
  return db
    .selectFrom('lead_contract')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('version', 'desc')
    .execute();
}

/** The highest-numbered signed version whose effective time has come (see versionInForce). */
export async function findContractInForce(
  db: Executor,
  workspaceId: string,
  at: Date,
): Promise<LeadContractRow | undefined> {
  return db
    .selectFrom('lead_contract')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['approved', 'active', 'superseded'])
    .where('effective_at', '<=', at)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export interface Settled {
  activated: LeadContractRow[];
  superseded: LeadContractRow[];
}

/**
 * Brings stored statuses in line with the version in force: it becomes `active` (from its
 * effective time) and every older approved or active version `superseded`. Conditional updates,
 * so two processes settling at once change (and report) each row once.
 */
export async function settleContracts(
  db: Executor,
  workspaceId: string,
  inForce: LeadContractRow,
): Promise<Settled> {
  const activated =
    inForce.status === 'approved'
      ? await db
          .updateTable('lead_contract')
          .set({ status: 'active', activated_at: inForce.effective_at })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', inForce.id)
          .where('status', '=', 'approved')
          .returningAll()
          .execute()
      : [];
  const superseded = await db
    .updateTable('lead_contract')
    .set({ status: 'superseded' })
    .where('workspace_id', '=', workspaceId)
    .where('version', '<', inForce.version)
    .where('status', 'in', ['approved', 'active'])
    .returningAll()
    .execute();
  return { activated, superseded };
}

export async function listApprovals(
  db: Executor,
  workspaceId: string,
  contractIds: readonly string[],
): Promise<LeadContractApprovalRow[]> {
  if (contractIds.length === 0) return [];
  return db
    .selectFrom('lead_contract_approval')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('contract_id', 'in', contractIds)
    .orderBy('at')
    .execute();
}

export async function insertApproval(
  db: Executor,
  row: Omit<LeadContractApprovalRow, 'at'> & { at: Date },
): Promise<void> {
  await db.insertInto('lead_contract_approval').values(row).execute();
}

/** Names of users, for signatures and authors. */
export async function userNames(
  db: Executor,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, { name: string; email: string; role: string }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email', 'role'])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, { name: r.name, email: r.email, role: r.role }]));
}
