import { newId } from '../id.js';
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
