import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLiveHub } from '../src/app/notifications/live-hub.js';
import { type NotificationInput, notify } from '../src/app/notifications/notify.js';
import { createUser, createWorkspace, systemActor } from '../src/app/workspaces.js';
import { createTestApp, type TestApp } from './app.js';

const password = 'correct horse battery staple';

interface StreamEvent {
  id: string;
  event: string;
  data: { notification: { id: string; title: string; link: string }; unreadCount: number };
}

/** An open text/event-stream connection and the events parsed from it. */
function openStream(base: string, token: string, lastEventId?: string) {
  const events: StreamEvent[] = [];
  const comments: string[] = [];
  let buffer = '';
  let status = 0;
  let contentType = '';
  const request = http.get(
    `${base}/api/v1/notifications/stream`,
    {
      headers: {
        cookie: `tandem_session=${token}`,
        ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
      },
    },
    (response) => {
      status = response.statusCode ?? 0;
      contentType = String(response.headers['content-type']);
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else {
              const at = line.indexOf(':');
              fields.set(line.slice(0, at), line.slice(at + 1).trim());
            }
          }
          if (fields.get('event') === 'notification')
            events.push({
              id: fields.get('id')!,
              event: 'notification',
              data: JSON.parse(fields.get('data')!),
            });
          cut = buffer.indexOf('\n\n');
        }
      });
    },
  );
  request.on('error', () => undefined);
  return {
    events,
    comments,
    status: () => status,
    contentType: () => contentType,
    titles: () => events.map((e) => e.data.notification.title),
    close: () => request.destroy(),
  };
}

