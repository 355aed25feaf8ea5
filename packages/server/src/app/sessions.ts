import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '@tandem/contracts';
import type { Config } from '../config.js';
import {
  type SessionPolicy,
  sessionExpiresAt,
  sessionState,
  touchIntervalMs,
} from '../core/auth/session-expiry.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { Executor } from '../store/executor.js';
import type { UserRow } from '../store/schema.js';
import {
  deleteDeadSessions,
  deleteSession,
  deleteUserSessions,
  findSessionWithUser,
  findUserWithWorkspace,
  insertSession,
  touchSession,
} from '../store/session.repo.js';
import { findWorkspace } from '../store/workspace.repo.js';
import type { Actor } from './workspaces.js';

export type SessionConfig = Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours'>;

const policyOf = (config: SessionConfig): SessionPolicy => ({
  idleMinutes: config.sessionIdleMinutes,
  maxHours: config.sessionMaxHours,
});

/** Only this digest of a session token is stored; a leaked table cannot be replayed as cookies. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** What the web app learns about the signed-in person (login and GET /auth/session). */
export interface SessionView {
  user: {
    id: string;
    email: string;
    name: string;
    role: Role;
    teamId: string | null;
    partnerId: string | null;
  };
  workspace: { id: string; name: string; slug: string };
  csrfToken: string;
}

export interface StartedSession {
  /** The cookie value: handed to the client once, never stored. */
  token: string;
  sessionId: string;
  view: SessionView;
}

/**
 * Opens a fresh session for a user whose credentials were just verified. A new token is minted
 * at every login and any session the client still presented is destroyed, so a token planted
 * before login (session fixation) is worthless afterwards.
 */
export async function startSession(
  db: Db,
  input: {
    user: UserRow;
    config: SessionConfig;
    now: Date;
    presentedToken?: string | undefined;
    ip?: string | null;
    userAgent?: string | null;
  },
): Promise<StartedSession> {
  const { user, now } = input;
  const token = randomBytes(32).toString('base64url');
  const sessionId = hashSessionToken(token);
  const csrfToken = randomBytes(32).toString('base64url');
  const workspace = await db.transaction().execute(async (trx) => {
    if (input.presentedToken) await deleteSession(trx, hashSessionToken(input.presentedToken));
    await deleteDeadSessions(trx, {
      workspaceId: user.workspace_id,
      userId: user.id,
      now,
      idleSince: new Date(now.getTime() - input.config.sessionIdleMinutes * 60_000),
    });
    await insertSession(trx, {
      workspace_id: user.workspace_id,
      id: sessionId,
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      expires_at: sessionExpiresAt(now, policyOf(input.config)),
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 500) ?? null,
    });
    await insertAudit(trx, {
      workspaceId: user.workspace_id,
      actorKind: 'user',
      actorId: user.id,
      action: 'auth.login_succeeded',
      targetType: 'user',
      targetId: user.id,
      details: { email: user.email },
      ip: input.ip ?? null,
      at: now,
    });
    return findWorkspace(trx, user.workspace_id);
  });
  if (!workspace) throw new Error(`workspace ${user.workspace_id} of user ${user.id} is missing`);
  return {
    token,
    sessionId,
    view: {
      user: {
        id: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        teamId: user.team_id,
        partnerId: user.partner_id,
      },
      workspace: { id: workspace.id, name: workspace.name, slug: workspace.slug },
      csrfToken,
    },
  };
}

export interface ResolvedSession {
  sessionId: string;
  workspaceId: string;
  userId: string;
  role: Role;
  teamId: string | null;
  partnerId: string | null;
  csrfToken: string;
}

export type SessionLookup =
  | { kind: 'active'; session: ResolvedSession }
  | { kind: 'expired' }
  /** Unknown token, or its user was disabled. */
  | { kind: 'none' };

/**
 * Turns a presented cookie into the session it names. Expired sessions are deleted on sight;
 * a disabled user's sessions all end at their next request.
 */
export async function resolveSession(
  db: Executor,
  input: { token: string; config: SessionConfig; now: Date },
): Promise<SessionLookup> {
  if (input.token.length === 0 || input.token.length > 200) return { kind: 'none' };
  const found = await findSessionWithUser(db, hashSessionToken(input.token));
  if (!found) return { kind: 'none' };
  const { session, user } = found;
  if (user.status !== 'active') {
    await deleteUserSessions(db, session.workspace_id, user.id);
    return { kind: 'none' };
  }
  const state = sessionState(
    { createdAt: session.created_at, lastSeenAt: session.last_seen_at, expiresAt: session.expires_at },
    input.now,
    policyOf(input.config),
  );
  if (state.state === 'expired') {
    await deleteSession(db, session.id);
    return { kind: 'expired' };
  }
  if (state.touch) {
    await touchSession(db, session.id, input.now, new Date(input.now.getTime() - touchIntervalMs));
  }
  return {
    kind: 'active',
    session: {
      sessionId: session.id,
      workspaceId: session.workspace_id,
      userId: user.id,
      role: user.role,
      teamId: user.team_id,
      partnerId: user.partner_id,
      csrfToken: session.csrf_token,
    },
  };
}

/** Logout: the session row goes, so the cookie is dead even if the browser keeps it. */
export async function endSession(
  db: Db,
  input: { sessionId: string; workspaceId: string; actor: Actor; now: Date },
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, input.sessionId);
    await insertAudit(trx, {
      workspaceId: input.workspaceId,
      actorKind: input.actor.kind,
      actorId: input.actor.id,
      action: 'auth.logout',
      targetType: 'user',
      ...(input.actor.id ? { targetId: input.actor.id } : {}),
      ip: input.actor.ip ?? null,
      at: input.now,
    });
  });
}

/** The session endpoint's answer for a resolved session. */
export async function describeSession(
  db: Executor,
  session: ResolvedSession,
): Promise<SessionView | undefined> {
  const row = await findUserWithWorkspace(db, session.workspaceId, session.userId);
  if (!row) return undefined;
  return {
    user: {
      id: row.id,
      email: row.email,
      name: row.name,
      role: row.role,
      teamId: row.team_id,
      partnerId: row.partner_id,
    },
    workspace: { id: session.workspaceId, name: row.workspace_name, slug: row.workspace_slug },
    csrfToken: session.csrfToken,
  };
}
