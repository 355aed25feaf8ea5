import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { FunnelStage } from '../dashboard/dashboard-api.js';

interface Money {
  count: number;
  amountCents: number;
  weightedCents: number;
}

export interface ForecastReport {
  asOf: string;
  currency: string;
  funnel: string | null;
  pipeline: {
    stages: Array<{ stage: string } & Money>;
    months: Array<{ month: string } & Money>;
    amountCents: number;
    weightedCents: number;
    undated: number;
  };
  funnelForecast: {
    asOf: string;
    measuredFrom: string;
    horizonEnd: string | null;
    rates: Record<string, number | null>;
    averageDealCents: number | null;
    stageMedianMs: Record<string, number | null>;
    stages: Array<{
      stage: FunnelStage;
      count: number;
      winProbability: number | null;
      inHorizon: number;
      expectedRevenueCents: number;
    }>;
    expectedRevenueCents: number;
  };
  accuracy: {
    madeAt: string;
    forecastCents: number;
    actualCents: number;
    wonDeals: number;
    allWonCents: number;
    errorCents: number;
    absolutePercentError: number | null;
    accuracy: number | null;
  };
  totalExpectedCents: number;
}

export interface ForecastQuery {
  horizonDays?: number | undefined;
  accuracyDays: number;
  lookbackDays: number;
}

export const forecastPath = '/api/v1/reports/forecast';

export function useForecast(query: ForecastQuery) {
  return useQuery({
    queryKey: ['reports', 'forecast', query],
    queryFn: () => api<ForecastReport>(forecastPath, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}
