// The hub's public transparency log (module transparency-log): checkpoints, entries and proofs for
// the log explorer, and the trust policy the verification page checks against. Every route here is
// public by design (the log holds only hashes), so these calls work without a session.
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { ApiError, apiGet } from './client.ts';

/** One signed checkpoint as `GET /log/checkpoints` lists it. */
export type CheckpointSummary = {
  size: number;
  /** Standard base64 of the 32-byte root hash. */
  rootHash: string;
  createdAt: string;
  /** The signed note, verbatim, with the log's signature and any witness cosignatures. */
  note: string;
};

export type CheckpointPage = { items: CheckpointSummary[]; nextBefore: number | null };

/** One entry as `GET /log/entries/<index>` answers it. */
export type LogEntryRecord = {
  index: number;
  /** Standard base64 of the RFC 6962 leaf hash. */
  leafHash: string;
  /** Standard base64 of the entry's bytes (a 266-byte TradeLogEntry v1 in tradehub). */
  body: string;
  appendedAt: string;
};

/** `GET /log/proof/inclusion`: the RFC 9162 inclusion proof of an entry in a tree size. */
export type InclusionProofRecord = {
  index: number;
  size: number;
  leafHash: string;
  hashes: string[];
};

export const CHECKPOINT_PAGE_SIZE = 20;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const listCheckpoints = (before: number | null, signal?: AbortSignal): Promise<CheckpointPage> =>
  apiGet<CheckpointPage>('/log/checkpoints', { before, limit: CHECKPOINT_PAGE_SIZE }, signal);

export const getLogEntry = (index: number, signal?: AbortSignal): Promise<LogEntryRecord> =>
  apiGet<LogEntryRecord>(`/log/entries/${index}`, undefined, signal);

export const getInclusionProof = (
  index: number,
  size: number | null,
  signal?: AbortSignal,
): Promise<InclusionProofRecord> =>
  apiGet<InclusionProofRecord>('/log/proof/inclusion', { index, size }, signal);

/** Where the offline `.tlog-proof` of an entry downloads from (a plain link: the server names the file). */
export const tlogProofUrl = (index: number, size?: number): string =>
  `/log/proof/tlog-proof?${new URLSearchParams({ index: String(index), ...(size === undefined ? {} : { size: String(size) }) })}`;

/**
 * A text resource of the log (the checkpoint note, the verifier key). Failures become ApiError like
 * the JSON calls, so the UI tells "could not reach the hub" from "the hub said no".
 */
export const getLogText = async (path: string, signal?: AbortSignal): Promise<string> => {
  let response: Response;
  try {
    response = await fetch(path, {
      headers: { accept: 'text/plain, application/problem+json' },
      signal: signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') {
      throw cause;
    }
    throw new ApiError({ status: 0, code: 'client.network_error' });
  }
  const text = await response.text();
  if (!response.ok) {
    let code = 'client.unexpected_response';
    try {
      const body: unknown = JSON.parse(text);
      if (isRecord(body) && typeof body.code === 'string') {
        code = body.code;
      }
    } catch {
      // Not a problem document: keep the generic code.
    }
    throw new ApiError({ status: response.status, code });
  }
  return text;
};

/**
 * The trust policy the hub publishes for its own log and witnesses (`tradehub-trust-policy/v1`).
 * Anything else (an HTML page from a proxy, another JSON document) is an unexpected answer, so the
 * verification page says "could not check" instead of checking against nothing.
 */
export const getTrustPolicy = async (signal?: AbortSignal): Promise<unknown> => {
  const policy = await apiGet<unknown>('/log/trust-policy', undefined, signal);
  if (!isRecord(policy) || policy.type !== 'tradehub-trust-policy/v1') {
    throw new ApiError({ status: 200, code: 'client.unexpected_response' });
  }
  return policy;
};

// Not organisation data: shared by every signed-in and anonymous page, so not under ['orgs', …].
export const logQueryKeys = {
  trustPolicy: ['log', 'trust-policy'] as const,
  latestCheckpoint: ['log', 'checkpoint'] as const,
  checkpoints: ['log', 'checkpoints'] as const,
  entry: (index: number) => ['log', 'entry', index] as const,
  inclusion: (index: number, size: number) => ['log', 'inclusion', index, size] as const,
};

export const useTrustPolicy = () =>
  useQuery({
    queryKey: logQueryKeys.trustPolicy,
    queryFn: ({ signal }) => getTrustPolicy(signal),
    staleTime: 5 * 60_000,
  });

export const useLatestCheckpointNote = () =>
  useQuery({
    queryKey: logQueryKeys.latestCheckpoint,
    queryFn: ({ signal }) => getLogText('/log/checkpoint', signal),
    // The log moves with every batch; the explorer shows a fresh head without a reload.
    refetchInterval: 10_000,
  });

export const useCheckpoints = () =>
  useInfiniteQuery({
    queryKey: logQueryKeys.checkpoints,
    queryFn: ({ pageParam, signal }) => listCheckpoints(pageParam, signal),
    initialPageParam: null as number | null,
    getNextPageParam: (last) => last.nextBefore,
  });

export const useLogEntry = (index: number | null) =>
  useQuery({
    queryKey: logQueryKeys.entry(index ?? -1),
    queryFn: ({ signal }) => getLogEntry(index ?? 0, signal),
    enabled: index !== null,
    // Entries never change once in the log.
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useInclusionProof = (index: number | null, size: number | null) =>
  useQuery({
    queryKey: logQueryKeys.inclusion(index ?? -1, size ?? -1),
    queryFn: ({ signal }) => getInclusionProof(index ?? 0, size, signal),
    enabled: index !== null && size !== null && index < size,
    staleTime: Number.POSITIVE_INFINITY,
  });
