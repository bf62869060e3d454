import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiGet, apiPost, seg } from '../../api/client.ts';

// The Zhejiang Index (server/src/modules/stats/zhejiang-index/routes.ts): the published index is
// public; runs are the commerce department's (403 stats.regulators_only for everyone else).
// Scores are index points, not money: plain numbers rounded to two decimals by the server.

export type PublishedCity = {
  city: string;
  score: number;
  rebased: number | null;
  rank: number;
  previousRank: number | null;
  pillars: Record<string, { score: number; rank: number }>;
  uncertainty: { medianRank: number; q05Rank: number; q95Rank: number };
  strengths: string[];
  weaknesses: string[];
};

export type PublishedIndex = {
  year: number;
  specId: string;
  specVersion: number;
  engine: string;
  baseYear: number;
  seed: number;
  runs: number;
  synthetic: boolean;
  publishedAt: string;
  publishedBy: string;
  publishedByZh?: string;
  publishedYears?: number[];
  pillars: { id: string; nameZh: string; nameEn: string; weight: number }[];
  indicators: {
    id: string;
    pillar: string;
    nameZh: string;
    nameEn: string;
    unitZh: string;
    unitEn: string;
  }[];
  cities: PublishedCity[];
  series: { city: string; year: number; rebased: number | null }[];
};

export type IndexRunSummary = {
  id: string;
  year: number;
  baseYear: number;
  specId: string;
  specVersion: number;
  seed: number;
  runs: number;
  inputsHash: string;
  synthetic: boolean;
  status: 'computed' | 'published' | 'superseded';
  createdAt: string;
  publishedAt: string | null;
  top: { city: string; score: number } | null;
};

export const indexKeys = {
  published: (year: number | undefined) => ['public', 'zhejiang-index', year ?? 'latest'] as const,
  runs: (orgId: string) => ['orgs', orgId, 'stats', 'index', 'runs'] as const,
};

/** The published index of a year (latest when absent); null when none is published (404). */
export const getPublishedIndex = async (
  year: number | undefined,
  signal?: AbortSignal,
): Promise<PublishedIndex | null> => {
  try {
    return await apiGet<PublishedIndex>('/api/public/zhejiang-index', { year }, signal);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'stats.index_not_published') {
      return null;
    }
    throw error;
  }
};

export const usePublishedIndex = (year: number | undefined) =>
  useQuery({
    queryKey: indexKeys.published(year),
    queryFn: ({ signal }) => getPublishedIndex(year, signal),
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });

const runsPath = (orgId: string) => `/api/orgs/${seg(orgId)}/stats/index/runs`;

export const useIndexRuns = (orgId: string) =>
  useQuery({
    queryKey: indexKeys.runs(orgId),
    queryFn: ({ signal }) => apiGet<{ items: IndexRunSummary[] }>(runsPath(orgId), undefined, signal),
  });

/** Compute a run, then publish it: both refresh the runs list and the public index. */
export const useIndexRunActions = (orgId: string) => {
  const client = useQueryClient();
  const refresh = async () => {
    await client.invalidateQueries({ queryKey: indexKeys.runs(orgId) });
    await client.invalidateQueries({ queryKey: ['public', 'zhejiang-index'] });
  };
  const compute = useMutation({
    mutationFn: (body: { year: number; runs: number }) => apiPost<IndexRunSummary>(runsPath(orgId), body),
    onSuccess: refresh,
  });
  const publish = useMutation({
    mutationFn: (runId: string) => apiPost<IndexRunSummary>(`${runsPath(orgId)}/${seg(runId)}/publish`),
    onSuccess: refresh,
  });
  return { compute, publish };
};
