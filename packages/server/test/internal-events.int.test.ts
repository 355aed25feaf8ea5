import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordInternalEvents } from '../src/app/internal-events.js';
import { createWorkspace } from '../src/app/workspaces.js';
import type { DbHandle } from '../src/store/db.js';
import { createTestDb } from './db.js';

describe('internal events', () => {
  let handle: DbHandle;
  let workspaceId: string;
  const now = new Date('2026-03-02T10:00:00Z');
  const options = () => ({ freemailDomains: new Set<string>(), clock: () => now });

  beforeAll(async () => {
    handle = await createTestDb();
    workspaceId = (await createWorkspace(handle.db, { name: 'Internal events' })).id;
  });
  afterAll(async () => handle?.close());

  it('stores a track on the person with that email, once per message id, at the time given', async () => {
    const track = {
      messageId: 'nurture-open:m1',
      event: 'Email Opened',
      email: 'Ada@Acme.io',
      properties: { program: 'p1' },
      occurredAt: new Date('2026-03-01T08:30:00Z'),
    };
    await recordInternalEvents(handle.db, options(), workspaceId, [track]);
    await recordInternalEvents(handle.db, options(), workspaceId, [track]);

    const contact = await handle.db
      .selectFrom('contact')
      .select(['id', 'account_id'])
      .where('workspace_id', '=', workspaceId)
      .where('email', '=', 'ada@acme.io')
      .executeTakeFirstOrThrow();
    expect(contact.account_id).not.toBeNull();
    const events = await handle.db
      .selectFrom('event')
      .select(['name', 'contact_id', 'occurred_at', 'message_id'])
      .where('workspace_id', '=', workspaceId)
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      name: 'Email Opened',
      contact_id: contact.id,
      message_id: 'nurture-open:m1',
    });
    expect(new Date(events[0]!.occurred_at).toISOString()).toBe('2026-03-01T08:30:00.000Z');
  });

  it('refuses a message ingestion would refuse, as a programming error', async () => {
    await expect(
      recordInternalEvents(handle.db, options(), workspaceId, [
        { messageId: 'x', event: '', email: 'a@b.io', occurredAt: now },
      ]),
    ).rejects.toThrow(/internal event x refused/);
  });
});
