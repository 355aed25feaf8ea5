import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../lib/api.js';
import { useNotifications } from '../notifications/notifications-api.js';

export interface RepLoad {
  id: string;
  name: string;
  role: string;
  outOfOffice: boolean;
  active: boolean;
  load: { mql: number; accepted: number; sql: number };
  openClocks: number;
  breached: number;
}

export interface Breach {
  leadId: string;
  leadName: string | null;
  id: string;
  kind: string;
  assigneeId: string | null;
  startedAt: string;
  warnAt: string;
  dueAt: string;
  escalationLevel: number;
}

export interface TeamHandoff {
  reps: RepLoad[];
  breaches: Breach[];
}

export interface RepCapacity {
  userId: string;
  name: string;
  teamId: string | null;
  active: boolean;
  outOfOffice: boolean;
  capacity: number | null;
  weight: number;
  load: number;
}

export interface OpenLead {
  id: string;
  stage: string;
  contact: { id: string; name: string | null; email: string | null };
  account: { id: string; name: string } | null;
  nextDueAt: string | null;
}

export const teamKeys = {
  all: ['team'] as const,
  handoff: ['team', 'handoff'] as const,
  capacity: ['team', 'capacity'] as const,
  openLeads: (ownerId: string) => ['team', 'open-leads', ownerId] as const,
};

export function useTeamHandoff() {
  return useQuery({
    queryKey: teamKeys.handoff,
    queryFn: () => api<TeamHandoff>('/api/v1/team/handoff'),
  });
}

/** Reps with capacity cap and load (routing's view). */
export function useRepCapacity(enabled = true) {
  return useQuery({
    queryKey: teamKeys.capacity,
    enabled,
    queryFn: async () => (await api<{ items: RepCapacity[] }>('/api/v1/routing/capacity')).items,
  });
}

/** A rep's open leads (the inbox as their manager sees it), for reassigning one. */
export function useOpenLeadsOf(ownerId: string | null) {
  return useQuery({
    queryKey: teamKeys.openLeads(ownerId ?? ''),
    enabled: ownerId !== null,
    queryFn: async () =>
      (await api<{ items: OpenLead[] }>('/api/v1/inbox', { query: { ownerId, limit: 200 } })).items,
  });
}

/** Reassigns a lead to a rep, or (no userId) to whoever routing picks next. */
export function useReassign() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ leadId, userId }: { leadId: string; userId?: string }) =>
      api<{ assigneeId: string | null }>(`/api/v1/leads/${encodeURIComponent(leadId)}/reassign`, {
        method: 'POST',
        body: userId ? { userId } : {},
      }),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: teamKeys.all }),
        client.invalidateQueries({ queryKey: ['leads'] }),
      ]),
  });
}

/**
 * Refreshes a view (the team view by default) whenever a notification arrives: the notification
 * stream (kept live by the shell) refreshes the notification list, and a new list means something
 * happened.
 */
export function useRefreshOnNotifications(queryKey: readonly unknown[] = teamKeys.all): void {
  const client = useQueryClient();
  const { dataUpdatedAt } = useNotifications();
  const seen = useRef(dataUpdatedAt);
  const key = JSON.stringify(queryKey);
  useEffect(() => {
    if (dataUpdatedAt === seen.current) return;
    seen.current = dataUpdatedAt;
    void client.invalidateQueries({ queryKey: JSON.parse(key) as unknown[] });
  }, [client, dataUpdatedAt, key]);
}
