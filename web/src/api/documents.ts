import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JsonValue } from '@tradehub/kernel';
import type { DocumentStatus, DocumentType } from '../components/documents/document-types.ts';
import { ApiError, apiGet, apiPost, isUnauthenticated, type ProblemFieldError, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { CursorPage } from './types.ts';

// The documents module's HTTP API (server/src/modules/documents/routes.ts): signed trade documents
// as W3C Verifiable Credentials, anchored in the transparency log.

export type DataIntegrityProof = {
  type: string;
  cryptosuite: string;
  created: string;
  verificationMethod: string;
  proofPurpose: string;
  proofValue: string;
};

export type CredentialStatusEntry = {
  id: string;
  type: string;
  statusPurpose: string;
  statusListIndex: string;
  statusListCredential: string;
};

/** The signed credential exactly as the server stores it (W3C VC 2.0, eddsa-jcs-2022). */
export type Credential = {
  '@context': string[];
  id: string;
  type: string[];
  issuer: { id: string; name?: string };
  validFrom: string;
  validUntil?: string;
  nonce?: string;
  credentialSubject: { type: string; documentNumber: string; [key: string]: JsonValue };
  credentialStatus?: CredentialStatusEntry[];
  proof?: DataIntegrityProof;
};

/** One row of the list. `logIndex` is null until the log has integrated the ISSUE entry. */
export type DocumentSummary = {
  id: string;
  credentialId: string;
  documentType: DocumentType;
  documentNumber: string;
  status: DocumentStatus;
  /** The document's position in the organisation's revocation and suspension lists. */
  statusIndex: number;
  /** SHA-256 of the JCS form of the credential without its proof, hex: the log entry's doc_hash. */
  docHash: string;
  logIndex: number | null;
  issuedAt: string;
};

export type LogPosition = { state: 'pending' } | { state: 'integrated'; index: number };

export type DocumentDetail = DocumentSummary & {
  revokedAt: string | null;
  revocationReason: string | null;
  /** The user or API key id that issued it. */
  issuedBy: string;
  validUntil: string | null;
  log: LogPosition;
  credential: Credential;
  /** `<publicUrl>/verify?doc=<id>&t=<token>`: the capability link printed as the QR code. */
  verificationUrl: string;
};

/** What the issue routes answer for each document. */
export type IssuedDocument = { id: string; credentialId: string; documentNumber: string; docHash: string };

export type DocumentIssueInput = {
  documentType: DocumentType;
  documentNumber: string;
  subject: { [key: string]: JsonValue };
  validUntil?: string;
};

export type DocumentFilters = {
  type: DocumentType | null;
  status: DocumentStatus | null;
  /** The exact document number (the server matches it whole). */
  number: string;
};

export const DOCUMENTS_PAGE_SIZE = 50;
// Exports walk the filtered list in bigger pages to need fewer round trips.
const EXPORT_PAGE_SIZE = 200;

// Cache keys under ['orgs', orgId, ...] like query-keys.ts, so switching organisation never mixes
// data; kept here because only the documents pages use them.
export const documentKeys = {
  all: (orgId: string) => ['orgs', orgId, 'documents'] as const,
  list: (orgId: string, filters: DocumentFilters) =>
    [
      'orgs',
      orgId,
      'documents',
      'list',
      filters.type ?? '',
      filters.status ?? '',
      filters.number.trim(),
    ] as const,
  one: (orgId: string, documentId: string) => ['orgs', orgId, 'documents', 'one', documentId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/documents`;
const one = (orgId: string, documentId: string) => `${base(orgId)}/${seg(documentId)}`;

export const listDocuments = (
  orgId: string,
  filters: DocumentFilters,
  cursor: string | null,
  limit = DOCUMENTS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<CursorPage<DocumentSummary>> =>
  apiGet<CursorPage<DocumentSummary>>(
    base(orgId),
    {
      limit,
      cursor,
      type: filters.type,
      status: filters.status,
      number: filters.number.trim(),
    },
    signal,
  );

export const getDocument = (
  orgId: string,
  documentId: string,
  signal?: AbortSignal,
): Promise<DocumentDetail> => apiGet<DocumentDetail>(one(orgId, documentId), undefined, signal);

export const issueDocument = (orgId: string, input: DocumentIssueInput): Promise<DocumentDetail> =>
  apiPost<DocumentDetail>(base(orgId), input);

/** A batch is all or nothing: either every document is issued, in request order, or none. */
export const issueDocumentBatch = (
  orgId: string,
  documents: DocumentIssueInput[],
): Promise<{ items: IssuedDocument[] }> =>
  apiPost<{ items: IssuedDocument[] }>(`${base(orgId)}/batch`, { documents });

export const revokeDocument = (orgId: string, documentId: string, reason: string): Promise<DocumentDetail> =>
  apiPost<DocumentDetail>(`${one(orgId, documentId)}/revoke`, { reason });

// The reason of a suspension or of lifting one is optional; an empty one is not sent.
const optionalReason = (reason: string | undefined) => (reason?.trim() ? { reason: reason.trim() } : {});

export const suspendDocument = (
  orgId: string,
  documentId: string,
  reason?: string,
): Promise<DocumentDetail> =>
  apiPost<DocumentDetail>(`${one(orgId, documentId)}/suspend`, optionalReason(reason));

export const unsuspendDocument = (
  orgId: string,
  documentId: string,
  reason?: string,
): Promise<DocumentDetail> =>
  apiPost<DocumentDetail>(`${one(orgId, documentId)}/unsuspend`, optionalReason(reason));

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const fieldErrorsOf = (value: unknown): ProblemFieldError[] =>
  Array.isArray(value)
    ? value.filter(isRecord).map((item) => ({
        field: typeof item.field === 'string' ? item.field : '',
        code: typeof item.code === 'string' ? item.code : '',
        message: typeof item.message === 'string' ? item.message : '',
      }))
    : [];

/**
 * A file from the API as the server sent it, byte for byte: a bundle is signed data, and a JSON
 * round trip through the browser could change numbers in it. A problem answer becomes an ApiError
 * like every other call's.
 */
const fetchFile = async (path: string, accept: string): Promise<Blob> => {
  let response: Response;
  try {
    response = await fetch(path, {
      credentials: 'same-origin',
      headers: { accept: `${accept}, application/problem+json` },
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
  if (!isRecord(body) || typeof body.code !== 'string') {
    throw new ApiError({ status: response.status, code: 'client.unexpected_response' });
  }
  const error = new ApiError({
    status: response.status,
    code: body.code,
    ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    ...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
    errors: fieldErrorsOf(body.errors),
  });
  if (isUnauthenticated(error)) {
    // The session ended; a reload sends the user through the login page and back here.
    window.location.reload();
  }
  throw error;
};

/** The `tradehub-bundle/v1` file; 409 `documents.not_yet_anchored` until a checkpoint covers it. */
export const fetchDocumentBundle = (orgId: string, documentId: string): Promise<Blob> =>
  fetchFile(`${one(orgId, documentId)}/bundle`, 'application/json');

export const fetchDocumentPdf = (orgId: string, documentId: string): Promise<Blob> =>
  fetchFile(`${one(orgId, documentId)}/pdf`, 'application/pdf');

const LIST_POLL_MS = 5000;
const FRESH_MS = 60_000;

/** Issued within the last minute and not yet in the log: its index is worth waiting for. */
export const isFreshlyPending = (item: Pick<DocumentSummary, 'logIndex' | 'issuedAt'>): boolean =>
  item.logIndex === null && Date.now() - Date.parse(item.issuedAt) < FRESH_MS;

/** Documents newest first, one page per "load more". */
export const useDocuments = (orgId: string, filters: DocumentFilters) =>
  useInfiniteQuery({
    queryKey: documentKeys.list(orgId, filters),
    queryFn: ({ pageParam, signal }) => listDocuments(orgId, filters, pageParam, DOCUMENTS_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A just-issued row gains its log index within seconds, so the list refreshes while one that
    // recent waits. Older rows are not waited for: the server fills a row's index in when the
    // document is read, so a list could otherwise poll forever.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isFreshlyPending)) ? LIST_POLL_MS : false,
  });

/** How often the detail page asks again while the document waits for the log. */
export const ANCHOR_POLL_MS = 2000;

/** One document; polls while its log entry is not yet integrated. */
export const useDocument = (orgId: string, documentId: string) =>
  useQuery({
    queryKey: documentKeys.one(orgId, documentId),
    queryFn: ({ signal }) => getDocument(orgId, documentId, signal),
    refetchInterval: (query) =>
      query.state.data && query.state.data.logIndex === null ? ANCHOR_POLL_MS : false,
  });

export type DocumentsCollectResult = { documents: DocumentSummary[]; truncated: boolean };

/** Follows the cursor until the filtered list ends or `maxRows` is reached, for exports. */
export const collectDocuments = async (
  orgId: string,
  filters: DocumentFilters,
  maxRows: number,
  onProgress?: (count: number) => void,
): Promise<DocumentsCollectResult> => {
  const documents: DocumentSummary[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page: CursorPage<DocumentSummary> = await listDocuments(orgId, filters, cursor, EXPORT_PAGE_SIZE);
    documents.push(...page.items);
    onProgress?.(documents.length);
    if (!page.nextCursor || page.items.length === 0) {
      return { documents, truncated: false };
    }
    if (documents.length >= maxRows) {
      return { documents: documents.slice(0, maxRows), truncated: true };
    }
    cursor = page.nextCursor;
  }
};

const useRefreshDocuments = (orgId: string) => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: documentKeys.all(orgId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.audit(orgId) }),
    ]);
};

export const useIssueDocument = (orgId: string) => {
  const refresh = useRefreshDocuments(orgId);
  return useMutation({
    mutationFn: (input: DocumentIssueInput) => issueDocument(orgId, input),
    onSuccess: refresh,
  });
};

export const useIssueDocumentBatch = (orgId: string) => {
  const refresh = useRefreshDocuments(orgId);
  return useMutation({
    mutationFn: (documents: DocumentIssueInput[]) => issueDocumentBatch(orgId, documents),
    onSuccess: refresh,
  });
};

export type StatusAction = 'revoke' | 'suspend' | 'unsuspend';

/** Revocation needs a reason; suspending and lifting a suspension may give one. */
export type StatusChange = { action: StatusAction; reason: string };

export const useChangeDocumentStatus = (orgId: string, documentId: string) => {
  const refresh = useRefreshDocuments(orgId);
  return useMutation({
    mutationFn: (change: StatusChange) =>
      change.action === 'revoke'
        ? revokeDocument(orgId, documentId, change.reason.trim())
        : change.action === 'suspend'
          ? suspendDocument(orgId, documentId, change.reason)
          : unsuspendDocument(orgId, documentId, change.reason),
    onSuccess: refresh,
  });
};
