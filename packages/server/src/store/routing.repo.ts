import type { LeadStage } from '@tandem/contracts';
import { sql } from 'kysely';
import type { RoutingLead, RoutingRep, RoutingRule, RoutingState } from '../core/routing/index.js';
import type { BusinessHoursInput } from '../core/sla/index.js';
import { newId } from '../id.js';
import type { Executor } from './executor.js';

/** Stages in which a lead counts towards its owner's load (capacity caps). */
export const loadStages = ['mql', 'accepted', 'sql'] as const;

export interface RoutingConfig {
  rules: RoutingRule[];
  state: RoutingState;
  updatedAt: Date | null;
}

const emptyState = (): RoutingState => ({ load: {}, cursors: {}, credits: {} });

function toState(raw: unknown): RoutingState {
  const value = (raw ?? {}) as Partial<RoutingState>;
  return { load: {}, cursors: value.cursors ?? {}, credits: value.credits ?? {} };
}

/**
 * The funnel's rules and routing memory, row-locked with `lock` so concurrent hand-offs take
 * turns one after the other (a round-robin turn is never given twice).
 */
export async function findRoutingConfig(
  db: Executor,
  workspaceId: string,
  funnel: string,
  options: { lock?: boolean } = {},
): Promise<RoutingConfig> {
  const row = await db
    .selectFrom('routing_config')
    .select(['rules', 'state', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .where('funnel', '=', funnel)
    .$if(options.lock === true, (q) => q.forUpdate())
    .executeTakeFirst();
  if (!row) return { rules: [], state: emptyState(), updatedAt: null };
  return { rules: row.rules as RoutingRule[], state: toState(row.state), updatedAt: row.updated_at };
}

/** Replaces a funnel's rules (already validated); the routing memory is kept. */
export async function saveRoutingRules(
  db: Executor,
  input: {
    workspaceId: string;
    funnel: string;
    rules: readonly RoutingRule[];
    userId: string | null;
    now: Date;
  },
): Promise<void> {
  await db
    .insertInto('routing_config')
    .values({
      workspace_id: input.workspaceId,
      id: newId(input.now.getTime()),
      funnel: input.funnel,
      rules: JSON.stringify(input.rules),
      state: JSON.stringify({ cursors: {}, credits: {} }),
      updated_by: input.userId,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'funnel']).doUpdateSet({
        rules: JSON.stringify(input.rules),
        updated_by: input.userId,
        updated_at: input.now,
      }),
    )
    .execute();
}

/** Stores round-robin cursors and weighted credits after an assignment (load is always counted live). */
export async function saveRoutingState(
  db: Executor,
  input: { workspaceId: string; funnel: string; state: RoutingState; now: Date },
): Promise<void> {
  const state = JSON.stringify({ cursors: input.state.cursors, credits: input.state.credits });
  await db
    .insertInto('routing_config')
    .values({
      workspace_id: input.workspaceId,
      id: newId(input.now.getTime()),
      funnel: input.funnel,
      rules: '[]',
      state,
      updated_by: null,
      updated_at: input.now,
    })
    .onConflict((oc) => oc.columns(['workspace_id', 'funnel']).doUpdateSet({ state }))
    .execute();
}

/** Everyone who can take leads (reps and managers), with capacity, weight and current load. */
export async function listRoutingReps(
  db: Executor,
  workspaceId: string,
): Promise<{ reps: RoutingRep[]; load: Record<string, number> }> {
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('rep_capacity', (j) =>
      j
        .onRef('rep_capacity.workspace_id', '=', 'app_user.workspace_id')
        .onRef('rep_capacity.user_id', '=', 'app_user.id'),
    )
    .select([
      'app_user.id',
      'app_user.name',
      'app_user.team_id',
      'app_user.status',
      'app_user.out_of_office',
      'rep_capacity.capacity',
      'rep_capacity.weight',
    ])
    .where('app_user.workspace_id', '=', workspaceId)
    .where('app_user.role', 'in', ['sales_rep', 'sales_manager'])
    .orderBy('app_user.id')
    .execute();
  const loads = await db
    .selectFrom('lead')
    .select(['owner_id', sql<number>`count(*)::int`.as('n')])
    .where('workspace_id', '=', workspaceId)
    .where('owner_id', 'is not', null)
    .where('stage', 'in', loadStages)
    .groupBy('owner_id')
    .execute();
  const load: Record<string, number> = {};
  for (const row of loads) load[row.owner_id!] = Number(row.n);
  return {
    reps: rows.map((r) => ({
      id: r.id,
      name: r.name,
      teamId: r.team_id,
      active: r.status === 'active',
      outOfOffice: r.out_of_office,
      capacity: r.capacity ?? null,
      weight: r.weight ?? 1,
    })),
    load,
  };
}

/** What routing reads about a lead: its account, owner of the account, location and size. */
export async function findRoutingLead(
  db: Executor,
  workspaceId: string,
  leadId: string,
): Promise<(RoutingLead & { funnel: string; contactId: string; stage: LeadStage }) | null> {
  const row = await db
    .selectFrom('lead')
    .innerJoin('contact', (j) =>
      j.onRef('contact.workspace_id', '=', 'lead.workspace_id').onRef('contact.id', '=', 'lead.contact_id'),
    )
    .leftJoin('account', (j) =>
      j
        .onRef('account.workspace_id', '=', 'contact.workspace_id')
        .onRef('account.id', '=', 'contact.account_id'),
    )
    .select([
      'lead.funnel',
      'lead.stage',
      'lead.contact_id',
      'contact.account_id',
      'contact.country as contact_country',
      'account.domain',
      'account.owner_id as account_owner_id',
      'account.country as account_country',
      'account.region',
      'account.employees',
    ])
    .where('lead.workspace_id', '=', workspaceId)
    .where('lead.id', '=', leadId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    funnel: row.funnel,
    stage: row.stage,
    contactId: row.contact_id,
    accountId: row.account_id,
    accountDomain: row.domain ?? null,
    accountOwnerId: row.account_owner_id ?? null,
    country: row.contact_country ?? row.account_country ?? null,
    region: row.region ?? null,
    employees: row.employees ?? null,
  };
}

/** Business hours as stored for a team, else the workspace's own, else null. */
export async function findBusinessHours(
  db: Executor,
  workspaceId: string,
  teamId: string | null,
): Promise<BusinessHoursInput | null> {
  const rows = await db
    .selectFrom('business_hours')
    .select(['team_id', 'hours'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('team_id', 'is', null), ...(teamId ? [eb('team_id', '=', teamId)] : [])]))
    .execute();
  const own = rows.find((r) => r.team_id !== null) ?? rows.find((r) => r.team_id === null);
  return own ? (own.hours as unknown as BusinessHoursInput) : null;
}

