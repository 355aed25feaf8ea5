import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

/** The models the server computes side by side, in the order it lists them. */
export const attributionModels = [
  'first_touch',
  'lead_creation',
  'last_touch',
  'linear',
  'u_shaped',
  'w_shaped',
  'full_path',
  'time_decay',
  'data_driven',
] as const;
export type AttributionModel = (typeof attributionModels)[number];

export interface MarketingShare {
  totalCents: number;
  sourcedCents: number;
  influencedCents: number;
  sourcedShare: number | null;
  influencedShare: number | null;
}

export interface AttributionRow {
  key: string;
  campaign: { id: string; name: string } | null;
  channel: string;
  costCents: number;
  pipelineCents: number;
  revenueCents: number;
  roi: number | null;
}

export interface AttributionReport {
  from: string;
  to: string;
  by: 'campaign' | 'channel';
  currency: string;
  deals: { pipeline: number; revenue: number };
  marketing: { pipeline: MarketingShare; revenue: MarketingShare };
  results: Array<{
    model: AttributionModel;
    rows: AttributionRow[];
    unattributed: { pipelineCents: number; revenueCents: number };
  }>;
}

export interface ReportQuery {
  from: string;
  to: string;
  by: 'campaign' | 'channel';
  halfLifeDays?: number | undefined;
}

/** Every model side by side for a window (model=all), so switching models needs no request. */
export function useAttributionReport(query: ReportQuery) {
  return useQuery({
    queryKey: ['attribution', query],
    queryFn: () =>
      api<AttributionReport>('/api/v1/reports/attribution', {
        query: {
          model: 'all',
          from: query.from,
          to: query.to,
          by: query.by,
          halfLifeDays: query.halfLifeDays,
        },
      }),
    placeholderData: keepPreviousData,
  });
}
