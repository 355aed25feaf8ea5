import type { ApiKeyKind, Role } from '@tandem/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api.js';

export type UserStatus = 'active' | 'disabled';
export type TeamKind = 'sales' | 'marketing' | 'partner';

export interface WorkspaceUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  partnerId: string | null;
  status: UserStatus;
  outOfOffice: boolean;
}

export interface Team {
  id: string;
  name: string;
  kind: TeamKind;
}

export interface ApiKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface CreatedApiKey {
  id: string;
  kind: ApiKeyKind;
  name: string;
  prefix: string;
  /** Shown once: the server keeps only a hash. */
  key: string;
}

export interface CreateUserInput {
  email: string;
  name: string;
  role: Role;
  /** Team id (or the name of a team to create). */
  team?: string;
  password?: string;
}

export interface UpdateUserInput {
  name?: string;
  role?: Role;
  teamId?: string | null;
  status?: UserStatus;
  outOfOffice?: boolean;
}

const keys = {
  users: ['settings', 'users'] as const,
  teams: ['settings', 'teams'] as const,
  apiKeys: ['settings', 'api-keys'] as const,
};

interface List<T> {
  items: T[];
}

export function useUsers() {
  return useQuery({
    queryKey: keys.users,
    queryFn: async () => (await api<List<WorkspaceUser>>('/api/v1/users')).items,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: keys.teams,
    queryFn: async () => (await api<List<Team>>('/api/v1/teams')).items,
  });
}

export function useApiKeys() {
  return useQuery({
    queryKey: keys.apiKeys,
    queryFn: async () => (await api<List<ApiKey>>('/api/v1/api-keys')).items,
  });
}

export function useCreateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) =>
      api<WorkspaceUser>('/api/v1/users', { method: 'POST', body: input }),
    // Creating a user may also create the team named in the form.
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: keys.users }),
        client.invalidateQueries({ queryKey: keys.teams }),
      ]),
  });
}

export function useUpdateUser() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: UpdateUserInput }) =>
      api<WorkspaceUser>(`/api/v1/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: changes }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.users }),
  });
}

export function useCreateTeam() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { name: string; kind: TeamKind }) =>
      api<Team>('/api/v1/teams', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.teams }),
  });
}

export function useCreateApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { kind: ApiKeyKind; name?: string }) =>
      api<CreatedApiKey>('/api/v1/api-keys', { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/api/v1/api-keys/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.apiKeys }),
  });
}
