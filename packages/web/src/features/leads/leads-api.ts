import type { LeadStage } from '@tandem/contracts';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export interface LeadListItem {
  id: string;
  stage: LeadStage;
  fitGrade: string | null;
  fitPoints: number;
  /** Interest as stored at `interestAt`; it decays from there. */
  interest: number;
  interestAt: string | null;
  /** Interest now: the stored value decayed with the contract's half-life by the server. */
  interestNow: number;
  contact: { id: string; name: string | null; email: string | null; accountId: string | null };
  owner: { id: string; name: string } | null;
}

/** One lead as `GET /api/v1/leads/{id}` answers it. */
export interface Lead extends LeadListItem {
  funnel: string;
  source: string | null;
  teamId: string | null;
  partnerId: string | null;
  contractVersion: number | null;
  mqlAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LeadPage {
  items: LeadListItem[];
  nextCursor: string | null;
}

const pageSize = 50;

export function fetchLeads(query: { stage?: LeadStage; cursor?: string; limit?: number }): Promise<LeadPage> {
  return api<LeadPage>('/api/v1/leads', { query: { limit: pageSize, ...query } });
}

/** The leads the viewer may see (the server applies role access), newest first, page by page. */
export function useLeads(stage: LeadStage | undefined, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['leads', { stage: stage ?? null }],
    enabled,
    queryFn: ({ pageParam }) =>
      fetchLeads({ ...(stage ? { stage } : {}), ...(pageParam ? { cursor: pageParam } : {}) }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** How many leads the viewer can see, counted up to `cap` (the list API pages with cursors). */
export function useVisibleLeadCount(enabled: boolean, cap = 100) {
  return useQuery({
    queryKey: ['leads', 'count', cap],
    enabled,
    queryFn: async () => {
      const page = await fetchLeads({ limit: cap });
      return { count: page.items.length, more: page.nextCursor !== null, items: page.items };
    },
  });
}
