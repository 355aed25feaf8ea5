import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  notificationId: string | null;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  replays: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: string;
}

export interface Webhook {
  id: string;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  createdAt: string;
  lastDelivery: WebhookDelivery | null;
}

export interface CreatedWebhook extends Webhook {
  /** Shown once: the signing secret. */
  secret: string;
}

const keys = {
  all: ['settings', 'webhooks'] as const,
  deliveries: (id: string, status: DeliveryStatus | null) =>
    ['settings', 'webhooks', id, 'deliveries', status] as const,
  eventTypes: ['settings', 'webhooks', 'event-types'] as const,
};

export function useWebhooks() {
  return useQuery({
    queryKey: keys.all,
    queryFn: async () => (await api<{ items: Webhook[] }>('/api/v1/webhooks')).items,
  });
}

export function useWebhookEventTypes() {
  return useQuery({
    queryKey: keys.eventTypes,
    queryFn: async () => (await api<{ items: string[] }>('/api/v1/webhooks/event-types')).items,
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useDeliveries(id: string | null, status: DeliveryStatus | null) {
  return useQuery({
    queryKey: keys.deliveries(id ?? '', status),
    enabled: id !== null,
    queryFn: async () =>
      (
        await api<{ items: WebhookDelivery[] }>(`/api/v1/webhooks/${id}/deliveries`, {
          query: { status: status ?? undefined },
        })
      ).items,
  });
}

function useWebhookMutation<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: keys.all }) });
}

export const useCreateWebhook = () =>
  useWebhookMutation((input: { url: string; events: string[]; description?: string }) =>
    api<CreatedWebhook>('/api/v1/webhooks', { method: 'POST', body: input }),
  );

export const useUpdateWebhook = () =>
  useWebhookMutation((input: { id: string; active?: boolean }) =>
    api<Webhook>(`/api/v1/webhooks/${input.id}`, { method: 'PATCH', body: { active: input.active } }),
  );

export const useDeleteWebhook = () =>
  useWebhookMutation((id: string) => api<void>(`/api/v1/webhooks/${id}`, { method: 'DELETE' }));

export const useSendTestEvent = () =>
  useWebhookMutation((id: string) => api<WebhookDelivery>(`/api/v1/webhooks/${id}/test`, { method: 'POST' }));

export const useReplayDelivery = () =>
  useWebhookMutation((d: { endpointId: string; id: string }) =>
    api<WebhookDelivery>(`/api/v1/webhooks/${d.endpointId}/deliveries/${d.id}/replay`, { method: 'POST' }),
  );
