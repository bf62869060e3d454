import { useInfiniteQuery } from '@tanstack/react-query';
import { apiGet, seg } from './client.ts';
import { queryKeys } from './query-keys.ts';
import type { AuditEntry, CursorPage } from './types.ts';

export const AUDIT_PAGE_SIZE = 50;
// Exports fetch bigger pages to need fewer round trips (the server accepts up to 500).
const EXPORT_PAGE_SIZE = 200;

export type AuditQuery = { action: string | null; before: string | null; limit?: number };

export const listAudit = (
  orgId: string,
  query: AuditQuery,
  signal?: AbortSignal,
): Promise<CursorPage<AuditEntry>> =>
  apiGet<CursorPage<AuditEntry>>(
    `/api/orgs/${seg(orgId)}/audit`,
    { limit: query.limit ?? AUDIT_PAGE_SIZE, before: query.before, action: query.action },
    signal,
  );

/** Audit entries newest first, one page per "load more". */
export const useAuditTrail = (orgId: string, action: string | null, enabled: boolean) =>
  useInfiniteQuery({
    queryKey: queryKeys.auditFiltered(orgId, action),
    queryFn: ({ pageParam, signal }) => listAudit(orgId, { action, before: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });

export type AuditCollectResult = { entries: AuditEntry[]; truncated: boolean };

/**
 * Follows `nextCursor` until the trail ends or `maxEntries` is reached, for exports that must
 * cover the whole filtered trail and not just the pages on screen.
 */
export const collectAudit = async (
  orgId: string,
  action: string | null,
  maxEntries: number,
  onProgress?: (count: number) => void,
): Promise<AuditCollectResult> => {
  const entries: AuditEntry[] = [];
  let before: string | null = null;
  for (;;) {
    const page: CursorPage<AuditEntry> = await listAudit(orgId, { action, before, limit: EXPORT_PAGE_SIZE });
    entries.push(...page.items);
    onProgress?.(entries.length);
    if (!page.nextCursor || page.items.length === 0) {
      return { entries, truncated: false };
    }
    if (entries.length >= maxEntries) {
      return { entries: entries.slice(0, maxEntries), truncated: true };
    }
    before = page.nextCursor;
  }
};
