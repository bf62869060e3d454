import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, isUnauthenticated, seg } from './client.ts';

// Transferable records (electronic bills of lading) of the documents module: the title chain of
// each record, anchored in the transparency log. Only the current holder acts on a record.

export const RECORD_STATUSES = ['active', 'surrendered', 'accomplished'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const RECORD_LIST_ROLES = ['holder', 'issuer', 'past'] as const;
export type RecordListRole = (typeof RECORD_LIST_ROLES)[number];

export const TITLE_ACTIONS = [
  'transfer_holder',
  'endorse',
  'blank_endorse',
  'surrender_for_delivery',
  'accept_surrender',
  'reject_surrender',
  'amend',
] as const;
export type TitleAction = (typeof TITLE_ACTIONS)[number];

export type TitleChainAction = {
  seq: number;
  action: string;
  pintCode: string;
  byOrganisationId: string;
  toOrganisationId: string | null;
  at: string;
  entryHash: string;
  logIndex: number | null;
};

export type RecordView = {
  id: string;
  documentId: string;
  documentNumber: string;
  status: RecordStatus;
  issuerOrganisationId: string;
  holderOrganisationId: string;
  holderName: string;
  endorseeOrganisationId: string | null;
  headHash: string;
  actions: TitleChainAction[];
};

export const recordKeys = {
  all: (orgId: string) => ['orgs', orgId, 'transferable-records'] as const,
  list: (orgId: string, role: RecordListRole) =>
    ['orgs', orgId, 'transferable-records', 'list', role] as const,
  one: (orgId: string, recordId: string) => ['orgs', orgId, 'transferable-records', 'one', recordId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/transferable-records`;
const one = (orgId: string, recordId: string) => `${base(orgId)}/${seg(recordId)}`;

export const listRecords = (orgId: string, role: RecordListRole, signal?: AbortSignal) =>
  apiGet<{ items: RecordView[] }>(base(orgId), { role }, signal);

export const getRecord = (orgId: string, recordId: string, signal?: AbortSignal) =>
  apiGet<RecordView>(one(orgId, recordId), undefined, signal);

export type TitleActionInput = { action: TitleAction; toOrganisationId?: string; expectedHead: string };

/** The action extends the head the page showed; if another action came first the server answers 409. */
export const runTitleAction = (orgId: string, recordId: string, input: TitleActionInput) =>
  apiPost<RecordView>(`${one(orgId, recordId)}/actions`, input);

/** The `tradehub-title-chain` JSON byte for byte (it is verified offline; no JSON round trip). */
export const fetchTitleChain = async (orgId: string, recordId: string): Promise<Blob> => {
  let response: Response;
  try {
    response = await fetch(`${one(orgId, recordId)}/chain`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json, application/problem+json' },
    });
  } catch {
    throw new ApiError({ status: 0, code: 'client.network_error' });
  }
  if (response.ok) {
    return response.blob();
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const code =
    typeof body === 'object' && body !== null && typeof (body as { code?: unknown }).code === 'string'
      ? (body as { code: string }).code
      : 'client.unexpected_response';
  const error = new ApiError({ status: response.status, code });
  if (isUnauthenticated(error)) {
    window.location.reload();
  }
  throw error;
};

export const useRecords = (orgId: string, role: RecordListRole) =>
  useQuery({
    queryKey: recordKeys.list(orgId, role),
    queryFn: ({ signal }) => listRecords(orgId, role, signal),
  });

export const useRecord = (orgId: string, recordId: string) =>
  useQuery({
    queryKey: recordKeys.one(orgId, recordId),
    queryFn: ({ signal }) => getRecord(orgId, recordId, signal),
  });

export const useTitleAction = (orgId: string, recordId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TitleActionInput) => runTitleAction(orgId, recordId, input),
    onSettled: () => queryClient.invalidateQueries({ queryKey: recordKeys.all(orgId) }),
  });
};
