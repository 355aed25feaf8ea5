import type { LeadStage } from '@tandem/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../lib/api.js';
import { useActiveContract } from '../contract/contract-api.js';
import { type AppNotification, useNotificationListener } from '../notifications/notifications-api.js';
import type { SlaClock } from './countdown.js';

/** One open lead of `GET /api/v1/inbox` (and of the team queue). */
export interface InboxItem {
  id: string;
  stage: LeadStage;
  funnel: string;
  /** Null in the team queue. */
  ownerId: string | null;
  fitGrade: string | null;
  fitPoints: number;
  interest: number;
  source: string | null;
  assignedAt: string | null;
  contact: { id: string; name: string | null; email: string | null; title: string | null };
  account: { id: string; name: string } | null;
  clocks: SlaClock[];
  nextDueAt: string | null;
}

/** `GET /api/v1/leads/{id}/handoff`. */
export interface Handoff {
  id: string;
  stage: LeadStage;
  ownerId: string | null;
  assignedAt: string | null;
  history: Array<{
    from_stage: LeadStage | null;
    to_stage: LeadStage;
    at: string;
    cause: string;
    actor_id: string | null;
    reason_code: string | null;
    note: string | null;
    contract_version: number | null;
  }>;
  clocks: SlaClock[];
  activities: Array<{
    id: string;
    kind: string;
    user_id: string | null;
    occurred_at: string;
    subject: string | null;
    note: string | null;
  }>;
  account: { id: string; name: string } | null;
  accountPeople: Array<{
    id: string;
    name: string | null;
    title: string | null;
    stage: LeadStage | null;
    /** Their open lead, if any. */
    leadId: string | null;
  }>;
}

export interface TimelineEvent {
  id: string;
  type: string;
  name: string | null;
  occurredAt: string;
  pageUrl: string | null;
}

export interface SalesRep {
  id: string;
  name: string;
  role: string;
  active: boolean;
  outOfOffice: boolean;
}

/** Every hand-off query starts with this key, so one invalidation refreshes them all. */
export const handoffKey = ['handoff'] as const;
const inboxKey = [...handoffKey, 'inbox'] as const;
const queueKey = [...handoffKey, 'queue'] as const;
export const leadHandoffKey = (id: string) => [...handoffKey, 'lead', id] as const;

export function useInbox() {
  return useQuery({
    queryKey: inboxKey,
    queryFn: () => api<{ items: InboxItem[] }>('/api/v1/inbox').then((r) => r.items),
  });
}

export function useTeamQueue() {
  return useQuery({
    queryKey: queueKey,
    queryFn: () => api<{ items: InboxItem[] }>('/api/v1/inbox/queue').then((r) => r.items),
  });
}

export function useLeadHandoff(id: string) {
  return useQuery({
    queryKey: leadHandoffKey(id),
    queryFn: () => api<Handoff>(`/api/v1/leads/${encodeURIComponent(id)}/handoff`),
  });
}

/** The contact's events, newest first, a page at a time (`cursor` from the previous page). */
export function useContactEvents(contactId: string | null, cursor: string | null) {
  return useQuery({
    queryKey: [...handoffKey, 'events', contactId, cursor],
    enabled: contactId !== null,
    queryFn: () =>
      api<{ items: TimelineEvent[]; nextCursor: string | null }>(
        `/api/v1/contacts/${encodeURIComponent(contactId ?? '')}/events`,
        { query: { limit: 20, cursor } },
      ),
  });
}

/** Reps a manager or admin may hand a lead to (the team view lists them with their load). */
export function useSalesReps(enabled: boolean) {
  return useQuery({
    queryKey: [...handoffKey, 'reps'],
    enabled,
    queryFn: () => api<{ reps: SalesRep[] }>('/api/v1/team/handoff').then((r) => r.reps),
  });
}

export interface ReasonOption {
  code: string;
  label: string;
}

/**
 * The reason lists of the contract in force. Disqualifications use the reject list, as the
 * server's lifecycle policy does.
 */
export function useContractReasons() {
  const contract = useActiveContract();
  const reasons = contract.data?.document.reasons;
  const list = (items: ReadonlyArray<{ code: string; label?: string }> | undefined): ReasonOption[] =>
    (items ?? []).map((r) => ({ code: r.code, label: r.label ?? r.code }));
  return {
    isPending: contract.isPending,
    error: contract.error,
    reject: list(reasons?.reject),
    recycle: list(reasons?.recycle),
    disqualify: list(reasons?.reject),
  };
}

export type ReturnType = 'reject' | 'recycle' | 'disqualify';
export type ActivityKind = 'call' | 'email' | 'meeting' | 'note';

export type LeadCommand =
  | { type: 'accept' | 'qualify' | 'claim' }
  | { type: ReturnType; reasonCode: string; note?: string }
  | { type: 'activity'; kind: ActivityKind; subject?: string; note?: string }
  | {
      type: 'convert';
      amountCents: number;
      currency: string;
      closeDate: string;
      name?: string;
      contactRoles: Array<{ contactId: string; role: string; primary?: boolean }>;
    }
  | { type: 'reassign'; userId?: string };

function send(leadId: string, command: LeadCommand): Promise<unknown> {
  const path = `/api/v1/leads/${encodeURIComponent(leadId)}`;
  const { type, ...body } = command;
  const endpoint = type === 'activity' ? 'activities' : type;
  const hasBody = Object.keys(body).length > 0 || type === 'reassign';
  return api(`${path}/${endpoint}`, { method: 'POST', ...(hasBody ? { body } : {}) });
}

/**
 * One sales action on a lead. Success or failure, the hand-off views and the lead refresh: a
 * 409 means someone else moved the lead, and the page should show where it stands now.
 */
export function useLeadCommand(leadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (command: LeadCommand) => send(leadId, command),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: handoffKey }),
        client.invalidateQueries({ queryKey: ['lead', leadId] }),
        client.invalidateQueries({ queryKey: ['leads'] }),
      ]),
  });
}

const liveTypes = /^(lead\.|sla\.)/;

/** Refreshes the hand-off views when a lead or SLA notification arrives on the live stream. */
export function useLiveHandoff(): void {
  const client = useQueryClient();
  const listener = useCallback(
    (notification: Pick<AppNotification, 'type'>) => {
      if (liveTypes.test(notification.type)) void client.invalidateQueries({ queryKey: handoffKey });
    },
    [client],
  );
  useNotificationListener(listener);
}
