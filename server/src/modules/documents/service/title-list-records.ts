import type { DocumentsDeps } from '../deps.ts';
import { listTitleRecords as listRows, type TitleRole } from '../repository-title.ts';
import { presentRecord, type RecordView } from './title-common.ts';

/** The most records one list answers. */
export const MAX_LISTED_RECORDS = 100;

/**
 * The organisation's transferable records, newest first: held (`holder`), issued (`issuer`),
 * held or received before (`past`), or all of those.
 */
export const listTitleRecords = async (
  deps: DocumentsDeps,
  organisationId: string,
  role: TitleRole | undefined,
): Promise<{ items: RecordView[] }> => {
  const rows = await listRows(deps.db.kysely, organisationId, role, MAX_LISTED_RECORDS);
  return { items: await Promise.all(rows.map((row) => presentRecord(deps, row))) };
};
