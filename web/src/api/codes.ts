import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Country, Page, UnLocode } from './types.ts';

export const listCountries = (signal?: AbortSignal): Promise<Page<Country>> =>
  apiGet<Page<Country>>('/api/codes/countries', undefined, signal);

export const searchUnLocode = (
  q: string,
  country: string | null,
  signal?: AbortSignal,
): Promise<Page<UnLocode>> => apiGet<Page<UnLocode>>('/api/codes/unlocode', { q, country }, signal);

// Code lists change with a data release, not during a session.
export const useCountries = () =>
  useQuery({
    queryKey: queryKeys.countries,
    queryFn: ({ signal }) => listCountries(signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

/** UN/LOCODE suggestions; asks only once the user typed enough to make the answer useful. */
export const useUnLocodeSearch = (q: string, country: string | null) => {
  const trimmed = q.trim();
  return useQuery({
    queryKey: queryKeys.unlocode(trimmed, country),
    queryFn: ({ signal }) => searchUnLocode(trimmed, country, signal),
    enabled: trimmed.length >= 2,
    staleTime: 10 * 60_000,
  });
};
