import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import {
  addFailedChunk,
  addOutcomes,
  chunk,
  emptyTally,
  type MessageOutcome,
  type UploadTally,
} from '../components/customs/upload-batches.ts';
import { apiGet, apiPost, isApiError, seg } from './client.ts';

// The customs module's HTTP API (server/src/modules/customs/routes.ts): the clearance board, the
// parcels of three-document matching, their messages, the audited reveal of a buyer, and the
// batch intake of CEB messages.

export const PARCEL_STATES = [
  'waiting',
  'failed',
  'released',
  'inspection',
  'refused',
  'cancelled',
  'returned',
] as const;
export type ParcelState = (typeof PARCEL_STATES)[number];

/** Supervision modes of retail import (reference §7): 9610 direct purchase, 1210/1239 bonded. */
export const TRADE_MODES = ['9610', '1210', '1239'] as const;

export type DocumentPresence = { order: boolean; payment: boolean; waybill: boolean; inventory: boolean };

export type ParcelSummary = {
  id: string;
  orderNo: string;
  ebpCode: string | null;
  logisticsNo: string | null;
  invtNo: string | null;
  state: string;
  tradeMode: string | null;
  customsCode: string | null;
  documents: DocumentPresence;
  /** Decimal string, 2 fraction digits (CNY). */
  taxTotal: string | null;
  dutiableValue: string | null;
  findings: number;
  refusalCode: string | null;
  updatedAt: string;
};

export type ClearanceBoard = {
  byState: { state: string; tradeMode: string | null; count: number }[];
  total: number;
  /** Decimal string (CNY) of the tax on released parcels. */
  taxWithheld: string;
  quotaRejections: number;
  matchingFailures: number;
  riskHits: number;
  recentFailures: ParcelSummary[];
  /** Which tariff the sandbox taxes with: the operator's import, or the illustrative sample. */
  tariff: { source: 'imported' | 'illustrative_sample'; lines: number };
};

export type ParcelMessage = {
  id: string;
  messageType: string;
  guid: string;
  /** False for another party's message: listed, but only its sender and customs may open it. */
  readable: boolean;
  receivedAt: string;
  sha256: string;
  signature: unknown;
};

export type ParcelReceipt = {
  id: string;
  messageId: string;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  createdAt: string;
};

export type ParcelEvent = {
  seq: number;
  at: string;
  kind: string;
  state: string;
  messageId: string | null;
  detail: unknown;
};

export type BuyerIdentifiers = { idNumber: string | null; name: string | null; telephone: string | null };

export type ParcelDetail = ParcelSummary & {
  /** Masked by the server. */
  buyer: BuyerIdentifiers;
  messages: ParcelMessage[];
  receipts: ParcelReceipt[];
  timeline: ParcelEvent[];
  /** The matching findings (RuleFinding[]); read with components/customs/findings.ts. */
  findingsDetail: unknown;
  /** Whatever the tax computation stored; read with components/customs/tax-bill.ts. */
  tax: unknown;
  risk: unknown;
};

export type CustomsMessage = {
  id: string;
  messageType: string;
  guid: string;
  receivedAt: string;
  sha256: string;
  /** The message with ID numbers and phones masked. */
  xml: string;
  anchor: { batchId: string; index: number; size: number; entryLeafHash: string; path: string[] };
};

export type ParcelFilters = { state: ParcelState | null; tradeMode: string | null; q: string };

export type ParcelPage = { items: ParcelSummary[]; nextCursor: string | null };

export const PARCELS_PAGE_SIZE = 50;
const EXPORT_PAGE_SIZE = 500;
/** How often the board refreshes while its tab is visible. */
export const BOARD_REFRESH_MS = 5_000;

