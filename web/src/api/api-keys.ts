import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPost, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { ApiKey, ApiKeyScope, Page } from './types.ts';

export type ApiKeyCreate = { name: string; scopes: ApiKeyScope[] };
export type ApiKeyCreated = { apiKey: ApiKey; secret: string };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/api-keys`;

export const listApiKeys = (orgId: string, signal?: AbortSignal): Promise<Page<ApiKey>> =>
  apiGet<Page<ApiKey>>(base(orgId), undefined, signal);

export const createApiKey = (orgId: string, input: ApiKeyCreate): Promise<ApiKeyCreated> =>
  apiPost<ApiKeyCreated>(base(orgId), input);

export const revokeApiKey = (orgId: string, keyId: string): Promise<void> =>
  apiDelete(`${base(orgId)}/${seg(keyId)}`);

export const useApiKeys = (orgId: string, enabled: boolean) =>
  useQuery({
    queryKey: queryKeys.apiKeys(orgId),
    queryFn: ({ signal }) => listApiKeys(orgId, signal),
    enabled,
  });

const useRefreshKeys = (orgId: string) => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(orgId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
    ]);
};

export const useCreateApiKey = (orgId: string) => {
  const refresh = useRefreshKeys(orgId);
  return useMutation({ mutationFn: (input: ApiKeyCreate) => createApiKey(orgId, input), onSuccess: refresh });
};

export const useRevokeApiKey = (orgId: string) => {
  const refresh = useRefreshKeys(orgId);
  return useMutation({ mutationFn: (keyId: string) => revokeApiKey(orgId, keyId), onSuccess: refresh });
};
