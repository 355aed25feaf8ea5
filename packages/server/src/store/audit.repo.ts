import { sql } from 'kysely';
import { newId } from '../id.js';
import type { Keyset } from './cursor.js';
import type { Executor } from './executor.js';

export interface AuditEntry {
  workspaceId: string;
  actorKind: 'user' | 'api_key' | 'system';
  actorId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  at?: Date;
}

/** Appends one privileged action to audit_log. Secrets never go into details. */
export async function insertAudit(db: Executor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      workspace_id: entry.workspaceId,
      id: newId(),
      actor_kind: entry.actorKind,
      actor_id: entry.actorId,
      action: entry.action,
      target_type: entry.targetType ?? null,
      target_id: entry.targetId ?? null,
      details: JSON.stringify(entry.details ?? {}),
      ip: entry.ip ?? null,
      ...(entry.at ? { at: entry.at } : {}),
    })
    .execute();
}

/** One page of a workspace's audit log, newest first (keyset on at, id). */
export async function listAudit(
  db: Executor,
  workspaceId: string,
  page: { after?: Keyset | undefined; limit: number },
) {
  const after = page.after;
  return db
    .selectFrom('audit_log')
    .selectAll()
    .select(sql<string>`audit_log.at::text`.as('key_at'))
    .where('workspace_id', '=', workspaceId)
    .$if(after !== undefined, (q) =>
      q.where(sql<boolean>`(audit_log.at, audit_log.id) < (${after?.at}::timestamptz, ${after?.id}::uuid)`),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(page.limit + 1)
    .execute();
}
