import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { MarketingShare } from '../attribution/attribution-api.js';

export const funnelStages = ['lead', 'mql', 'accepted', 'sql', 'opportunity', 'won'] as const;
export type FunnelStage = (typeof funnelStages)[number];

export interface SpeedStats {
  reached: number;
  p50Minutes: number | null;
  p95Minutes: number | null;
  within: { m5: number; m15: number; m60: number };
}

export interface SpeedRow {
  group: string;
  leads: number;
  assigned: SpeedStats;
  firstTouch: SpeedStats;
  decision: SpeedStats;
}

export interface Attainment {
  kind: string;
  met: number;
  breached: number;
  open: number;
  rate: number | null;
}

export interface Leak {
  from: string | null;
  to: string;
  reasonCode: string | null;
  reasonLabel: string | null;
  count: number;
  share: number;
}

/** The parts of GET /api/v1/reports/funnel the dashboard reads. */
export interface FunnelHealth {
  from: string;
  to: string;
  counts: { leads: number; reached: Record<string, number>; current: Record<string, number> };
  conversion: Array<{
    from: FunnelStage;
    to: FunnelStage;
    reached: number;
    converted: number;
    rate: number | null;
  }>;
  leakage: Leak[];
  speedToLead: { rows: SpeedRow[]; attainment: { sales: Attainment[]; marketing: Attainment[] } };
}

export interface Window {
  from: string;
  to: string;
}

/** Funnel health for the window: counts, conversion, leakage, speed-to-lead and SLA attainment. */
export function useFunnelHealth(window: Window, enabled: boolean) {
  return useQuery({
    queryKey: ['reports', 'funnel', window],
    queryFn: () => api<FunnelHealth>('/api/v1/reports/funnel', { query: { ...window } }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

/**
 * Marketing's sourced and influenced share of the pipeline created in the window. One model is
 * enough: the shares do not depend on the attribution model.
 */
export function useMarketingShare(window: Window) {
  return useQuery({
    queryKey: ['reports', 'marketing-share', window],
    queryFn: () =>
      api<{ currency: string; marketing: { pipeline: MarketingShare; revenue: MarketingShare } }>(
        '/api/v1/reports/attribution',
        { query: { model: 'first_touch', ...window } },
      ),
    placeholderData: keepPreviousData,
  });
}
