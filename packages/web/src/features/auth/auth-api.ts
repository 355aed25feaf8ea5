import type { Role } from '@tandem/contracts';
import { ApiError, api, setCsrfToken } from '../../lib/api.js';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  partnerId: string | null;
}

export interface SessionWorkspace {
  id: string;
  name: string;
  slug: string;
}

export interface Session {
  user: SessionUser;
  workspace: SessionWorkspace;
  csrfToken: string;
}

export interface LoginInput {
  email: string;
  password: string;
  workspace?: string;
}

function remember(session: Session): Session {
  setCsrfToken(session.csrfToken);
  return session;
}

/** The current session, or null when nobody is logged in (or the session ended). */
export async function fetchSession(): Promise<Session | null> {
  try {
    return remember(await api<Session>('/api/v1/auth/session'));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export async function login(input: LoginInput): Promise<Session> {
  const body: LoginInput = { email: input.email.trim(), password: input.password };
  if (input.workspace?.trim()) body.workspace = input.workspace.trim();
  return remember(await api<Session>('/api/v1/auth/login', { method: 'POST', body }));
}

export async function logout(): Promise<void> {
  try {
    await api<void>('/api/v1/auth/logout', { method: 'POST' });
  } finally {
    setCsrfToken(null);
  }
}