/** Waits (bounded) until `check` holds; the bound only keeps a broken build from hanging. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never happened: ${what}`);
}

describe('in-app inbox and live stream', () => {
  let t: TestApp;
  let base: string;
  let workspaceId: string;
  const users: Record<'rita' | 'otto', { id: string; token: string; csrf: string }> = {} as never;
  let n = 0;

  const input = (to: string[], title: string): NotificationInput => ({
    workspaceId,
    type: 'lead.assigned',
    recipientUserIds: to,
    subject: { type: 'lead', id: '0195f000-0000-7000-8000-00000000000a' },
    title,
    body: 'Routed by territory.',
    data: {},
    occurredAt: new Date(Date.UTC(2026, 2, 2, 9, 0, n++)),
    skipEmail: true,
  });
  const commit = (to: string[], title: string) =>
    t.handle.db.transaction().execute((trx) => notify(trx, input(to, title)));

  beforeAll(async () => {
    t = await createTestApp();
    const db = t.handle.db;
    workspaceId = (await createWorkspace(db, { name: 'Live' })).id;
    for (const who of ['rita', 'otto'] as const) {
      const email = `${who}@live.test`;
      const user = await createUser(
        db,
        { workspaceId, email, name: who, role: 'sales_rep', team: null, partnerId: null, password },
        systemActor,
      );
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password },
      });
      expect(res.statusCode, res.body).toBe(200);
      users[who] = { id: user.id, token: res.cookies[0]!.value, csrf: res.json().csrfToken };
    }
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('wakes up by LISTEN/NOTIFY on both engines', () => {
    expect(t.app.liveHub.mode).toBe('listen');
  });

  it('a committed notification reaches the recipient’s open stream, not another user’s', async () => {
    const rita = openStream(base, users.rita.token);
    const otto = openStream(base, users.otto.token);
    try {
      await eventually(
        () => rita.comments.includes('connected') && otto.comments.includes('connected'),
        'connected',
      );
      expect(rita.status()).toBe(200);
      expect(rita.contentType()).toContain('text/event-stream');
      await commit([users.rita.id], 'for Rita');
      await eventually(() => rita.titles().includes('for Rita'), 'Rita hears hers');
      await commit([users.otto.id], 'for Otto');
      await eventually(() => otto.titles().includes('for Otto'), 'Otto hears his');
      expect(otto.titles()).toEqual(['for Otto']);
      expect(rita.titles()).toEqual(['for Rita']);
      expect(rita.events[0]!.data.notification.link).toBe('/leads/0195f000-0000-7000-8000-00000000000a');
      expect(rita.events[0]!.data.unreadCount).toBe(1);
    } finally {
      rita.close();
      otto.close();
    }
  });

  it('a rolled-back notification never reaches anyone', async () => {
    const rita = openStream(base, users.rita.token);
    try {
      await eventually(() => rita.comments.includes('connected'), 'connected');
      await t.handle.db
        .transaction()
        .execute(async (trx) => {
          await notify(trx, input([users.rita.id], 'rolled back'));
          throw new Error('abort');
        })
        .catch(() => undefined);
      await commit([users.rita.id], 'after the rollback');
      await eventually(() => rita.titles().includes('after the rollback'), 'the committed one');
      expect(rita.titles()).toEqual(['after the rollback']);
    } finally {
      rita.close();
    }
  });

  it('a reconnect with Last-Event-ID catches up on what it missed', async () => {
    const first = openStream(base, users.rita.token);
    await eventually(() => first.comments.includes('connected'), 'connected');
    await commit([users.rita.id], 'seen live');
    await eventually(() => first.titles().includes('seen live'), 'seen live');
    const lastId = first.events.at(-1)!.id;
    first.close();
    await commit([users.rita.id], 'missed one');
    await commit([users.otto.id], 'not Rita’s');
    await commit([users.rita.id], 'missed two');
    const again = openStream(base, users.rita.token, lastId);
    try {
      await eventually(() => again.events.length >= 2, 'catch-up');
      expect(again.titles()).toEqual(['missed one', 'missed two']);
    } finally {
      again.close();
    }
  });

  it('lists my notifications newest first with the unread count; mark read and mark all read', async () => {
    const auth = (who: 'rita' | 'otto') => ({
      cookie: `tandem_session=${users[who].token}`,
      'x-csrf-token': users[who].csrf,
    });
    let res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?limit=2',
      headers: auth('rita'),
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json();
    expect(page.items.map((i: { title: string }) => i.title)).toEqual(['missed two', 'missed one']);
    expect(page.unreadCount).toBe(5);
    expect(page.nextCursor).toEqual(expect.any(String));
    res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/notifications?limit=2&cursor=${page.nextCursor}`,
      headers: auth('rita'),
    });
    expect(res.json().items.map((i: { title: string }) => i.title)).toEqual([
      'seen live',
      'after the rollback',
    ]);

    // Marking read needs the CSRF token, and touches only my own notifications.
    res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: { cookie: auth('rita').cookie },
      payload: { ids: [page.items[0].id] },
    });
    expect(res.statusCode).toBe(403);
    res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read',
      headers: auth('rita'),
      payload: { ids: [page.items[0].id] },
    });
    expect(res.json()).toEqual({ updated: 1, unreadCount: 4 });
    res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/notifications/read-all',
      headers: auth('rita'),
    });
    expect(res.json()).toEqual({ updated: 4, unreadCount: 0 });
    res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/notifications?unread=true',
      headers: auth('otto'),
    });
    expect(res.json().unreadCount).toBe(2);
    expect(res.json().items).toHaveLength(2);
  });
});

describe('live hub without LISTEN', () => {
  it('falls back to polling the table and still pushes only committed notifications', async () => {
    const t = await createTestApp();
    try {
      const db = t.handle.db;
      const workspaceId = (await createWorkspace(db, { name: 'Poll' })).id;
      const user = await createUser(
        db,
        {
          workspaceId,
          email: 'p@poll.test',
          name: 'P',
          role: 'sales_rep',
          team: null,
          partnerId: null,
          password: null,
        },
        systemActor,
      );
      const hub = await createLiveHub({ db, log: { warn() {} }, pollMs: 20 });
      expect(hub.mode).toBe('poll');
      const titles: string[] = [];
      hub.subscribe({ workspaceId, userId: user.id, push: (item) => titles.push(item.title), end() {} });
      const base = {
        workspaceId,
        type: 'sla.warning' as const,
        recipientUserIds: [user.id],
        subject: { type: 'lead' as const, id: 'x' },
        body: '',
        data: {},
        occurredAt: new Date(),
        skipEmail: true,
      };
      await db
        .transaction()
        .execute(async (trx) => {
          await notify(trx, { ...base, title: 'rolled back' });
          throw new Error('abort');
        })
        .catch(() => undefined);
      await db.transaction().execute((trx) => notify(trx, { ...base, title: 'committed' }));
      await eventually(() => titles.includes('committed'), 'polled');
      expect(titles).toEqual(['committed']);
      await hub.close();
    } finally {
      await t.close();
    }
  });
});
