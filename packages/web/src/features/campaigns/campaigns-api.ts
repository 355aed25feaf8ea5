import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export interface CampaignUtm {
  campaign: string | null;
  sourcePattern: string | null;
  mediumPattern: string | null;
}

export interface Campaign {
  id: string;
  name: string;
  channel: string;
  ownerTeamId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  /** Fixed cost, counted when the campaign has no monthly costs. */
  costCents: number;
  utm: CampaignUtm;
  requestedBySales: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A campaign as the list answers it: with what it has cost so far. */
export interface ListedCampaign extends Campaign {
  costToDateCents: number;
}

export interface CampaignCost {
  /** YYYY-MM */
  month: string;
  amountCents: number;
  currency: string;
}

export interface CampaignInput {
  name: string;
  channel: string;
  ownerTeamId: string | null;
  startsOn: string | null;
  endsOn: string | null;
  costCents: number;
  utm: CampaignUtm;
  requestedBySales: boolean;
}

export interface TeamOption {
  id: string;
  name: string;
  kind: string;
}

export function useCampaigns() {
  return useQuery({
    queryKey: ['campaigns'],
    queryFn: () => api<{ items: ListedCampaign[] }>('/api/v1/campaigns').then((r) => r.items),
  });
}

export function useCampaign(id: string) {
  return useQuery({
    queryKey: ['campaigns', id],
    queryFn: () => api<Campaign>(`/api/v1/campaigns/${id}`),
  });
}

export function useCampaignCosts(id: string) {
  return useQuery({
    queryKey: ['campaigns', id, 'costs'],
    queryFn: () => api<{ items: CampaignCost[] }>(`/api/v1/campaigns/${id}/costs`).then((r) => r.items),
  });
}

/** The workspace's teams, for the owner-team field (every role may read them). */
export function useTeamOptions() {
  return useQuery({
    queryKey: ['teams'],
    queryFn: () => api<{ items: TeamOption[] }>('/api/v1/teams').then((r) => r.items),
    staleTime: 60_000,
  });
}

export function useSaveCampaign(id: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CampaignInput) =>
      id
        ? api<Campaign>(`/api/v1/campaigns/${id}`, { method: 'PATCH', body: input })
        : api<Campaign>('/api/v1/campaigns', { method: 'POST', body: input }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['attribution'] });
    },
  });
}

export function useSetMonthCost(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { month: string; amountCents: number | null }) =>
      input.amountCents === null
        ? api<void>(`/api/v1/campaigns/${id}/costs/${input.month}`, { method: 'DELETE' })
        : api<void>(`/api/v1/campaigns/${id}/costs/${input.month}`, {
            method: 'PUT',
            body: { amountCents: input.amountCents },
          }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['campaigns'] });
      void client.invalidateQueries({ queryKey: ['attribution'] });
    },
  });
}
