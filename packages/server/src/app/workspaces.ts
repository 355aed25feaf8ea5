import { type ApiKeyKind, type Role, roles } from '@tandem/contracts';
import { AppError, invalid } from '../errors.js';
import { newId } from '../id.js';
import { insertApiKey } from '../store/api-key.repo.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import type { TeamRow, UserRow, WorkspaceRow } from '../store/schema.js';
import { findTeamByName, findUsersByEmail, insertTeam, insertUser } from '../store/user.repo.js';
import { findWorkspaceBySlug, insertWorkspace } from '../store/workspace.repo.js';
import { generateApiKey } from './api-keys.js';
import { hashPassword, minPasswordLength } from './passwords.js';

/** Who performed a privileged action, for the audit log. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  id: string | null;
  ip?: string | null;
}
export const systemActor: Actor = { kind: 'system', id: null };

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const slugPattern = /^[a-z0-9][a-z0-9-]{1,62}$/;

export function slugify(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return slug.length >= 2 ? slug : `ws-${slug || 'tandem'}`;
}

export async function createWorkspace(
  db: Db,
  input: { name: string; slug?: string; timezone?: string },
  actor: Actor = systemActor,
): Promise<WorkspaceRow> {
  const name = input.name.trim();
  if (!name) throw invalid('name', 'a workspace needs a name');
  const slug = input.slug ?? slugify(name);
  if (!slugPattern.test(slug))
    throw invalid('slug', 'lowercase letters, digits and dashes, 2 to 63 characters');
  return db.transaction().execute(async (trx) => {
    if (await findWorkspaceBySlug(trx, slug))
      throw new AppError('conflict', `workspace "${slug}" exists`, { field: 'slug' });
    const workspace = await insertWorkspace(trx, {
      id: newId(),
      name,
      slug,
      ...(input.timezone ? { timezone: input.timezone } : {}),
    });
    await insertAudit(trx, {
      workspaceId: workspace.id,
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'workspace.created',
      targetType: 'workspace',
      targetId: workspace.id,
      details: { name, slug },
      ip: actor.ip ?? null,
    });
    return workspace;
  });
}

/** Finds a team by name, creating it when missing. */
export async function ensureTeam(
  db: Executor,
  workspaceId: string,
  name: string,
  kind: TeamRow['kind'] = 'sales',
): Promise<TeamRow> {
  const existing = await findTeamByName(db, workspaceId, name);
  if (existing) return existing;
  return insertTeam(db, { workspace_id: workspaceId, id: newId(), name, kind });
}

export interface CreateUserInput {
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  /** Team id or name; a name that does not exist yet creates the team. */
  team?: string | null;
  partnerId?: string | null;
  /** Omit to create a user who cannot log in until a password is set. */
  password?: string | null;
}

export async function createUser(
  db: Db,
  input: CreateUserInput,
  actor: Actor = systemActor,
): Promise<UserRow> {
  const email = input.email.trim().toLowerCase();
  if (!emailPattern.test(email)) throw invalid('email', 'must be an email address');
  const name = input.name.trim();
  if (!name) throw invalid('name', 'must not be empty');
  if (!roles.includes(input.role)) throw invalid('role', `must be one of ${roles.join(', ')}`);
  if (input.role === 'partner' && !input.partnerId)
    throw invalid('partnerId', 'a partner user belongs to a partner');
  if (input.password != null && input.password.length < minPasswordLength) {
    throw invalid('password', `must be at least ${minPasswordLength} characters`);
  }
  const passwordHash = input.password != null ? await hashPassword(input.password) : null;
  return db.transaction().execute(async (trx) => {
    const clash = (await findUsersByEmail(trx, email)).find((u) => u.workspace_id === input.workspaceId);
    if (clash) throw new AppError('conflict', `a user with email ${email} exists`, { field: 'email' });
    let teamId: string | null = null;
    if (input.team) {
      const isId = /^[0-9a-f-]{36}$/.test(input.team);
      const team = isId
        ? await trx
            .selectFrom('team')
            .selectAll()
            .where('workspace_id', '=', input.workspaceId)
            .where('id', '=', input.team)
            .executeTakeFirst()
        : await ensureTeam(
            trx,
            input.workspaceId,
            input.team,
            input.role === 'marketing' ? 'marketing' : 'sales',
          );
      if (!team) throw invalid('team', 'no such team');
      teamId = team.id;
    }
    const user = await insertUser(trx, {
      workspace_id: input.workspaceId,
      id: newId(),
      email,
      name,
      role: input.role,
      team_id: teamId,
      partner_id: input.partnerId ?? null,
      password_hash: passwordHash,
    });
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'user.created',
      targetType: 'user',
      targetId: user.id,
      details: { email, role: input.role, teamId },
      ip: actor.ip ?? null,
    });
    return user;
  });
}

export interface CreatedApiKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  /** The key itself: shown once, stored only as a hash. */
  key: string;
}

export async function createApiKey(
  db: Db,
  input: { workspaceId: string; kind: ApiKeyKind; name?: string; createdBy?: string | null },
  actor: Actor = systemActor,
): Promise<CreatedApiKey> {
  if (input.kind !== 'write' && input.kind !== 'secret') throw invalid('kind', 'must be write or secret');
  const generated = generateApiKey(input.kind);
  const name = input.name?.trim() || (input.kind === 'write' ? 'Write key' : 'Secret key');
  return db.transaction().execute(async (trx) => {
    const row = await insertApiKey(trx, {
      workspace_id: input.workspaceId,
      id: newId(),
      kind: input.kind,
      name,
      prefix: generated.prefix,
      key_hash: generated.hash,
      created_by: input.createdBy ?? null,
    });
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      actorKind: actor.kind,
      actorId: actor.id,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: row.id,
      details: { kind: input.kind, name, prefix: generated.prefix },
      ip: actor.ip ?? null,
    });
    return { id: row.id, kind: row.kind, name: row.name, prefix: row.prefix, key: generated.key };
  });
}
