import type { Config } from '../config.js';
import { type LoginAttempt, loginFailureWindowMs, loginThrottle } from '../core/auth/login-throttle.js';
import { AppError, invalid } from '../errors.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import type { UserRow } from '../store/schema.js';
import { loginFailedAction, recentLoginAttempts } from '../store/session.repo.js';
import { findUsersByEmail } from '../store/user.repo.js';
import { findWorkspaceBySlug } from '../store/workspace.repo.js';
import { verifyPassword } from './passwords.js';
import { type StartedSession, startSession } from './sessions.js';

/**
 * Failed logins for emails that match no user. They cannot go to audit_log (which belongs to a
 * workspace), yet they must be throttled like real ones, or the 429 would tell an attacker which
 * emails exist. Kept per process and bounded; the per-IP rate limit backs it up.
 */
export class UnknownEmailFailures {
  readonly #failures = new Map<string, number[]>();
  constructor(private readonly capacity = 10_000) {}

  attempts(email: string, now: Date): LoginAttempt[] {
    const since = now.getTime() - loginFailureWindowMs;
    return (this.#failures.get(email) ?? [])
      .filter((t) => t > since)
      .map((t) => ({ at: new Date(t), succeeded: false }));
  }

  record(email: string, now: Date): void {
    const since = now.getTime() - loginFailureWindowMs;
    const kept = (this.#failures.get(email) ?? []).filter((t) => t > since);
    this.#failures.delete(email); // re-inserting keeps the map in least-recently-failed order
    this.#failures.set(email, [...kept, now.getTime()]);
    if (this.#failures.size > this.capacity) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }
}

export interface LogInDeps {
  db: Db;
  config: Pick<Config, 'sessionIdleMinutes' | 'sessionMaxHours' | 'loginMaxFailures'>;
  now: Date;
  unknownEmails: UnknownEmailFailures;
}

export interface LogInInput {
  email: string;
  password: string;
  /** Workspace slug; needed only when the email has an account in several workspaces. */
  workspace?: string | undefined;
  presentedToken?: string | undefined;
  ip?: string | null;
  userAgent?: string | null;
}

const wrongCredentials = () => new AppError('invalid_credentials', 'the email or the password is wrong');

/**
 * Password login. Unknown emails, wrong passwords, disabled accounts and accounts without a
 * password all get the same answer after the same work. Too many failures for one email within
 * 15 minutes refuse further attempts (429 with Retry-After) before any password is checked.
 */
export async function logIn(deps: LogInDeps, input: LogInInput): Promise<StartedSession> {
  const { db, now } = deps;
  const email = input.email.trim().toLowerCase();
  let candidates: UserRow[] = await findUsersByEmail(db, email);
  if (input.workspace) {
    const workspace = await findWorkspaceBySlug(db, input.workspace.trim().toLowerCase());
    candidates = candidates.filter((u) => u.workspace_id === workspace?.id);
  }

  const attempts =
    candidates.length > 0
      ? await recentLoginAttempts(
          db,
          candidates.map((u) => ({ workspaceId: u.workspace_id, userId: u.id })),
          new Date(now.getTime() - loginFailureWindowMs),
        )
      : deps.unknownEmails.attempts(email, now);
  const throttle = loginThrottle(attempts, now, deps.config.loginMaxFailures);
  if (throttle.throttled) {
    throw new AppError('login_throttled', 'too many failed logins for this email; try again later', {
      retryAfter: throttle.retryAfterSeconds,
    });
  }

  if (candidates.length === 0) {
    await verifyPassword(null, input.password);
    deps.unknownEmails.record(email, now);
    throw wrongCredentials();
  }
  const outcomes: Array<{ user: UserRow; reason: 'ok' | 'password' | 'disabled' }> = [];
  for (const user of candidates) {
    const ok = await verifyPassword(user.password_hash, input.password);
    outcomes.push({ user, reason: !ok ? 'password' : user.status === 'active' ? 'ok' : 'disabled' });
  }
  const matched = outcomes.filter((o) => o.reason === 'ok');
  if (matched.length === 0) {
    for (const { user, reason } of outcomes) {
      await insertAudit(db, {
        workspaceId: user.workspace_id,
        actorKind: 'user',
        actorId: null,
        action: loginFailedAction,
        targetType: 'user',
        targetId: user.id,
        details: { email, reason },
        ip: input.ip ?? null,
        at: now,
      });
    }
    throw wrongCredentials();
  }
  // Only someone holding the password of both accounts learns that the email is in several workspaces.
  if (matched.length > 1) {
    throw invalid(
      'workspace',
      'this email has an account in several workspaces: give the workspace to log in to',
    );
  }
  return startSession(db, {
    user: matched[0]!.user,
    config: deps.config,
    now,
    presentedToken: input.presentedToken,
    ip: input.ip ?? null,
    userAgent: input.userAgent ?? null,
  });
}
