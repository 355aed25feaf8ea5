import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyKind } from '@tandem/contracts';
import { findApiKeyByHash, touchApiKey } from '../store/api-key.repo.js';
import type { Executor } from '../store/executor.js';

/** Write keys are public (embedded in web pages, ingestion only); secret keys authorise the REST API. */
const prefixes: Record<ApiKeyKind, string> = { write: 'tdw_', secret: 'tds_' };

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function generateApiKey(kind: ApiKeyKind): { key: string; prefix: string; hash: string } {
  const key = `${prefixes[kind]}${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 10), hash: hashApiKey(key) };
}

export interface VerifiedKey {
  workspaceId: string;
  keyId: string;
  kind: ApiKeyKind;
}

/** Resolves a presented key of the expected kind; undefined when unknown, revoked or of another kind. */
export async function verifyApiKey(
  db: Executor,
  key: string,
  kind: ApiKeyKind,
  now: Date = new Date(),
): Promise<VerifiedKey | undefined> {
  if (!key.startsWith(prefixes[kind]) || key.length > 200) return undefined;
  const row = await findApiKeyByHash(db, hashApiKey(key));
  if (!row || row.kind !== kind || row.revoked_at !== null) return undefined;
  await touchApiKey(db, row.workspace_id, row.id, now);
  return { workspaceId: row.workspace_id, keyId: row.id, kind: row.kind };
}
