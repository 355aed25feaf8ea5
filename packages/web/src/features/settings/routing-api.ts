import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import { teamKeys } from '../team/team-api.js';
import type { BusinessHours } from './business-hours.js';
import type { RoutingRule } from './routing-rules.js';

export interface RoutingRules {
  funnel: string;
  rules: RoutingRule[];
  updatedAt: string | null;
}

export interface DryRun {
  assigneeId: string | null;
  assigneeName: string | null;
  ruleId: string | null;
  explanation: string[];
}

export interface TeamHours {
  teamId: string | null;
  hours: BusinessHours;
  updatedAt: string;
}

const routingKeys = {
  rules: ['settings', 'routing', 'rules'] as const,
  hours: ['settings', 'business-hours'] as const,
};

export function useRoutingRules() {
  return useQuery({
    queryKey: routingKeys.rules,
    queryFn: () => api<RoutingRules>('/api/v1/routing/rules'),
  });
}

export function useSaveRoutingRules() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rules: RoutingRule[]) =>
      api<void>('/api/v1/routing/rules', { method: 'PUT', body: { rules } }),
    onSuccess: () => client.invalidateQueries({ queryKey: routingKeys.rules }),
  });
}

export function useDryRun() {
  return useMutation({
    mutationFn: (leadId: string) =>
      api<DryRun>('/api/v1/routing/dry-run', { method: 'POST', body: { leadId } }),
  });
}

export function useBusinessHours() {
  return useQuery({
    queryKey: routingKeys.hours,
    queryFn: async () => (await api<{ items: TeamHours[] }>('/api/v1/business-hours')).items,
  });
}

export function useSaveBusinessHours() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ team, hours }: { team: string; hours: BusinessHours }) =>
      api<void>(`/api/v1/business-hours/${encodeURIComponent(team)}`, { method: 'PUT', body: hours }),
    onSuccess: () => client.invalidateQueries({ queryKey: routingKeys.hours }),
  });
}

export function useSaveCapacity() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, capacity, weight }: { userId: string; capacity: number | null; weight: number }) =>
      api<void>(`/api/v1/routing/capacity/${encodeURIComponent(userId)}`, {
        method: 'PUT',
        body: { capacity, weight },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: teamKeys.all }),
  });
}
