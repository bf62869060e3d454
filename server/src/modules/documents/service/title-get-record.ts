import type { DocumentsDeps } from '../deps.ts';
import { loadVisibleRecord, presentRecord, type RecordView } from './title-common.ts';

/** A transferable record the organisation issued, holds, or took part in, with every action; else 404. */
export const getTitleRecord = async (
  deps: DocumentsDeps,
  organisationId: string,
  recordId: string,
): Promise<RecordView> => presentRecord(deps, await loadVisibleRecord(deps, organisationId, recordId));
