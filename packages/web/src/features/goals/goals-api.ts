import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { FunnelStage } from '../dashboard/dashboard-api.js';

export interface Goal {
  id: string;
  name: string;
  /** YYYY-MM-DD, both days included. */
  periodStart: string;
  periodEnd: string;
  targetCents: number;
  currency: string;
  funnel: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface GoalInput {
  name: string;
  periodStart: string;
  periodEnd: string;
  targetCents: number;
  currency: string;
}

export interface Pace {
  actual: number;
  required: number | null;
  expectedByNow: number | null;
  onTrack: boolean | null;
}

/** GET /api/v1/goals/{id}/plan: the reverse funnel and progress against it. */
export interface GoalPlan {
  goal: Goal;
  asOf: string;
  measuredFrom: string;
  measuredTo: string;
  rates: Record<string, number | null>;
  averageDealCents: number | null;
  wonDealsMeasured: number;
  reverseFunnel: { required: Record<FunnelStage, number | null>; blockedAt: FunnelStage | null };
  elapsedShare: number;
  revenue: {
    targetCents: number;
    wonCents: number;
    openWeightedCents: number;
    projectedCents: number;
    gapCents: number;
    pace: Pace;
  };
  marketing: { leads: Pace; mqls: Pace; sourcedPipelineCents: Pace };
  sales: { sqls: Pace; opportunities: Pace; won: Pace; revenueCents: Pace };
  onTrack: boolean;
}

export function useGoals(enabled = true) {
  return useQuery({
    queryKey: ['goals'],
    queryFn: () => api<{ items: Goal[] }>('/api/v1/goals').then((r) => r.items),
    enabled,
  });
}

export function useGoalPlan(id: string | null, lookbackDays?: number) {
  return useQuery({
    queryKey: ['goals', id, 'plan', lookbackDays ?? null],
    queryFn: () => api<GoalPlan>(`/api/v1/goals/${id}/plan`, { query: { lookbackDays } }),
    enabled: id !== null,
    placeholderData: keepPreviousData,
  });
}

/** Creates a goal (no id) or changes one; the list and every plan are read again. */
export function useSaveGoal(id: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: GoalInput) =>
      id
        ? api<Goal>(`/api/v1/goals/${id}`, { method: 'PATCH', body: input })
        : api<Goal>('/api/v1/goals', { method: 'POST', body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['goals'] }),
  });
}

export function useDeleteGoal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/goals/${id}`, { method: 'DELETE' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['goals'] }),
  });
}
