import { type Kysely, sql } from 'kysely';

/**
 * Live scoring state on each lead. `score_state` is the serialised interest state
 * (core/scoring/interest-state-json.ts) under contract version `score_version`; `scored_through`
 * is the time of the latest event applied, so an older event is recognised as late and the lead
 * replayed. Kept on `lead` itself: every flush reads and writes the lead row anyway, and one row
 * per lead keeps the hot path at one read and one write. Fit points become fractional, as the
 * contract allows (a rule may give 2.5 points).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lead
      add column score_state jsonb,
      add column score_version integer,
      add column scored_through timestamptz,
      alter column fit_points type double precision
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table lead drop column score_state, drop column score_version, drop column scored_through,
      alter column fit_points type integer using round(fit_points)
  `.execute(db);
}
