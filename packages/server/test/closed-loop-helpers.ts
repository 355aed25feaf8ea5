import type { Role } from '@tandem/contracts';
import type { InjectOptions, Response } from 'light-my-request';
import { expect } from 'vitest';
import { createApiKey, createUser, createWorkspace } from '../src/app/workspaces.js';
import type { TestApp } from './app.js';

const password = 'closed loop password';

export interface Caller {
  (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response>;
  userId: string | null;
}

/** A workspace with one logged-in user per named role, and a secret key acting as admin. */
export async function workspaceWithUsers(
  t: TestApp,
  people: ReadonlyArray<readonly [string, Role, string | null]>,
): Promise<{ workspaceId: string; as: Record<string, Caller>; key: Caller }> {
  const db = t.handle.db;
  const workspace = await createWorkspace(db, {
    name: 'Acme',
    slug: `acme-${Math.random().toString(36).slice(2, 8)}`,
  });
  const as: Record<string, Caller> = {};
  let ip = 0;
  for (const [name, role, team] of people) {
    const user = await createUser(db, {
      workspaceId: workspace.id,
      email: `${name}@acme.test`,
      name,
      role,
      team,
      password,
    });
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: `${name}@acme.test`, password },
      remoteAddress: `10.9.0.${++ip}`,
    });
    expect(login.statusCode, login.body).toBe(200);
    const token = login.cookies.find((c) => c.name === 'tandem_session')!.value;
    const csrf = login.json().csrfToken as string;
    const call = ((method, url, payload, headers = {}) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: `tandem_session=${token}`, 'x-csrf-token': csrf, ...headers },
        ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
      })) as Caller;
    call.userId = user.id;
    as[name] = call;
  }
  const secret = (await createApiKey(db, { workspaceId: workspace.id, kind: 'secret' })).key;
  const key = ((method, url, payload, headers = {}) =>
    t.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${secret}`, ...headers },
      ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
    })) as Caller;
  key.userId = null;
  return { workspaceId: workspace.id, as, key };
}

export async function expectStatus(res: Promise<Response> | Response, status: number) {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

export const json = async (res: Promise<Response> | Response, status = 200) =>
  (await expectStatus(res, status)).json();

export const csv = { 'content-type': 'text/csv' };
