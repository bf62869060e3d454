import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiGet, seg } from './client.ts';

// Expo search (server/src/modules/expo/search/routes-search.ts): published products, services and
// exhibitors in Chinese and English, searched as the caller's organisation (which records it).

export const SEARCH_KINDS = ['product', 'service', 'exhibitor'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export type SearchFilter = {
  q: string;
  kinds: SearchKind[];
  hsChapter?: string | undefined;
  country?: string | undefined;
  certification?: string | undefined;
  verifiedOnly?: boolean | undefined;
  maxMoq?: string | undefined;
  /** The unit of maxMoq (UN/ECE Recommendation 20). */
  moqUnit: string;
  maxPrice?: string | undefined;
  /** The currency of maxPrice (ISO 4217). */
  currency: string;
  page: number;
  pageSize: number;
};

export type SearchCard = {
  kind: SearchKind;
  id: string;
  organisationId: string;
  score: number;
  matchedTerms: string[];
  nameZh: string;
  nameEn: string;
  snippetZh: string;
  snippetEn: string;
  exhibitor: { organisationId: string; nameZh: string; nameEn: string; country: string };
  hsCode: string | null;
  ebopsCode: string | null;
  price: { currency: string; min: string; max: string } | null;
  moq: { quantity: string; unit: string } | null;
  certifications: { scheme: string; verification: 'self_declared' | 'verified' | 'revoked' | 'expired' }[];
};

export type SearchAnswer = {
  items: SearchCard[];
  total: number;
  totalCapped: boolean;
  matchMode: 'all' | 'any';
  tookMs: number;
};

export type RecentSearch = { query: string; language: string; resultCount: number; at: string };

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/expo/search`;

/** The query string of a search: kinds repeat, empty filters are left out. */
export const searchParams = (filter: SearchFilter): URLSearchParams => {
  const params = new URLSearchParams({ q: filter.q });
  for (const kind of filter.kinds) {
    params.append('kind', kind);
  }
  const optional: [string, string | undefined][] = [
    ['hsChapter', filter.hsChapter],
    ['country', filter.country],
    ['certification', filter.certification],
    ['verifiedOnly', filter.verifiedOnly === true ? 'true' : undefined],
    ['maxMoq', filter.maxMoq],
    ['moqUnit', filter.maxMoq === undefined ? undefined : filter.moqUnit],
    ['maxPrice', filter.maxPrice],
    ['currency', filter.maxPrice === undefined ? undefined : filter.currency],
  ];
  for (const [name, value] of optional) {
    if (value !== undefined && value !== '') {
      params.set(name, value);
    }
  }
  params.set('limit', String(filter.pageSize));
  params.set('offset', String((filter.page - 1) * filter.pageSize));
  return params;
};

export const useExpoSearch = (orgId: string, filter: SearchFilter) =>
  useQuery({
    queryKey: ['orgs', orgId, 'expo', 'search', searchParams(filter).toString()],
    queryFn: ({ signal }) =>
      apiGet<SearchAnswer>(`${base(orgId)}?${searchParams(filter).toString()}`, undefined, signal),
    enabled: filter.q.trim() !== '',
    placeholderData: keepPreviousData,
    retry: false,
  });

export const useRecentSearches = (orgId: string) =>
  useQuery({
    queryKey: ['orgs', orgId, 'expo', 'search', 'recent'],
    queryFn: ({ signal }) => apiGet<{ items: RecentSearch[] }>(`${base(orgId)}/recent`, undefined, signal),
  });
