import { monthLabel } from '../../lib/report-links.js';
import type { HorizontalBar } from '../attribution/report-data.js';
import type { ForecastReport } from './forecast-api.js';

const bars = (items: Array<{ key: string; label: string; value: number }>): HorizontalBar[] => {
  const max = Math.max(1, ...items.map((i) => i.value));
  return items.map((i) => ({ ...i, fraction: Math.max(0, i.value) / max }));
};

/** Weighted pipeline by stage, in the workspace's stage order (stage keys shown in words). */
export function stageBars(pipeline: ForecastReport['pipeline']): HorizontalBar[] {
  return bars(
    pipeline.stages.map((s) => ({
      key: s.stage,
      label: s.stage.replace(/[_-]+/g, ' ').replace(/^./, (c) => c.toUpperCase()),
      value: s.weightedCents,
    })),
  );
}

/** Weighted pipeline by expected close month, in calendar order. */
export function monthBars(pipeline: ForecastReport['pipeline']): HorizontalBar[] {
  return bars(
    [...pipeline.months]
      .sort((a, b) => a.month.localeCompare(b.month))
      .map((m) => ({ key: m.month, label: monthLabel(m.month), value: m.weightedCents })),
  );
}

export interface ForecastParts {
  weightedCents: number;
  funnelCents: number;
  totalCents: number;
  /** The funnel forecast's share of the total: revenue expected from leads not yet in a deal. */
  funnelShare: number | null;
}

/** The total expected revenue in its two non-overlapping parts. */
export function forecastParts(
  report: Pick<ForecastReport, 'pipeline' | 'funnelForecast' | 'totalExpectedCents'>,
): ForecastParts {
  const total = report.totalExpectedCents;
  return {
    weightedCents: report.pipeline.weightedCents,
    funnelCents: report.funnelForecast.expectedRevenueCents,
    totalCents: total,
    funnelShare: total > 0 ? report.funnelForecast.expectedRevenueCents / total : null,
  };
}

/** How the forecast made `accuracyDays` ago fared, in a sentence. */
export function accuracyVerdict(accuracy: ForecastReport['accuracy']): string {
  if (accuracy.forecastCents === 0 && accuracy.actualCents === 0)
    return 'No forecast to check: no open leads were expected to close in that time.';
  // Accuracy is measured against what closed: with nothing won, there is no percentage.
  if (accuracy.accuracy === null)
    return 'Nothing the forecast covered has been won since, so its accuracy is unmeasured.';
  const over = accuracy.errorCents > 0;
  return `The forecast was ${Math.round(accuracy.accuracy * 100)} % accurate: it ${over ? 'overestimated' : accuracy.errorCents < 0 ? 'underestimated' : 'matched'} what its leads won.`;
}
