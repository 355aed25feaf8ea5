import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { fetchSession, type LoginInput, login, logout, type Session } from './auth-api.js';

export const sessionQueryKey = ['session'] as const;

/** The session query, shared by route guards (ensureQueryData) and components (useQuery). */
export const sessionQuery = queryOptions({
  queryKey: sessionQueryKey,
  queryFn: fetchSession,
  staleTime: 60_000,
  retry: false,
});

/** The session as React state: null when logged out. */
export function useSession() {
  return useQuery(sessionQuery);
}

/** The logged-in session inside the authenticated layout, where it is known to exist. */
export function useCurrentSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useCurrentSession is only valid inside the authenticated layout');
  return data;
}

export function useLogin() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => login(input),
    onSuccess: (session) => {
      // Data cached for the previous user must never be shown to the next one.
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      client.setQueryData(sessionQueryKey, session);
    },
  });
}

export function useLogout() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionQueryKey[0] });
      client.setQueryData(sessionQueryKey, null);
    },
  });
}
