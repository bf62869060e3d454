import { useQuery } from '@tanstack/react-query';
import { apiGet } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { Meta } from './types.ts';

export const getMeta = (signal?: AbortSignal): Promise<Meta> => apiGet<Meta>('/api/meta', undefined, signal);

/** Server version and enabled modules; the navigation is built from `modules`. */
export const useMeta = () =>
  useQuery({ queryKey: queryKeys.meta, queryFn: ({ signal }) => getMeta(signal), staleTime: 5 * 60_000 });
