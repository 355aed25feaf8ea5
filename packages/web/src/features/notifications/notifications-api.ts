import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../../lib/api.js';

export interface AppNotification {
  id: string;
  type: string;
  subject: { type: string; id: string };
  title: string;
  body: string;
  data: Record<string, unknown>;
  occurredAt: string;
  readAt: string | null;
  /** Path of the subject in the app, e.g. /leads/<id>. */
  link: string;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unreadCount: number;
}

const notificationKeys = { all: ['notifications'] as const };

/** The latest notifications and the unread count (the bell and the page share it). */
export function useNotifications(limit = 20) {
  return useQuery({
    queryKey: [...notificationKeys.all, limit],
    queryFn: () => api<NotificationPage>('/api/v1/notifications', { query: { limit } }),
  });
}

export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) =>
      api<{ updated: number; unreadCount: number }>('/api/v1/notifications/read', {
        method: 'POST',
        body: { ids },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function useMarkAllRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      api<{ updated: number; unreadCount: number }>('/api/v1/notifications/read-all', { method: 'POST' }),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

/**
 * Keeps the notification queries live: one EventSource on the stream (the session cookie
 * authenticates it; the browser reconnects by itself with Last-Event-ID), and every event
 * refreshes the lists and the count.
 */
export function useLiveNotifications(): void {
  const client = useQueryClient();
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/notifications/stream');
    const refresh = () => void client.invalidateQueries({ queryKey: notificationKeys.all });
    source.addEventListener('notification', (event) => {
      refresh();
      tellListeners(event);
    });
    // After a reconnect, catch up on what the stream could not tell (read marks from another tab).
    source.addEventListener('open', refresh);
    return () => source.close();
  }, [client]);
}

type NotificationListener = (notification: Pick<AppNotification, 'type' | 'subject' | 'data'>) => void;
const listeners = new Set<NotificationListener>();

function tellListeners(event: Event): void {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return;
  let notification: AppNotification | undefined;
  try {
    notification = (JSON.parse(event.data) as { notification?: AppNotification }).notification;
  } catch {
    return;
  }
  if (notification) for (const listener of listeners) listener(notification);
}

/**
 * Hears each notification the live stream delivers (the one stream `useLiveNotifications` opens),
 * so a page can refresh what the notification is about. Pass a stable callback.
 */
export function useNotificationListener(listener: NotificationListener): void {
  useEffect(() => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [listener]);
}
