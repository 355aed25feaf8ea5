import { type Role, roles } from '@tandem/contracts';
import { AppError, invalid, notFound } from '../errors.js';
import { newId } from '../id.js';
import { listApiKeys, revokeApiKey } from '../store/api-key.repo.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { TeamRow, UserRow, UserUpdate } from '../store/schema.js';
import { deleteUserSessions } from '../store/session.repo.js';
import {
  findTeamByName,
  findUser,
  insertTeam,
  listTeams,
  listUsers,
  updateUser,
} from '../store/user.repo.js';
import type { Viewer } from './viewer.js';
import type { Actor } from './workspaces.js';

const audit = (actor: Actor) => ({ actorKind: actor.kind, actorId: actor.id, ip: actor.ip ?? null });

export interface UserChanges {
  name?: string | undefined;
  role?: Role | undefined;
  teamId?: string | null | undefined;
  status?: 'active' | 'disabled' | undefined;
  outOfOffice?: boolean | undefined;
}

/**
 * Changes a user. Admins change anything; everyone else may only mark themselves out of office.
 * Disabling a user ends their sessions at once; the last active admin can be neither demoted nor
 * disabled, so a workspace never locks itself out.
 */
export async function changeUser(
  db: Db,
  input: { viewer: Viewer; actor: Actor; userId: string; changes: UserChanges; now: Date },
): Promise<UserRow> {
  const { viewer, changes } = input;
  const workspaceId = viewer.workspaceId;
  const isAdmin = viewer.role === 'admin';
  const onlyOutOfOffice = Object.entries(changes).every(([k, v]) => k === 'outOfOffice' || v === undefined);
  if (!isAdmin && !(viewer.userId === input.userId && onlyOutOfOffice)) {
    throw new AppError('forbidden', 'only an admin changes users; you may set your own out-of-office');
  }
  if (changes.name !== undefined && !changes.name.trim()) throw invalid('/name', 'must not be empty');
  if (changes.role !== undefined && !roles.includes(changes.role)) throw invalid('/role', 'is not a role');

  return db.transaction().execute(async (trx) => {
    const user = await findUser(trx, workspaceId, input.userId);
    if (!user) throw notFound('user');
    const patch: UserUpdate = {};
    const diff: Record<string, { from: unknown; to: unknown }> = {};
    const set = <K extends keyof UserRow & keyof UserUpdate>(key: K, value: UserRow[K] | undefined) => {
      if (value === undefined || value === user[key]) return;
      patch[key] = value as UserUpdate[K];
      diff[key] = { from: user[key], to: value };
    };
    set('name', changes.name?.trim());
    set('role', changes.role);
    set('team_id', changes.teamId);
    set('status', changes.status);
    set('out_of_office', changes.outOfOffice);
    if (Object.keys(patch).length === 0) return user;

    if (patch.role === 'partner' && !user.partner_id) {
      throw invalid('/role', 'a partner user belongs to a partner; create one with a partner instead');
    }
    if (patch.team_id) {
      const teams = await listTeams(trx, workspaceId);
      if (!teams.some((t) => t.id === patch.team_id)) throw invalid('/teamId', 'no such team');
    }
    const losesAdmin =
      user.role === 'admin' && user.status === 'active' && (patch.role || patch.status === 'disabled');
    if (losesAdmin) {
      const others = (await listUsers(trx, workspaceId)).filter(
        (u) => u.id !== user.id && u.role === 'admin' && u.status === 'active',
      );
      if (others.length === 0)
        throw new AppError('conflict', 'the workspace needs at least one active admin');
    }

    const updated = await updateUser(trx, workspaceId, user.id, patch);
    if (!updated) throw notFound('user');
    if (patch.status === 'disabled') await deleteUserSessions(trx, workspaceId, user.id);
    await insertAudit(trx, {
      workspaceId,
      ...audit(input.actor),
      action: 'user.updated',
      targetType: 'user',
      targetId: user.id,
      details: { changes: diff },
      at: input.now,
    });
    if (patch.role) {
      await insertAudit(trx, {
        workspaceId,
        ...audit(input.actor),
        action: 'user.role_changed',
        targetType: 'user',
        targetId: user.id,
        details: { from: user.role, to: patch.role },
        at: input.now,
      });
    }
    return updated;
  });
}

export async function createTeam(
  db: Db,
  input: { workspaceId: string; name: string; kind: TeamRow['kind']; actor: Actor; now: Date },
): Promise<TeamRow> {
  const name = input.name.trim();
  if (!name) throw invalid('/name', 'must not be empty');
  return db.transaction().execute(async (trx) => {
    if (await findTeamByName(trx, input.workspaceId, name)) {
      throw new AppError('conflict', `a team named "${name}" exists`, { field: '/name' });
    }
    const team = await insertTeam(trx, {
      workspace_id: input.workspaceId,
      id: newId(),
      name,
      kind: input.kind,
    });
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      ...audit(input.actor),
      action: 'team.created',
      targetType: 'team',
      targetId: team.id,
      details: { name, kind: input.kind },
      at: input.now,
    });
    return team;
  });
}

/** Revokes a key at once; revoking it again changes nothing. */
export async function revokeKey(
  db: Db,
  input: { workspaceId: string; keyId: string; actor: Actor; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const key = (await listApiKeys(trx, input.workspaceId)).find((k) => k.id === input.keyId);
    if (!key) throw notFound('API key');
    if (!(await revokeApiKey(trx, input.workspaceId, key.id, input.now))) return;
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      ...audit(input.actor),
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: key.id,
      details: { kind: key.kind, name: key.name, prefix: key.prefix },
      at: input.now,
    });
  });
}
