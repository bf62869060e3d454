import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Member, Page, Role } from './types.ts';

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/members`;

export const listMembers = (orgId: string, signal?: AbortSignal): Promise<Page<Member>> =>
  apiGet<Page<Member>>(base(orgId), undefined, signal);

export const updateMemberRole = (orgId: string, userId: string, role: Role): Promise<Member> =>
  apiPatch<Member>(`${base(orgId)}/${seg(userId)}`, { role });

export const removeMember = (orgId: string, userId: string): Promise<void> =>
  apiDelete(`${base(orgId)}/${seg(userId)}`);

export const useMembers = (orgId: string) =>
  useQuery({ queryKey: queryKeys.members(orgId), queryFn: ({ signal }) => listMembers(orgId, signal) });

const useAfterMemberChange = (orgId: string) => {
  const queryClient = useQueryClient();
  // The caller's own role may be the one that changed, which the memberships in /api/me carry.
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.members(orgId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.me }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
    ]);
};

export const useUpdateMemberRole = (orgId: string) => {
  const refresh = useAfterMemberChange(orgId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) => updateMemberRole(orgId, userId, role),
    onSuccess: refresh,
  });
};

export const useRemoveMember = (orgId: string) => {
  const refresh = useAfterMemberChange(orgId);
  return useMutation({
    mutationFn: (userId: string) => removeMember(orgId, userId),
    onSuccess: refresh,
  });
};
