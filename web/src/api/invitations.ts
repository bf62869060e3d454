import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Invitation, OrganisationSummary, Page, Role, Session } from './types.ts';

export type InvitationCreate = { email: string; role: Role };
export type InvitationCreated = { invitation: Invitation; acceptUrl: string };
export type InvitationPreview = {
  organisation: OrganisationSummary;
  email: string;
  role: Role;
  /** Sent by the server beyond the contract: whether the invited address already has an account. */
  hasAccount?: boolean;
};
export type InvitationAccept = { token: string; displayName?: string; password?: string };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/invitations`;

export const listInvitations = (orgId: string, signal?: AbortSignal): Promise<Page<Invitation>> =>
  apiGet<Page<Invitation>>(base(orgId), undefined, signal);

export const createInvitation = (orgId: string, input: InvitationCreate): Promise<InvitationCreated> =>
  apiPost<InvitationCreated>(base(orgId), input);

export const revokeInvitation = (orgId: string, invitationId: string): Promise<void> =>
  apiDelete(`${base(orgId)}/${seg(invitationId)}`);

export const getInvitationByToken = (token: string, signal?: AbortSignal): Promise<InvitationPreview> =>
  apiGet<InvitationPreview>(`/api/invitations/${seg(token)}`, undefined, signal);

export const acceptInvitation = (input: InvitationAccept): Promise<Session> =>
  apiPost<Session>('/api/invitations/accept', input);

export const useInvitations = (orgId: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.invitations(orgId),
    queryFn: ({ signal }) => listInvitations(orgId, signal),
    enabled,
  });

export const useCreateInvitation = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: InvitationCreate) => createInvitation(orgId, input),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.invitations(orgId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
      ]),
  });
};

export const useRevokeInvitation = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => revokeInvitation(orgId, invitationId),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.invitations(orgId) }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
      ]),
  });
};

export const useInvitationPreview = (token: string) =>
  useQuery({
    queryKey: queryKeys.invitationByToken(token),
    queryFn: ({ signal }) => getInvitationByToken(token, signal),
    // A used or unknown token answers 404 and stays so; retrying only delays the message.
    retry: false,
  });

export const useAcceptInvitation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: acceptInvitation,
    onSuccess: (session) => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, session);
    },
  });
};
