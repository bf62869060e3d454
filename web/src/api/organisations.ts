import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type {
  Organisation,
  OrganisationCreate,
  OrganisationPatch,
  OrganisationSummary,
  Page,
} from './types.ts';

export const listOrganisations = (signal?: AbortSignal): Promise<Page<OrganisationSummary>> =>
  apiGet<Page<OrganisationSummary>>('/api/orgs', undefined, signal);

export const createOrganisation = (input: OrganisationCreate): Promise<Organisation> =>
  apiPost<Organisation>('/api/orgs', input);

export const getOrganisation = (orgId: string, signal?: AbortSignal): Promise<Organisation> =>
  apiGet<Organisation>(`/api/orgs/${seg(orgId)}`, undefined, signal);

export const updateOrganisation = (orgId: string, patch: OrganisationPatch): Promise<Organisation> =>
  apiPatch<Organisation>(`/api/orgs/${seg(orgId)}`, patch);

export const useOrganisation = (orgId: string) =>
  useQuery({
    queryKey: queryKeys.organisation(orgId),
    queryFn: ({ signal }) => getOrganisation(orgId, signal),
  });

export const useCreateOrganisation = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createOrganisation,
    onSuccess: async (organisation) => {
      queryClient.setQueryData(queryKeys.organisation(organisation.id), organisation);
      // The new membership (caller = owner) arrives with the next /api/me.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
        queryClient.invalidateQueries({ queryKey: queryKeys.organisations, exact: true }),
      ]);
    },
  });
};

export const useUpdateOrganisation = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: OrganisationPatch) => updateOrganisation(orgId, patch),
    onSuccess: async (organisation) => {
      queryClient.setQueryData(queryKeys.organisation(orgId), organisation);
      // Memberships embed the organisation summary (names in the header and switcher).
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.me }),
        queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
      ]);
    },
  });
};
