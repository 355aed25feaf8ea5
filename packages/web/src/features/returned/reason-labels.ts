import type { LeadContract } from '@tandem/contracts';

export interface ReasonCount {
  toStage: string;
  reasonCode: string;
  count: number;
}

export interface ReasonBar {
  key: string;
  code: string;
  label: string;
  stage: string;
  count: number;
  /** Share of the longest bar, 0..1. */
  share: number;
}

/** Reason code → label from the contract's reject and recycle lists (reject wins on a shared code). */
export function reasonLabels(
  contract: Pick<LeadContract, 'reasons'> | null | undefined,
): Map<string, string> {
  const labels = new Map<string, string>();
  if (!contract) return labels;
  for (const reason of [...contract.reasons.recycle, ...contract.reasons.reject]) {
    labels.set(reason.code, reason.label);
  }
  return labels;
}

/** A reason's label, or its code when the active contract does not list it (an older version did). */
export function reasonLabel(labels: Map<string, string>, code: string | null): string {
  if (!code) return 'No reason given';
  return labels.get(code) ?? code;
}

/** The counts by reason as bars, largest first, each sized against the largest. */
export function reasonBars(counts: ReasonCount[], labels: Map<string, string>): ReasonBar[] {
  const max = Math.max(1, ...counts.map((c) => c.count));
  return [...counts]
    .sort((a, b) => b.count - a.count || a.reasonCode.localeCompare(b.reasonCode))
    .map((c) => ({
      key: `${c.toStage}:${c.reasonCode}`,
      code: c.reasonCode,
      label: reasonLabel(labels, c.reasonCode || null),
      stage: c.toStage,
      count: c.count,
      share: c.count / max,
    }));
}

/**
 * A from/to pair of calendar dates (yyyy-mm-dd, the reader's time zone) as the API's instants:
 * from the start of `from` to the end of `to`. Empty or malformed dates are left out.
 */
export function dateRangeQuery(from: string, to: string): { from?: string; to?: string } {
  const valid = (d: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(new Date(`${d}T00:00:00`).getTime());
  const query: { from?: string; to?: string } = {};
  if (valid(from)) query.from = new Date(`${from}T00:00:00`).toISOString();
  if (valid(to)) query.to = new Date(`${to}T23:59:59.999`).toISOString();
  return query;
}

const actionLabels: Record<string, string> = {
  reject: 'Rejected',
  return: 'Recycled',
  recycle: 'Recycled',
  disqualify: 'Disqualified',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? action;
}
