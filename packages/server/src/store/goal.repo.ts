import { sql } from 'kysely';
import { newId } from '../id.js';
import type { Executor } from './executor.js';

export interface GoalFields {
  name: string;
  /** Inclusive dates, 'YYYY-MM-DD'. */
  periodStart: string;
  periodEnd: string;
  targetCents: number;
  currency: string;
  funnel: string | null;
}

export interface Goal extends GoalFields {
  id: string;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

function goals(db: Executor, workspaceId: string) {
  return db
    .selectFrom('goal')
    .select([
      'id',
      'name',
      sql<string>`to_char(period_start, 'YYYY-MM-DD')`.as('period_start_text'),
      sql<string>`to_char(period_end, 'YYYY-MM-DD')`.as('period_end_text'),
      'target_cents',
      'currency',
      'funnel',
      'created_by',
      'created_at',
      'updated_at',
    ])
    .where('workspace_id', '=', workspaceId);
}

type GoalSelect = Awaited<ReturnType<ReturnType<typeof goals>['executeTakeFirstOrThrow']>>;
const toGoal = (r: GoalSelect): Goal => ({
  id: r.id,
  name: r.name,
  periodStart: r.period_start_text,
  periodEnd: r.period_end_text,
  targetCents: Number(r.target_cents),
  currency: r.currency,
  funnel: r.funnel,
  createdBy: r.created_by,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
});

/** The workspace's goals, latest period first. */
export async function listGoals(db: Executor, workspaceId: string): Promise<Goal[]> {
  const rows = await goals(db, workspaceId).orderBy('period_start', 'desc').orderBy('id').execute();
  return rows.map(toGoal);
}

export async function findGoal(db: Executor, workspaceId: string, id: string): Promise<Goal | null> {
  const row = await goals(db, workspaceId).where('id', '=', id).executeTakeFirst();
  return row ? toGoal(row) : null;
}

export async function insertGoal(
  db: Executor,
  input: { workspaceId: string; fields: GoalFields; createdBy: string | null; now: Date },
): Promise<string> {
  const id = newId(input.now.getTime());
  const f = input.fields;
  await db
    .insertInto('goal')
    .values({
      workspace_id: input.workspaceId,
      id,
      name: f.name,
      period_start: f.periodStart,
      period_end: f.periodEnd,
      target_cents: f.targetCents,
      currency: f.currency,
      funnel: f.funnel,
      created_by: input.createdBy,
      created_at: input.now,
      updated_at: input.now,
    })
    .execute();
  return id;
}

export async function updateGoal(
  db: Executor,
  input: { workspaceId: string; id: string; fields: GoalFields; now: Date },
): Promise<void> {
  const f = input.fields;
  await db
    .updateTable('goal')
    .set({
      name: f.name,
      period_start: f.periodStart,
      period_end: f.periodEnd,
      target_cents: f.targetCents,
      currency: f.currency,
      funnel: f.funnel,
      updated_at: input.now,
    })
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .execute();
}

export async function deleteGoal(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const row = await db
    .deleteFrom('goal')
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}