export async function listBusinessHours(
  db: Executor,
  workspaceId: string,
): Promise<Array<{ teamId: string | null; hours: BusinessHoursInput; updatedAt: Date }>> {
  const rows = await db
    .selectFrom('business_hours')
    .select(['team_id', 'hours', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('team_id')
    .execute();
  return rows.map((r) => ({
    teamId: r.team_id,
    hours: r.hours as unknown as BusinessHoursInput,
    updatedAt: r.updated_at,
  }));
}

/** Sets a team's hours (or the workspace's with teamId null); hours are validated by the caller. */
export async function saveBusinessHours(
  db: Executor,
  input: { workspaceId: string; teamId: string | null; hours: BusinessHoursInput; now: Date },
): Promise<void> {
  const hours = JSON.stringify(input.hours);
  const updated = await db
    .updateTable('business_hours')
    .set({ hours, updated_at: input.now })
    .where('workspace_id', '=', input.workspaceId)
    .where('team_id', input.teamId === null ? 'is' : '=', input.teamId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return;
  await db
    .insertInto('business_hours')
    .values({
      workspace_id: input.workspaceId,
      id: newId(input.now.getTime()),
      team_id: input.teamId,
      hours,
      updated_at: input.now,
    })
    .execute();
}

export async function saveRepCapacity(
  db: Executor,
  input: { workspaceId: string; userId: string; capacity: number | null; weight: number; now: Date },
): Promise<void> {
  await db
    .insertInto('rep_capacity')
    .values({
      workspace_id: input.workspaceId,
      user_id: input.userId,
      capacity: input.capacity,
      weight: input.weight,
      updated_at: input.now,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'user_id'])
        .doUpdateSet({ capacity: input.capacity, weight: input.weight, updated_at: input.now }),
    )
    .execute();
}
