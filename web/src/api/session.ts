import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Locale, Session, User } from './types.ts';

export type LoginInput = { email: string; password: string };
export type UserPatch = { locale?: Locale; displayName?: string };

export const login = (input: LoginInput): Promise<Session> => apiPost<Session>('/api/auth/login', input);
export const logout = (): Promise<void> => apiPost<void>('/api/auth/logout');
export const getMe = (signal?: AbortSignal): Promise<Session> =>
  apiGet<Session>('/api/me', undefined, signal);
export const updateMe = (patch: UserPatch): Promise<{ user: User }> =>
  apiPatch<{ user: User }>('/api/me', patch);

/** The signed-in user and their memberships; a 401 here sends the browser to the login page. */
export const useMe = () =>
  useQuery({ queryKey: queryKeys.me, queryFn: ({ signal }) => getMe(signal), staleTime: 60_000 });

export const useLogin = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (session) => {
      // A previous user's cached organisation data must never show to the next one.
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, session);
    },
  });
};

/** Ends the session; the caller decides what to forget and where to go (it differs per page). */
export const useLogout = () => useMutation({ mutationFn: logout });

export const useUpdateMe = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMe,
    onSuccess: ({ user }) => {
      queryClient.setQueryData<Session>(queryKeys.me, (old) => (old ? { ...old, user } : old));
    },
  });
};
