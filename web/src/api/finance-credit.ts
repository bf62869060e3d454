import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';

// Credit scores (server/src/modules/finance/credit/routes-credit.ts; contract in
// docs/credit-scores.md): the published scorecard, signed snapshots of the organisation's own
// score, and snapshots other organisations shared with a financier.

export const CREDIT_FACTORS = [
  'tradeVolume',
  'orderReliability',
  'counterparties',
  'settlement',
  'tenure',
  'financing',
  'disputes',
] as const;
export type CreditFactor = (typeof CREDIT_FACTORS)[number];

/** Why a factor gave its points: `credit.explain.<key>` filled with `values`. */
export type CreditExplanation = { key: string; values: Record<string, number> };

export type FactorScore = {
  factor: string;
  points: number;
  min: number;
  max: number;
  explanation: CreditExplanation;
};

export type Bilingual = { en: string; 'zh-CN': string };

export type SnapshotLog = {
  /** The TradeLogEntry v1, base64. */
  entry: string;
  leafHash: string;
  /** Null until a checkpoint covers the entry. */
  index: number | null;
  /** C2SP tlog-proof@v1 text, null until `index` is known. */
  tlogProof: string | null;
  verifierKey: string;
};

export type CreditSnapshot = {
  id: string;
  organisationId: string;
  createdAt: string;
  score: number;
  grade: string;
  scorecardVersion: string;
  payload: {
    type: string;
    id: string;
    organisationId: string;
    computedAt: string;
    keyId: string;
    facts: Record<string, unknown>;
    score: { scorecardVersion: string; total: number; grade: string; factors: FactorScore[] };
  };
  explanations: { factor: string; points: number; max: number; text: Bilingual }[];
  verification: {
    /** The exact signed text (RFC 8785 canonical JSON). */
    signedPayload: string;
    payloadSha256: string;
    signature: { algorithm: 'Ed25519'; keyId: string; publicKey: string; value: string };
    log: SnapshotLog;
  };
  /** Only on the organisation's own snapshots. */
  sharedWith?: { organisationId: string; sharedAt: string }[];
};

export type SnapshotSummary = {
  id: string;
  organisationId: string;
  createdAt: string;
  score: number;
  grade: string;
  scorecardVersion: string;
  /** False for a snapshot another organisation shared with this one. */
  own: boolean;
};

export type SnapshotPage = { items: SnapshotSummary[]; nextCursor: string | null };

export type ScorecardFactor = {
  factor: string;
  min: number;
  max: number;
  steps?: [number, number][];
  description: Bilingual;
} & Record<string, unknown>;

export type Scorecard = {
  version: string;
  windowMonths: number;
  total: { min: number; max: number };
  grades: { grade: string; from: number }[];
  factors: ScorecardFactor[];
  signingKey: { algorithm: 'Ed25519'; keyId: string; publicKey: string };
  logVerifierKey: string;
};

export const SNAPSHOTS_PAGE_SIZE = 50;

export const creditKeys = {
  all: (orgId: string) => ['orgs', orgId, 'finance', 'credit'] as const,
  scorecard: (orgId: string) => ['orgs', orgId, 'finance', 'credit', 'scorecard'] as const,
  snapshots: (orgId: string) => ['orgs', orgId, 'finance', 'credit', 'snapshots'] as const,
  snapshot: (orgId: string, snapshotId: string) =>
    ['orgs', orgId, 'finance', 'credit', 'snapshot', snapshotId] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/finance/credit`;

export const getScorecard = (orgId: string, signal?: AbortSignal): Promise<Scorecard> =>
  apiGet<Scorecard>(`${base(orgId)}/scorecard`, undefined, signal);

export const listSnapshots = (
  orgId: string,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<SnapshotPage> =>
  apiGet<SnapshotPage>(`${base(orgId)}/snapshots`, { cursor, limit: SNAPSHOTS_PAGE_SIZE }, signal);

export const getSnapshot = (
  orgId: string,
  snapshotId: string,
  signal?: AbortSignal,
): Promise<CreditSnapshot> =>
  apiGet<CreditSnapshot>(`${base(orgId)}/snapshots/${seg(snapshotId)}`, undefined, signal);

export const createSnapshot = (orgId: string): Promise<CreditSnapshot> =>
  apiPost<CreditSnapshot>(`${base(orgId)}/snapshots`);

export const shareSnapshot = (
  orgId: string,
  snapshotId: string,
  organisationId: string,
): Promise<{ snapshotId: string; organisationId: string; sharedAt: string }> =>
  apiPost(`${base(orgId)}/snapshots/${seg(snapshotId)}/shares`, { organisationId });

export const useScorecard = (orgId: string) =>
  useQuery({
    queryKey: creditKeys.scorecard(orgId),
    queryFn: ({ signal }) => getScorecard(orgId, signal),
    staleTime: 10 * 60_000,
  });

/** The first page is enough for the page: snapshots are made by hand, a few a month. */
export const useSnapshots = (orgId: string) =>
  useQuery({
    queryKey: creditKeys.snapshots(orgId),
    queryFn: ({ signal }) => listSnapshots(orgId, null, signal),
  });

/** How often a snapshot is asked again while its log entry waits for a checkpoint. */
export const LOG_POLL_MS = 3000;

export const useSnapshot = (orgId: string, snapshotId: string | null) =>
  useQuery({
    queryKey: creditKeys.snapshot(orgId, snapshotId ?? ''),
    queryFn: ({ signal }) => getSnapshot(orgId, snapshotId ?? '', signal),
    enabled: snapshotId !== null,
    refetchInterval: (query) => (query.state.data?.verification.log.index === null ? LOG_POLL_MS : false),
  });

/** A snapshot made or shared: the lists and the snapshot are read again. */
export const useCreditMutation = <Input, Output>(orgId: string, write: (input: Input) => Promise<Output>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: creditKeys.all(orgId) }),
  });
};
