import { sql } from 'kysely';
import { createApiKey, createWorkspace } from '../src/app/workspaces.js';
import type { Db } from '../src/store/db.js';
import { createTestApp, type TestApp } from './app.js';

export interface IngestTestApp extends TestApp {
  workspaceId: string;
  writeKey: string;
  /** Base URL once `listen()` was called. */
  url: string;
  listen(): Promise<string>;
}

/** An app over a fresh database with one workspace and its write key. */
export async function createIngestTestApp(
  options: { env?: Record<string, string> } = {},
): Promise<IngestTestApp> {
  const t = await createTestApp(options.env ? { env: options.env } : {});
  const workspace = await createWorkspace(t.handle.db, {
    name: `Ingest ${Math.random().toString(36).slice(2, 8)}`,
  });
  const key = await createApiKey(t.handle.db, { workspaceId: workspace.id, kind: 'write' });
  const result: IngestTestApp = {
    ...t,
    workspaceId: workspace.id,
    writeKey: key.key,
    url: '',
    async listen() {
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      if (typeof address !== 'object' || address === null) throw new Error('not listening');
      result.url = `http://127.0.0.1:${address.port}`;
      return result.url;
    },
  };
  return result;
}

export const basicAuth = (writeKey: string): string =>
  `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`;

export async function countRows(
  db: Db,
  table: 'event' | 'event_rejection',
  workspaceId: string,
): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select(sql<number>`count(*)::int`.as('n'))
    .where('workspace_id', '=', workspaceId)
    .executeTakeFirstOrThrow();
  return row.n;
}

let sequence = 0;
/** A valid track event with a unique messageId. */
export function trackEvent(over: Record<string, unknown> = {}): Record<string, unknown> {
  sequence++;
  return {
    type: 'track',
    event: 'Viewed Pricing',
    userId: `user-${sequence}`,
    messageId: `msg-${Date.now()}-${sequence}`,
    timestamp: new Date().toISOString(),
    properties: { plan: 'pro', n: sequence },
    ...over,
  };
}
