import { sql } from 'kysely';
import { matchesAnyRule, nurtureStages } from '../../core/nurture/enrollment-rules.js';
import type { Executor } from '../../store/executor.js';
import { listPrograms } from '../../store/nurture.repo.js';
import { scheduleTimer } from '../../store/timer.repo.js';
import { enrollLeads } from './enroll.js';
import { exitQualifiedLeads } from './exits.js';
import { nurtureSweepKind } from './kinds.js';

/** The dedupe key of the sweep due at `dueAt` (one per workspace and minute). */
export const sweepKey = (dueAt: Date) => `${nurtureSweepKind}:${dueAt.toISOString().slice(0, 16)}`;

/**
 * Schedules a sweep of the workspace now unless one is pending or running: each sweep schedules
 * the next, so a workspace has one chain of sweeps. Returns whether one was scheduled.
 */
export async function ensureSweep(db: Executor, workspaceId: string, now: Date): Promise<boolean> {
  const pending = await db
    .selectFrom('timer')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', nurtureSweepKind)
    .where('status', 'in', ['pending', 'running'])
    .executeTakeFirst();
  if (pending) return false;
  const outcome = await scheduleTimer(db, {
    workspaceId,
    kind: nurtureSweepKind,
    dueAt: now,
    now,
    dedupeKey: sweepKey(now),
  });
  return outcome.created;
}

/** Leads looked at per program and sweep; a full page means another sweep follows at once. */
export const sweepPage = 2_000;

/**
 * One sweep of a workspace: enrollments of leads that reached MQL end, then each active
 * program with rules enrolls the open leads its rules match (core/nurture/enrollment-rules)
 * that it never enrolled. Candidates are read in pages by lead id after `cursor`; returns
 * whether more remain and the cursor per program.
 */
export async function sweepWorkspace(
  db: Executor,
  input: { workspaceId: string; now: Date; cursors?: Record<string, string> },
): Promise<{ enrolled: number; exited: number; more: boolean; cursors: Record<string, string> }> {
  const { workspaceId, now } = input;
  const exited = (await exitQualifiedLeads(db, { workspaceId, now })).length;
  let enrolled = 0;
  let more = false;
  const cursors: Record<string, string> = {};
  for (const program of await listPrograms(db, workspaceId)) {
    if (program.status !== 'active' || program.rules.length === 0) continue;
    const after = input.cursors?.[program.id];
    const campaignIds = program.rules.flatMap((r) => (r.type === 'campaign' ? [r.campaignId] : []));
    const rows = await db
      .selectFrom('lead')
      .select([
        'lead.id',
        'lead.stage',
        'lead.fit_grade',
        'lead.interest_sum',
        sql<string | null>`(select st.reason_code from stage_transition st
          where st.workspace_id = lead.workspace_id and st.lead_id = lead.id and st.to_stage = lead.stage
          order by st.at desc limit 1)`.as('stage_reason'),
        campaignIds.length > 0
          ? sql<string[] | null>`(select array_agg(distinct ev.campaign_id::text) from event ev
              where ev.workspace_id = lead.workspace_id and ev.contact_id = lead.contact_id
                and ev.campaign_id = any(${campaignIds}::uuid[]))`.as('campaigns')
          : sql<string[] | null>`null`.as('campaigns'),
      ])
      .where('lead.workspace_id', '=', workspaceId)
      .where('lead.stage', 'in', [...nurtureStages])
      .$if(after !== undefined, (q) => q.where('lead.id', '>', after!))
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('nurture_enrollment as e')
              .select(sql`1`.as('one'))
              .whereRef('e.workspace_id', '=', 'lead.workspace_id')
              .whereRef('e.lead_id', '=', 'lead.id')
              .where('e.program_id', '=', program.id),
          ),
        ),
      )
      .orderBy('lead.id')
      .limit(sweepPage)
      .execute();
    const matching = rows.filter((r) =>
      matchesAnyRule(program.rules, {
        stage: r.stage,
        stageReason: r.stage_reason,
        fitGrade: r.fit_grade,
        interest: Number(r.interest_sum),
        campaignIds: new Set(r.campaigns ?? []),
      }),
    );
    enrolled += await enrollLeads(db, {
      workspaceId,
      programId: program.id,
      firstStep: program.steps[0]?.id ?? null,
      leadIds: matching.map((r) => r.id),
      by: 'rule',
      userId: null,
      now,
    });
    if (rows.length === sweepPage) {
      more = true;
      cursors[program.id] = rows.at(-1)!.id;
    }
  }
  return { enrolled, exited, more, cursors };
}