export const customsKeys = {
  all: (orgId: string) => ['orgs', orgId, 'customs'] as const,
  board: (orgId: string) => ['orgs', orgId, 'customs', 'board'] as const,
  parcels: (orgId: string, filters: ParcelFilters) =>
    [
      'orgs',
      orgId,
      'customs',
      'parcels',
      filters.state ?? '',
      filters.tradeMode ?? '',
      filters.q.trim(),
    ] as const,
  parcel: (orgId: string, parcelId: string) => ['orgs', orgId, 'customs', 'parcel', parcelId] as const,
  message: (orgId: string, messageId: string) => ['orgs', orgId, 'customs', 'message', messageId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/customs`;

export const getClearanceBoard = (orgId: string, signal?: AbortSignal): Promise<ClearanceBoard> =>
  apiGet<ClearanceBoard>(`${base(orgId)}/board`, undefined, signal);

export const listParcels = (
  orgId: string,
  filters: ParcelFilters,
  cursor: string | null,
  limit = PARCELS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<ParcelPage> =>
  apiGet<ParcelPage>(
    `${base(orgId)}/parcels`,
    { state: filters.state, tradeMode: filters.tradeMode, q: filters.q.trim(), cursor, limit },
    signal,
  );

export const getParcel = (orgId: string, parcelId: string, signal?: AbortSignal): Promise<ParcelDetail> =>
  apiGet<ParcelDetail>(`${base(orgId)}/parcels/${seg(parcelId)}`, undefined, signal);

export const getCustomsMessage = (
  orgId: string,
  messageId: string,
  signal?: AbortSignal,
): Promise<CustomsMessage> =>
  apiGet<CustomsMessage>(`${base(orgId)}/messages/${seg(messageId)}`, undefined, signal);

/** The parcel's buyer unmasked; customs authorities only, and the server audits the reason. */
export const revealBuyer = (orgId: string, parcelId: string, reason: string): Promise<BuyerIdentifiers> =>
  apiPost<BuyerIdentifiers>(`${base(orgId)}/parcels/${seg(parcelId)}/reveal`, { reason: reason.trim() });

/** A buyer's own annual quota, from the public query (ID number and name; no session). */
export type BuyerOwnQuota = {
  year: number;
  idNumber: string;
  limit: string;
  used: string;
  remaining: string;
};

export const getBuyerOwnQuota = (idNumber: string, name: string): Promise<BuyerOwnQuota> =>
  apiPost<BuyerOwnQuota>('/api/customs/buyer-quota', { idNumber: idNumber.trim(), name: name.trim() });

/** A customs officer's decision on a parcel under inspection. */
export const decideInspection = (
  orgId: string,
  parcelId: string,
  outcome: 'release' | 'refuse',
  note: string,
): Promise<{ state: ParcelState }> =>
  apiPost<{ state: ParcelState }>(`${base(orgId)}/parcels/${seg(parcelId)}/inspection`, {
    outcome,
    note: note.trim(),
  });

/** The parcels whose order, waybill or inventory number is exactly `q` (at most `limit`). */
export const findParcels = (orgId: string, q: string, limit = 20): Promise<ParcelPage> =>
  listParcels(orgId, { state: null, tradeMode: null, q }, null, limit);

/** Every parcel of the filtered list, page by page, up to `maxRows` (for exports). */
export const collectParcels = async (
  orgId: string,
  filters: ParcelFilters,
  maxRows: number,
  onProgress: (count: number) => void,
): Promise<{ parcels: ParcelSummary[]; truncated: boolean }> => {
  const parcels: ParcelSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await listParcels(orgId, filters, cursor, EXPORT_PAGE_SIZE);
    parcels.push(...page.items);
    onProgress(parcels.length);
    cursor = page.nextCursor;
  } while (cursor !== null && parcels.length < maxRows);
  return { parcels: parcels.slice(0, maxRows), truncated: cursor !== null || parcels.length > maxRows };
};

export type CebFile = { name: string; xml: string };

/**
 * Sends the files' XML as CEB messages for `orgId`, 100 a request, one request at a time (the
 * server processes a batch in one transaction; parallel batches would only contend), calling
 * `onProgress` after each chunk. A failed request marks its chunk's files failed and the upload
 * goes on with the next chunk, so one bad chunk does not lose the others' outcomes.
 */
export const uploadCebMessages = async (
  orgId: string,
  files: readonly CebFile[],
  onProgress: (tally: UploadTally) => void,
  batchSize?: number,
): Promise<UploadTally> => {
  let tally = emptyTally(files.length);
  onProgress(tally);
  for (const part of chunk(files, batchSize)) {
    const names = part.map((file) => file.name);
    try {
      const answer = await apiRequestBatch(
        orgId,
        part.map((file) => file.xml),
      );
      tally = addOutcomes(tally, names, answer.outcomes);
    } catch (error) {
      tally = addFailedChunk(tally, names, isApiError(error) ? error.code : 'client.network_error');
    }
    onProgress(tally);
  }
  return tally;
};

const apiRequestBatch = (orgId: string, messages: string[]): Promise<{ outcomes: MessageOutcome[] }> =>
  apiPost<{ outcomes: MessageOutcome[] }>(`/api/customs/ceb/batch?org=${encodeURIComponent(orgId)}`, {
    messages,
  });

export const useClearanceBoard = (orgId: string) =>
  useQuery({
    queryKey: customsKeys.board(orgId),
    queryFn: ({ signal }) => getClearanceBoard(orgId, signal),
    refetchInterval: BOARD_REFRESH_MS,
    // A hidden tab stops polling (the default, said here because the board depends on it).
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

export const useParcels = (orgId: string, filters: ParcelFilters) =>
  useInfiniteQuery({
    queryKey: customsKeys.parcels(orgId, filters),
    queryFn: ({ pageParam, signal }) => listParcels(orgId, filters, pageParam, PARCELS_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useParcel = (orgId: string, parcelId: string) =>
  useQuery({
    queryKey: customsKeys.parcel(orgId, parcelId),
    queryFn: ({ signal }) => getParcel(orgId, parcelId, signal),
  });

export const useCustomsMessage = (orgId: string, messageId: string | null) =>
  useQuery({
    queryKey: customsKeys.message(orgId, messageId ?? ''),
    queryFn: ({ signal }) => getCustomsMessage(orgId, messageId ?? '', signal),
    enabled: messageId !== null,
    // A received message never changes.
    staleTime: Number.POSITIVE_INFINITY,
  });
