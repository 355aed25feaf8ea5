import type { LeadStage } from '@tandem/contracts';
import { type SqlBool, sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import type { FunnelTransition } from '../core/funnel/types.js';
import { leadVisibility, visibleOpportunities } from './access.js';
import type { Executor } from './executor.js';

/**
 * What the funnel, goal and forecast reports read: stage history of the leads a viewer may see,
 * and the deals they may see. Each is one set-based query; the maths is in core/funnel.
 */

/** A stage transition with the source of its lead (for conversion by source). */
export interface ReportTransition extends FunnelTransition {
  source: string | null;
}

export interface TransitionFilter {
  /** Only leads of this funnel; null for every funnel. */
  funnel: string | null;
  /** Transitions strictly before this instant. */
  until: Date;
  /**
   * Only the leads with a transition in [since, until), into `stage` when given; with
   * `orStages`, the leads with any transition since `since` or whose current stage is one of
   * those (so every lead in those stages at `until` is in). Their whole history before `until`
   * is read.
   */
  active?: { since: Date; stage?: LeadStage; orStages?: readonly LeadStage[] };
}

/** Stage history, ordered by time then id (the order `byLead` keeps for equal instants). */
export async function loadTransitions(
  db: Executor,
  viewer: Viewer,
  filter: TransitionFilter,
): Promise<ReportTransition[]> {
  const ws = viewer.workspaceId;
  let q = db
    .selectFrom('stage_transition')
    .innerJoin('lead', (j) =>
      j
        .onRef('lead.workspace_id', '=', 'stage_transition.workspace_id')
        .onRef('lead.id', '=', 'stage_transition.lead_id'),
    )
    .select([
      'stage_transition.lead_id',
      'stage_transition.from_stage',
      'stage_transition.to_stage',
      'stage_transition.at',
      'stage_transition.reason_code',
      'stage_transition.contract_version',
      'lead.source',
    ])
    .where('stage_transition.workspace_id', '=', ws)
    .where('stage_transition.at', '<', filter.until)
    .where((eb) => leadVisibility(eb as never, viewer));
  if (filter.funnel !== null) q = q.where('lead.funnel', '=', filter.funnel);
  const active = filter.active;
  if (active) {
    q = q.where((eb) => {
      let moved = eb
        .selectFrom('stage_transition as recent')
        .select('recent.lead_id')
        .where('recent.workspace_id', '=', ws)
        .where('recent.at', '>=', active.since);
      // With orStages, a move after `until` counts too: `lead.stage` is then not the stage at `until`.
      if (!active.orStages) moved = moved.where('recent.at', '<', filter.until);
      if (active.stage) moved = moved.where('recent.to_stage', '=', active.stage);
      const inWindow = eb('stage_transition.lead_id', 'in', moved);
      return active.orStages?.length
        ? eb.or([inWindow, eb('lead.stage', 'in', [...active.orStages])])
        : inWindow;
    });
  }
  const rows = await q.orderBy('stage_transition.at').orderBy('stage_transition.id').execute();
  return rows.map((r) => ({
    leadId: r.lead_id,
    from: r.from_stage,
    to: r.to_stage,
    at: new Date(r.at),
    reasonCode: r.reason_code,
    contractVersion: r.contract_version,
    source: r.source,
  }));
}

/**
 * How many leads are in each stage at `until` (their last transition before it), counted in the
 * database: every lead with history counts, not only the ones a report reads.
 */
export async function stagesAt(
  db: Executor,
  viewer: Viewer,
  filter: { funnel: string | null; until: Date },
): Promise<Map<LeadStage, number>> {
  const last = db
    .selectFrom('stage_transition')
    .innerJoin('lead', (j) =>
      j
        .onRef('lead.workspace_id', '=', 'stage_transition.workspace_id')
        .onRef('lead.id', '=', 'stage_transition.lead_id'),
    )
    .distinctOn('stage_transition.lead_id')
    .select(['stage_transition.lead_id', 'stage_transition.to_stage'])
    .where('stage_transition.workspace_id', '=', viewer.workspaceId)
    .where('stage_transition.at', '<', filter.until)
    .where((eb) => leadVisibility(eb as never, viewer))
    .$if(filter.funnel !== null, (q) => q.where('lead.funnel', '=', filter.funnel!))
    .orderBy('stage_transition.lead_id')
    .orderBy('stage_transition.at', 'desc')
    .orderBy('stage_transition.id', 'desc');
  const rows = await db
    .selectFrom(last.as('last'))
    .select(['last.to_stage', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('last.to_stage')
    .execute();
  return new Map(rows.map((r) => [r.to_stage, Number(r.n)]));
}

export interface ReportDeal {
  id: string;
  amountCents: number;
  stage: string;
  probability: number;
  closeDate: string | null;
  status: 'open' | 'won' | 'lost';
  createdAt: Date;
  closedAt: Date | null;
  sourceLeadId: string | null;
  /** The deal came from a lead that passed the MQL bar: marketing-sourced. */
  marketingSourced: boolean;
}

/**
 * The deals a viewer may see in one currency that matter from `since` on: every open deal, and
 * the deals created or closed since then. With a funnel, only deals whose source lead is in it.
 */
export async function loadDeals(
  db: Executor,
  viewer: Viewer,
  filter: { currency: string; since: Date; funnel: string | null },
): Promise<ReportDeal[]> {
  const ws = viewer.workspaceId;
  let q = visibleOpportunities(db, viewer)
    .select([
      'opportunity.id',
      'opportunity.amount_cents',
      'opportunity.stage',
      'opportunity.probability',
      sql<string | null>`to_char(opportunity.close_date, 'YYYY-MM-DD')`.as('close_date_text'),
      'opportunity.status',
      'opportunity.created_at',
      'opportunity.closed_at',
      'opportunity.source_lead_id',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('stage_transition')
              .select(sql`1`.as('one'))
              .where('stage_transition.workspace_id', '=', ws)
              .whereRef('stage_transition.lead_id', '=', 'opportunity.source_lead_id')
              .where('stage_transition.to_stage', '=', 'mql'),
          )
          .$castTo<SqlBool>()
          .as('marketing_sourced'),
    ])
    .where('opportunity.currency', '=', filter.currency)
    .where((eb) =>
      eb.or([
        eb('opportunity.status', '=', 'open'),
        eb('opportunity.created_at', '>=', filter.since),
        eb('opportunity.closed_at', '>=', filter.since),
      ]),
    );
  const funnel = filter.funnel;
  if (funnel !== null) {
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('lead')
          .select(sql`1`.as('one'))
          .where('lead.workspace_id', '=', ws)
          .whereRef('lead.id', '=', 'opportunity.source_lead_id')
          .where('lead.funnel', '=', funnel),
      ),
    );
  }
  const rows = await q.orderBy('opportunity.id').execute();
  return rows.map((r) => ({
    id: r.id,
    amountCents: Number(r.amount_cents),
    stage: r.stage,
    probability: r.probability,
    closeDate: r.close_date_text,
    status: r.status,
    createdAt: new Date(r.created_at),
    closedAt: r.closed_at ? new Date(r.closed_at) : null,
    sourceLeadId: r.source_lead_id,
    marketingSourced: Boolean(r.marketing_sourced),
  }));
}

/**
 * Labels of reject and recycle reason codes from every contract version; a later version's label
 * wins, and a code a version dropped keeps the label it last had.
 */
export async function reasonLabels(db: Executor, workspaceId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('lead_contract')
    .select('document')
    .where('workspace_id', '=', workspaceId)
    .orderBy('version')
    .execute();
  const labels = new Map<string, string>();
  for (const row of rows) {
    const doc = row.document as { reasons?: Record<string, Array<{ code: string; label: string }>> };
    for (const list of Object.values(doc?.reasons ?? {})) {
      for (const reason of list ?? []) labels.set(reason.code, reason.label);
    }
  }
  return labels;
}
