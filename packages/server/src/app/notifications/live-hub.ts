import type { DbHandle } from '../../store/db.js';
import type { Executor } from '../../store/executor.js';
import {
  findNotificationWithRecipients,
  type InboxItem,
  notificationChannel,
  recipientsSince,
} from '../../store/notification.repo.js';

/** One open live stream: a user's, told of each notification addressed to them. */
export interface LiveSubscriber {
  workspaceId: string;
  userId: string;
  push(item: InboxItem): void;
  /** Ends the stream (the server is stopping). */
  end(): void;
}

export interface LiveHub {
  /** 'listen' when woken by PostgreSQL NOTIFY, 'poll' when it reads the table on a timer. */
  readonly mode: 'listen' | 'poll';
  subscribe(subscriber: LiveSubscriber): () => void;
  /** Ends every stream and stops listening. */
  close(): Promise<void>;
}

interface HubLog {
  warn(fields: object, message: string): void;
}

/**
 * Pushes committed notifications to this process's open streams. notify() runs pg_notify in
 * its transaction, which PostgreSQL delivers only on commit (never after a rollback), to every
 * process listening, so each server process pushes to its own clients. Where LISTEN is not
 * available (or its connection drops) the hub polls the table every `pollMs` instead.
 */
export async function createLiveHub(deps: {
  db: Executor;
  listen?: DbHandle['listen'];
  log: HubLog;
  pollMs?: number;
}): Promise<LiveHub> {
  const subscribers = new Set<LiveSubscriber>();
  let mode: 'listen' | 'poll' = 'poll';
  let stopListening: (() => Promise<void>) | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let pollCursor: string | undefined;
  let closed = false;

  async function wake(workspaceId: string, notificationId: string): Promise<void> {
    const listeners = [...subscribers].filter((s) => s.workspaceId === workspaceId);
    if (listeners.length === 0) return;
    const found = await findNotificationWithRecipients(deps.db, workspaceId, notificationId);
    if (!found) return;
    const recipients = new Set(found.userIds);
    for (const subscriber of listeners) {
      if (!recipients.has(subscriber.userId)) continue;
      const readAt = await deps.db
        .selectFrom('notification_recipient')
        .select('read_at')
        .where('workspace_id', '=', workspaceId)
        .where('notification_id', '=', notificationId)
        .where('user_id', '=', subscriber.userId)
        .executeTakeFirst();
      subscriber.push({ ...found.notification, read_at: readAt?.read_at ?? null });
    }
  }

  const onPayload = (payload: string) => {
    try {
      const { w, n } = JSON.parse(payload) as { w: string; n: string };
      wake(w, n).catch((error: unknown) =>
        deps.log.warn({ error: String(error) }, 'live notification push failed'),
      );
    } catch {
      // Not ours: ignore.
    }
  };

  async function poll(): Promise<void> {
    if (closed || subscribers.size === 0) return;
    const userIds = [...new Set([...subscribers].map((s) => s.userId))];
    const rows = await recipientsSince(deps.db, { afterId: pollCursor ?? '', userIds, limit: 200 });
    for (const row of rows) {
      pollCursor = row.notification_id;
      await wake(row.workspace_id, row.notification_id);
    }
  }

  async function startPolling(): Promise<void> {
    mode = 'poll';
    const latest = await deps.db
      .selectFrom('notification')
      .select('id')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    pollCursor ??= latest?.id ?? '00000000-0000-0000-0000-000000000000';
    const tick = () => {
      pollTimer = setTimeout(() => {
        poll()
          .catch((error: unknown) => deps.log.warn({ error: String(error) }, 'notification poll failed'))
          .finally(() => {
            if (!closed) tick();
          });
      }, deps.pollMs ?? 2_000);
      pollTimer.unref();
    };
    tick();
  }

  if (deps.listen) {
    try {
      stopListening = await deps.listen(notificationChannel, onPayload, (error) => {
        deps.log.warn({ error: error.message }, 'notification LISTEN connection lost; polling instead');
        if (!closed && mode === 'listen') void startPolling();
      });
      mode = 'listen';
    } catch (error) {
      deps.log.warn({ error: String(error) }, 'LISTEN unavailable; polling for notifications');
    }
  }
  if (mode === 'poll') await startPolling();

  return {
    get mode() {
      return mode;
    },
    subscribe(subscriber) {
      subscribers.add(subscriber);
      return () => {
        subscribers.delete(subscriber);
      };
    },
    async close() {
      closed = true;
      clearTimeout(pollTimer);
      for (const subscriber of subscribers) subscriber.end();
      subscribers.clear();
      await stopListening?.();
    },
  };
}
