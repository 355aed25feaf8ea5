import { type RoutingRule, validateRoutingRules } from '../core/routing/index.js';
import { type BusinessHoursInput, compileCalendar } from '../core/sla/index.js';
import { AppError, invalid, notFound } from '../errors.js';
import type { Db } from '../store/db.js';
import { funnelExists } from '../store/funnel.repo.js';
import { saveBusinessHours, saveRepCapacity, saveRoutingRules } from '../store/routing.repo.js';

/** Replaces a funnel's routing rules after core/routing's checks; every problem names its field. */
export async function setRoutingRules(
  db: Db,
  input: { workspaceId: string; funnel: string; rules: RoutingRule[]; userId: string | null; now: Date },
): Promise<void> {
  if (!(await funnelExists(db, input.workspaceId, input.funnel)))
    throw invalid('funnel', `unknown funnel '${input.funnel}'`);
  const errors = validateRoutingRules(input.rules).map((e) => ({
    field: `/rules${e.field}`,
    detail: e.detail,
  }));
  const userIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const rule of input.rules) {
    if (rule.kind === 'account_owner') continue;
    if (rule.target.kind === 'user') userIds.add(rule.target.userId);
    else teamIds.add(rule.target.teamId);
  }
  const [users, teams] = await Promise.all([
    userIds.size > 0
      ? db
          .selectFrom('app_user')
          .select('id')
          .where('workspace_id', '=', input.workspaceId)
          .where('id', 'in', [...userIds])
          .execute()
      : [],
    teamIds.size > 0
      ? db
          .selectFrom('team')
          .select('id')
          .where('workspace_id', '=', input.workspaceId)
          .where('id', 'in', [...teamIds])
          .execute()
      : [],
  ]);
  input.rules.forEach((rule, i) => {
    if (rule.kind === 'account_owner') return;
    const t = rule.target;
    if (t.kind === 'user' && t.userId && !users.some((u) => u.id === t.userId))
      errors.push({ field: `/rules/${i}/target/userId`, detail: 'no such user in this workspace' });
    if (t.kind === 'team' && t.teamId && !teams.some((x) => x.id === t.teamId))
      errors.push({ field: `/rules/${i}/target/teamId`, detail: 'no such team in this workspace' });
  });
  if (errors.length > 0) {
    throw new AppError('validation_failed', errors[0]!.detail, { field: errors[0]!.field, errors });
  }
  await saveRoutingRules(db, input);
}

/** Sets a team's business hours (or the workspace's with teamId null) after compiling them. */
export async function setBusinessHours(
  db: Db,
  input: { workspaceId: string; teamId: string | null; hours: BusinessHoursInput; now: Date },
): Promise<void> {
  const compiled = compileCalendar(input.hours);
  if (!compiled.ok) {
    const errors = compiled.errors.map((e) => ({ field: e.field, detail: e.detail }));
    throw new AppError('validation_failed', errors[0]!.detail, { field: errors[0]!.field, errors });
  }
  if (input.teamId) {
    const team = await db
      .selectFrom('team')
      .select('id')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '=', input.teamId)
      .executeTakeFirst();
    if (!team) throw notFound('team');
  }
  await saveBusinessHours(db, input);
}

/** Sets a rep's capacity cap (null: none) and weight in weighted pools. */
export async function setRepCapacity(
  db: Db,
  input: { workspaceId: string; userId: string; capacity: number | null; weight: number; now: Date },
): Promise<void> {
  const user = await db
    .selectFrom('app_user')
    .select('role')
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.userId)
    .executeTakeFirst();
  if (!user) throw notFound('user');
  if (user.role !== 'sales_rep' && user.role !== 'sales_manager')
    throw invalid('userId', 'must be a sales rep or manager');
  await saveRepCapacity(db, input);
}
