import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';
import type { RequestKind, RequestMove, RequestStatus } from './board.js';

export interface MarketingRequest {
  id: string;
  kind: RequestKind;
  title: string;
  detail: string | null;
  status: RequestStatus;
  requestedBy: string | null;
  requestedByName: string | null;
  assigneeName: string | null;
  teamId: string | null;
  assigneeId: string | null;
  leadId: string | null;
  accountId: string | null;
  opportunityId: string | null;
  declineReason: string | null;
  resolutionNote: string | null;
  createdAt: string;
  acceptedAt: string | null;
  deliveredAt: string | null;
  declinedAt: string | null;
  clock: {
    dueAt: string;
    warnAt: string;
    stoppedAt: string | null;
    outcome: string | null;
    escalationLevel: number;
  } | null;
}

export interface CreateRequestInput {
  kind: RequestKind;
  title: string;
  detail?: string;
  leadId?: string;
  accountId?: string;
  opportunityId?: string;
}

export const requestsKey = ['requests'] as const;

export function useRequests() {
  return useQuery({
    queryKey: requestsKey,
    queryFn: async () => (await api<{ items: MarketingRequest[] }>('/api/v1/requests')).items,
  });
}

export function useCreateRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateRequestInput) =>
      api<MarketingRequest>('/api/v1/requests', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: requestsKey }),
  });
}

export function useAnswerRequest() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      move,
      reason,
      note,
    }: {
      id: string;
      move: RequestMove;
      reason?: string;
      note?: string;
    }) =>
      api<MarketingRequest>(`/api/v1/requests/${encodeURIComponent(id)}/${move}`, {
        method: 'POST',
        body: { ...(reason !== undefined ? { reason } : {}), ...(note ? { note } : {}) },
      }),
    // A refused move (someone else answered first) also means the board is stale.
    onSettled: () => client.invalidateQueries({ queryKey: requestsKey }),
  });
}
