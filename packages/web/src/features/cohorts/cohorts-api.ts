import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export interface CohortReport {
  asOf: string;
  months: string[];
  withinDays: number;
  funnel: string | null;
  timeZone: string;
  cohorts: Array<{
    month: string;
    size: number;
    complete: boolean;
    reached: Array<{ stage: string; count: number; share: number }>;
  }>;
}

export interface CohortQuery {
  months: number;
  withinDays: number;
}

export const cohortsPath = '/api/v1/reports/funnel/cohorts';

export function useCohorts(query: CohortQuery) {
  return useQuery({
    queryKey: ['reports', 'cohorts', query],
    queryFn: () => api<CohortReport>(cohortsPath, { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}
