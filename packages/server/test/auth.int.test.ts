import type { InjectOptions, Response } from 'light-my-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import type { UserRow, WorkspaceRow } from '../src/store/schema.js';
import { createTestApp, type TestApp } from './app.js';

const password = 'correct horse battery';

interface Session {
  token: string;
  csrf: string;
}

/** A controllable clock: tests move time instead of waiting. */
function testClock() {
  let now = new Date('2031-03-03T09:00:00.000Z');
  return {
    clock: () => new Date(now),
    advance(minutes: number) {
      now = new Date(now.getTime() + minutes * 60_000);
    },
  };
}

function harness(t: () => TestApp) {
  let ip = 0;
  // Each login comes from its own address, so the per-IP rate limit stays out of the way.
  const nextIp = () => `10.0.${Math.floor(++ip / 250)}.${(ip % 250) + 1}`;
  const request = (options: InjectOptions): Promise<Response> => t().app.inject(options);
  const loginRaw = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    request({ method: 'POST', url: '/api/v1/auth/login', payload: body, headers, remoteAddress: nextIp() });
  const login = async (
    email: string,
    pass = password,
    extra: Record<string, string> = {},
  ): Promise<Session> => {
    const res = await loginRaw({ email, password: pass, ...extra });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = res.cookies.find((c) => c.name === 'tandem_session');
    return { token: cookie!.value, csrf: res.json().csrfToken };
  };
  const as = (s: Session, method: InjectOptions['method'], url: string, payload?: unknown, csrf = true) =>
    request({
      method,
      url,
      headers: { cookie: `tandem_session=${s.token}`, ...(csrf ? { 'x-csrf-token': s.csrf } : {}) },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    });
  return { request, loginRaw, login, as };
}

async function seed(t: TestApp) {
  const db = t.handle.db;
  const workspace = await createWorkspace(db, { name: 'Acme', slug: 'acme' });
  const user = (email: string, role: UserRow['role'], team?: string) =>
    createUser(db, {
      workspaceId: workspace.id,
      email,
      name: email.split('@')[0]!,
      role,
      team: team ?? null,
      password,
    });
  return {
    workspace,
    admin: await user('admin@acme.test', 'admin'),
    rep: await user('rep@acme.test', 'sales_rep', 'East'),
  };
}

const sessionRows = (t: TestApp) => t.handle.db.selectFrom('session').selectAll().execute();
const auditActions = async (t: TestApp, workspace: WorkspaceRow) =>
  (
    await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('workspace_id', '=', workspace.id)
      .orderBy('at')
      .execute()
  ).map((r) => r.action);

