import type { LeadStage } from '@tandem/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { ReasonCount } from './reason-labels.js';

export interface ReturnedLead {
  leadId: string;
  leadName: string | null;
  actorName: string | null;
  action: string;
  fromStage: LeadStage | null;
  toStage: LeadStage;
  at: string;
  actorId: string | null;
  reasonCode: string | null;
  note: string | null;
  contractVersion: number | null;
  currentStage: LeadStage;
}

export interface ReturnedLeads {
  items: ReturnedLead[];
  byReason: ReasonCount[];
}

/** Leads sales returned to marketing in a range (the server's default: the last 90 days). */
export function useReturnedLeads(range: { from?: string; to?: string }) {
  return useQuery({
    queryKey: ['returned-leads', range],
    queryFn: () => api<ReturnedLeads>('/api/v1/leads/returned', { query: { ...range, limit: 500 } }),
    placeholderData: keepPreviousData,
  });
}
