import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export type OpportunityStatus = 'open' | 'won' | 'lost';

export interface ContactRole {
  contactId: string;
  role: string;
  isPrimary: boolean;
  name: string | null;
  email: string | null;
}

export interface Opportunity {
  id: string;
  name: string;
  account: { id: string; name: string | null } | null;
  amountCents: number;
  currency: string;
  stage: string;
  probability: number;
  closeDate: string | null;
  status: OpportunityStatus;
  closedAt: string | null;
  wonReason: string | null;
  lostReason: string | null;
  sourceLeadId: string | null;
  ownerId: string | null;
  partnerId: string | null;
  createdAt: string;
  updatedAt: string;
  contactRoles?: ContactRole[];
}

export interface PipelineStage {
  key: string;
  name: string;
  probability: number;
  outcome: OpportunityStatus;
}

export interface DealTouch {
  id: string;
  at: string;
  source: string;
  kind: string;
  channel: string;
  campaign: { id: string; name: string | null } | null;
  contactId: string | null;
  /** Cents per model name. */
  credits: Record<string, number>;
}

export interface DealAttribution {
  opportunity: { id: string; name: string; amountCents: number; currency: string; status: string };
  basis: 'pipeline' | 'revenue';
  conversionAt: string;
  models: string[];
  touches: DealTouch[];
  unattributed: Record<string, number>;
  totals: Record<string, number>;
}

export function useOpportunities(status: OpportunityStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['opportunities', { status: status ?? null }],
    queryFn: ({ pageParam }) =>
      api<{ items: Opportunity[]; nextCursor: string | null }>('/api/v1/opportunities', {
        query: { limit: 50, status, cursor: pageParam },
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useOpportunity(id: string) {
  return useQuery({
    queryKey: ['opportunities', id],
    queryFn: () => api<Opportunity>(`/api/v1/opportunities/${id}`),
  });
}

export function useDealAttribution(id: string, halfLifeDays: number | undefined) {
  return useQuery({
    queryKey: ['opportunities', id, 'attribution', halfLifeDays ?? null],
    queryFn: () =>
      api<DealAttribution>(`/api/v1/opportunities/${id}/attribution`, { query: { halfLifeDays } }),
  });
}

export function usePipelineStages() {
  return useQuery({
    queryKey: ['pipeline-stages'],
    queryFn: () => api<{ items: PipelineStage[] }>('/api/v1/pipeline-stages').then((r) => r.items),
    staleTime: 60_000,
  });
}