describe('login, sessions and CSRF', () => {
  const time = testClock();
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seed>>;
  const h = harness(() => t);
  beforeAll(async () => {
    t = await createTestApp({
      clock: time.clock,
      env: {
        TANDEM_SESSION_IDLE_MINUTES: '30',
        TANDEM_SESSION_MAX_HOURS: '2',
        TANDEM_LOGIN_MAX_FAILURES: '3',
      },
    });
    fx = await seed(t);
  });
  afterAll(async () => t?.close());

  it('logs in: session cookie, user and workspace, CSRF token; the session endpoint agrees', async () => {
    const res = await h.loginRaw({ email: 'Admin@Acme.test', password });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toEqual({
      id: fx.admin.id,
      email: 'admin@acme.test',
      name: 'admin',
      role: 'admin',
      teamId: null,
      partnerId: null,
    });
    expect(body.workspace).toEqual({ id: fx.workspace.id, name: 'Acme', slug: 'acme' });
    expect(body.csrfToken).toMatch(/^[\w-]{40,}$/);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/^tandem_session=[\w-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure');

    const token = res.cookies[0]!.value;
    const session = await h.as({ token, csrf: '' }, 'GET', '/api/v1/auth/session');
    expect(session.statusCode).toBe(200);
    expect(session.json()).toEqual(body);
    // Only the token's digest is stored.
    const rows = await sessionRows(t);
    expect(rows.some((r) => r.id === token)).toBe(false);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.id))).toBe(true);
  });

  it('answers an unknown email exactly like a wrong password', async () => {
    const wrong = await h.loginRaw({ email: 'rep@acme.test', password: 'not the password' });
    const unknown = await h.loginRaw({ email: 'nobody@acme.test', password: 'not the password' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['content-type']).toContain('application/problem+json');
    expect(wrong.json().code).toBe('invalid_credentials');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const failed = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auth.login_failed')
      .execute();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      target_id: fx.rep.id,
      details: { email: 'rep@acme.test', reason: 'password' },
    });
    expect(JSON.stringify(failed[0]!.details)).not.toContain('not the password');
    expect(failed[0]!.ip).toMatch(/^10\.0\./);
  });

  it('refuses a missing or malformed body with problem+json', async () => {
    const res = await h.loginRaw({ email: 'admin@acme.test' });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', field: '/password' });
  });

  it('rotates the session at login: the token presented at login stops working', async () => {
    const first = await h.login('admin@acme.test');
    const second = await h.login('admin@acme.test', password, {});
    const rotated = await h.loginRaw(
      { email: 'admin@acme.test', password },
      { cookie: `tandem_session=${first.token}` },
    );
    expect(rotated.statusCode).toBe(200);
    const third = rotated.cookies[0]!.value;
    expect(third).not.toBe(first.token);
    expect((await h.as(first, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    // Another device's session is untouched.
    expect((await h.as(second, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    expect((await h.as({ token: third, csrf: '' }, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
  });

  it('logs out: the session row goes and the cookie is cleared', async () => {
    const s = await h.login('rep@acme.test');
    const res = await h.as(s, 'POST', '/api/v1/auth/logout');
    expect(res.statusCode).toBe(204);
    expect(res.body).toBe('');
    expect(String(res.headers['set-cookie'])).toMatch(/tandem_session=;.*Expires=Thu, 01 Jan 1970/);
    const after = await h.as(s, 'GET', '/api/v1/auth/session');
    expect(after.statusCode).toBe(401);
    expect(after.json().code).toBe('unauthenticated');
    expect(await auditActions(t, fx.workspace)).toContain('auth.logout');
  });

  it('answers 401 without credentials, and with an unknown cookie', async () => {
    const none = await h.request({ method: 'GET', url: '/api/v1/auth/session' });
    expect(none.statusCode).toBe(401);
    expect(none.headers['content-type']).toContain('application/problem+json');
    const bogus = await h.as({ token: 'x'.repeat(43), csrf: '' }, 'GET', '/api/v1/auth/session');
    expect(bogus.json().code).toBe('unauthenticated');
  });

  it('ends an idle session (session_expired) and deletes it; activity keeps it alive', async () => {
    const s = await h.login('rep@acme.test');
    time.advance(20);
    expect((await h.as(s, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    time.advance(20); // 40 minutes since login, 20 since the last request
    expect((await h.as(s, 'GET', '/api/v1/auth/session')).statusCode).toBe(200);
    time.advance(31);
    const expired = await h.as(s, 'GET', '/api/v1/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
    const again = await h.as(s, 'GET', '/api/v1/auth/session');
    expect(again.json().code).toBe('unauthenticated');
  });

  it('ends a session at its absolute lifetime however active it is', async () => {
    const s = await h.login('rep@acme.test');
    for (let i = 0; i < 4; i++) {
      time.advance(25);
      const res = await h.as(s, 'GET', '/api/v1/auth/session');
      expect(res.statusCode, `${i}: ${res.body}`).toBe(200);
    }
    time.advance(25); // 125 minutes > 2 hours
    const expired = await h.as(s, 'GET', '/api/v1/auth/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json().code).toBe('session_expired');
  });

  it('requires the CSRF token on cookie writes; a Bearer secret key needs none', async () => {
    const s = await h.login('admin@acme.test');
    const missing = await h.as(s, 'POST', '/api/v1/teams', { name: 'North', kind: 'sales' }, false);
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ code: 'csrf_failed', field: 'x-csrf-token' });
    // Change the first character: every bit of it counts (the last one of a base64 token may
    // carry padding bits, so changing it can leave the decoded token as it was).
    const forged = `${s.csrf[0] === 'A' ? 'B' : 'A'}${s.csrf.slice(1)}`;
    const wrong = await h.as({ ...s, csrf: forged }, 'POST', '/api/v1/teams', {
      name: 'North',
      kind: 'sales',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('csrf_failed');
    const other = await h.login('admin@acme.test');
    const crossed = await h.as({ token: s.token, csrf: other.csrf }, 'POST', '/api/v1/teams', {
      name: 'North',
      kind: 'sales',
    });
    expect(crossed.json().code).toBe('csrf_failed');
    expect((await h.as(s, 'POST', '/api/v1/teams', { name: 'North', kind: 'sales' })).statusCode).toBe(201);
    // Reads need no token.
    expect((await h.as(s, 'GET', '/api/v1/teams', undefined, false)).statusCode).toBe(200);

    const key = await createApiKey(t.handle.db, { workspaceId: fx.workspace.id, kind: 'secret' });
    const viaKey = await h.request({
      method: 'POST',
      url: '/api/v1/teams',
      headers: { authorization: `Bearer ${key.key}` },
      payload: { name: 'South', kind: 'sales' },
    });
    expect(viaKey.statusCode).toBe(201);
  });

  it('throttles logins per email after repeated failures, with Retry-After, across known and unknown emails', async () => {
    const email = 'admin@acme.test';
    time.advance(1);
    for (let i = 0; i < 3; i++) {
      expect((await h.loginRaw({ email, password: `wrong ${i}` })).json().code).toBe('invalid_credentials');
      time.advance(1);
    }
    const throttled = await h.loginRaw({ email, password });
    expect(throttled.statusCode).toBe(429);
    expect(throttled.json().code).toBe('login_throttled');
    expect(Number(throttled.headers['retry-after'])).toBe(12 * 60);
    // Another email is not affected.
    await h.login('rep@acme.test');

    for (let i = 0; i < 3; i++) await h.loginRaw({ email: 'ghost@acme.test', password: 'wrong' });
    const ghost = await h.loginRaw({ email: 'ghost@acme.test', password: 'wrong' });
    expect(ghost.statusCode).toBe(429);
    expect(ghost.json()).toEqual(throttled.json());

    time.advance(13);
    await h.login(email);
  });

  it('a successful login resets the failure count', async () => {
    const email = 'rep@acme.test';
    time.advance(1);
    for (let i = 0; i < 2; i++) await h.loginRaw({ email, password: 'wrong' });
    time.advance(1);
    await h.login(email);
    time.advance(1);
    for (let i = 0; i < 2; i++) await h.loginRaw({ email, password: 'wrong' });
    time.advance(1);
    await h.login(email);
  });

  it('rate-limits login attempts per IP', async () => {
    const from = '192.0.2.7';
    const attempt = () =>
      h.request({ method: 'POST', url: '/api/v1/auth/login', payload: {}, remoteAddress: from });
    for (let i = 0; i < 30; i++) expect((await attempt()).statusCode).toBe(400);
    const limited = await attempt();
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().code).toBe('rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('ends the sessions of a disabled user, and refuses their login', async () => {
    const admin = await h.login('admin@acme.test');
    const victim = await createUser(t.handle.db, {
      workspaceId: fx.workspace.id,
      email: 'leaver@acme.test',
      name: 'Leaver',
      role: 'sales_rep',
      password,
    });
    const s = await h.login('leaver@acme.test');
    const res = await h.as(admin, 'PATCH', `/api/v1/users/${victim.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    expect((await h.as(s, 'GET', '/api/v1/auth/session')).statusCode).toBe(401);
    expect((await sessionRows(t)).some((r) => r.user_id === victim.id)).toBe(false);
    expect((await h.loginRaw({ email: 'leaver@acme.test', password })).json().code).toBe(
      'invalid_credentials',
    );
  });

  it('asks which workspace when the email has an account in two', async () => {
    const other = await createWorkspace(t.handle.db, { name: 'Globex', slug: 'globex' });
    await createUser(t.handle.db, {
      workspaceId: other.id,
      email: 'rep@acme.test',
      name: 'Rep at Globex',
      role: 'marketing',
      password,
    });
    const ambiguous = await h.loginRaw({ email: 'rep@acme.test', password });
    expect(ambiguous.statusCode).toBe(400);
    expect(ambiguous.json()).toMatchObject({ code: 'validation_failed', field: 'workspace' });
    const chosen = await h.loginRaw({ email: 'rep@acme.test', password, workspace: 'globex' });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().workspace.slug).toBe('globex');
    expect(chosen.json().user.role).toBe('marketing');
    const wrongSlug = await h.loginRaw({ email: 'rep@acme.test', password, workspace: 'initech' });
    expect(wrongSlug.json().code).toBe('invalid_credentials');
  });
});

describe('settings: users, teams, API keys and the audit log', () => {
  let t: TestApp;
  let fx: Awaited<ReturnType<typeof seed>>;
  const h = harness(() => t);
  let admin: Session;
  let rep: Session;
  beforeAll(async () => {
    t = await createTestApp();
    fx = await seed(t);
    admin = await h.login('admin@acme.test');
    rep = await h.login('rep@acme.test');
  });
  afterAll(async () => t?.close());

  it('lists users to any signed-in user, never with password hashes', async () => {
    const res = await h.as(rep, 'GET', '/api/v1/users');
    expect(res.statusCode).toBe(200);
    expect(
      res
        .json()
        .items.map((u: { email: string }) => u.email)
        .sort(),
    ).toEqual(['admin@acme.test', 'rep@acme.test']);
    expect(res.body).not.toMatch(/password|argon2/i);
  });

  it('keeps user, team and key management to admins (403 forbidden)', async () => {
    const attempts = [
      h.as(rep, 'POST', '/api/v1/users', { email: 'x@acme.test', name: 'X', role: 'sales_rep' }),
      h.as(rep, 'POST', '/api/v1/api-keys', { kind: 'secret' }),
      h.as(rep, 'GET', '/api/v1/api-keys'),
      h.as(rep, 'POST', '/api/v1/teams', { name: 'Mine', kind: 'sales' }),
      h.as(rep, 'GET', '/api/v1/audit-log'),
      h.as(rep, 'PATCH', `/api/v1/users/${fx.admin.id}`, { outOfOffice: true }),
      h.as(rep, 'PATCH', `/api/v1/users/${fx.rep.id}`, { role: 'admin' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.statusCode, res.body).toBe(403);
      expect(res.json().code).toBe('forbidden');
    }
  });

  it('lets a user set their own out-of-office', async () => {
    const res = await h.as(rep, 'PATCH', `/api/v1/users/${fx.rep.id}`, { outOfOffice: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id: fx.rep.id, outOfOffice: true, role: 'sales_rep' });
  });

  it('creates users and teams, changes roles, and audits each change', async () => {
    const team = await h.as(admin, 'POST', '/api/v1/teams', { name: 'West', kind: 'sales' });
    expect(team.statusCode).toBe(201);
    const dup = await h.as(admin, 'POST', '/api/v1/teams', { name: 'West', kind: 'sales' });
    expect(dup.statusCode).toBe(409);
    const created = await h.as(admin, 'POST', '/api/v1/users', {
      email: 'new@acme.test',
      name: 'New Rep',
      role: 'sales_rep',
      team: team.json().id,
      password: 'a long enough password',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      email: 'new@acme.test',
      teamId: team.json().id,
      status: 'active',
    });
    const promoted = await h.as(admin, 'PATCH', `/api/v1/users/${created.json().id}`, {
      role: 'sales_manager',
      name: 'New Manager',
    });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json()).toMatchObject({ role: 'sales_manager', name: 'New Manager' });
    const missing = await h.as(admin, 'PATCH', '/api/v1/users/0190a1b2-0000-7000-8000-000000000000', {
      name: 'N',
    });
    expect(missing.statusCode).toBe(404);
    const badTeam = await h.as(admin, 'PATCH', `/api/v1/users/${created.json().id}`, {
      teamId: '0190a1b2-0000-7000-8000-000000000000',
    });
    expect(badTeam.json()).toMatchObject({ code: 'validation_failed', field: '/teamId' });

    const roleChange = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'user.role_changed')
      .executeTakeFirstOrThrow();
    expect(roleChange).toMatchObject({
      actor_kind: 'user',
      actor_id: fx.admin.id,
      target_id: created.json().id,
      details: { from: 'sales_rep', to: 'sales_manager' },
    });
    expect(await auditActions(t, fx.workspace)).toEqual(
      expect.arrayContaining(['team.created', 'user.created', 'user.updated', 'user.role_changed']),
    );
  });

  it('never demotes or disables the last active admin', async () => {
    const demote = await h.as(admin, 'PATCH', `/api/v1/users/${fx.admin.id}`, { role: 'marketing' });
    expect(demote.statusCode).toBe(409);
    const disable = await h.as(admin, 'PATCH', `/api/v1/users/${fx.admin.id}`, { status: 'disabled' });
    expect(disable.statusCode).toBe(409);
  });

  it('shows an API key once, lists it without the key, and revokes it', async () => {
    const created = await h.as(admin, 'POST', '/api/v1/api-keys', { kind: 'secret', name: 'CRM sync' });
    expect(created.statusCode).toBe(201);
    const { id, key, prefix } = created.json();
    expect(key).toMatch(/^tds_/);
    expect(key.startsWith(prefix)).toBe(true);

    const listed = await h.as(admin, 'GET', '/api/v1/api-keys');
    expect(listed.statusCode).toBe(200);
    expect(listed.body).not.toContain(key);
    expect(listed.body).not.toMatch(/hash/i);
    expect(listed.json().items.find((k: { id: string }) => k.id === id)).toMatchObject({
      name: 'CRM sync',
      kind: 'secret',
      prefix,
      revokedAt: null,
    });

    const bearer = { authorization: `Bearer ${key}` };
    expect((await h.request({ method: 'GET', url: '/api/v1/users', headers: bearer })).statusCode).toBe(200);
    const revoked = await h.as(admin, 'DELETE', `/api/v1/api-keys/${id}`);
    expect(revoked.statusCode).toBe(204);
    const refused = await h.request({ method: 'GET', url: '/api/v1/users', headers: bearer });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().code).toBe('unauthenticated');
    expect((await h.as(admin, 'DELETE', `/api/v1/api-keys/${id}`)).statusCode).toBe(204);
    const unknown = await h.as(admin, 'DELETE', '/api/v1/api-keys/0190a1b2-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);

    const rows = await t.handle.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', 'in', ['api_key.created', 'api_key.revoked'])
      .where('target_id', '=', id)
      .execute();
    expect(rows.map((r) => r.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
    expect(JSON.stringify(rows)).not.toContain(key);
  });

  it('pages through the audit log, newest first', async () => {
    const seen: Array<{ id: string; at: string; action: string }> = [];
    let cursor: string | null = null;
    for (let page = 0; page < 50; page++) {
      const url: string = `/api/v1/audit-log?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await h.as(admin, 'GET', url);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      expect(body.items.length).toBeLessThanOrEqual(3);
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    const total = await t.handle.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', fx.workspace.id)
      .executeTakeFirstOrThrow();
    expect(seen).toHaveLength(total.n);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    const times = seen.map((e) => Date.parse(e.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(seen.map((e) => e.action)).toContain('auth.login_succeeded');
    const bad = await h.as(admin, 'GET', '/api/v1/audit-log?cursor=nonsense');
    expect(bad.json()).toMatchObject({ code: 'validation_failed', field: 'cursor' });
  });
});

describe('session cookie on an https origin', () => {
  let t: TestApp;
  const h = harness(() => t);
  beforeAll(async () => {
    t = await createTestApp({ env: { TANDEM_PUBLIC_URL: 'https://tandem.example.com' } });
    await seed(t);
  });
  afterAll(async () => t?.close());

  it('marks the cookie Secure', async () => {
    const res = await h.loginRaw({ email: 'admin@acme.test', password });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toContain('Secure');
  });
});
