// Bookkeeping of a multi-file CEB upload: files go to POST /api/customs/ceb/batch in chunks of at
// most 100 messages (the server's limit), one outcome comes back per message in order, and the
// panel shows how many were accepted, duplicates or rejected, and why each rejected file was.

export const CEB_BATCH_SIZE = 100;

export type OutcomeStatus = 'accepted' | 'duplicate' | 'rejected';

export type OutcomeReason = { field: string; code: string; message: string };

/** One message's outcome as the batch route answers it (routes.ts ZOutcome). */
export type MessageOutcome = {
  status: OutcomeStatus;
  messageType: string | null;
  guid: string | null;
  messageId: string | null;
  receiptType: string;
  returnStatus: string;
  returnInfo: string;
  receiptXml: string;
  parcelIds: string[];
  reasons: OutcomeReason[];
};

/** A file that was not accepted: refused by customs, or never answered (the chunk's request failed). */
export type RejectedFile = {
  fileName: string;
  /** `rejected`, or `failed` when the request for its chunk failed (network, 4xx/5xx). */
  kind: 'rejected' | 'failed';
  returnStatus: string | null;
  returnInfo: string;
  reasons: OutcomeReason[];
  /** The problem code of a failed request. */
  errorCode: string | null;
};

export type UploadTally = {
  total: number;
  /** Files whose chunk has been answered (or has failed). */
  done: number;
  accepted: number;
  duplicate: number;
  rejected: number;
  failed: number;
  problems: RejectedFile[];
  /** Parcels the accepted messages were filed under, without repeats. */
  parcelIds: string[];
};

export const emptyTally = (total: number): UploadTally => ({
  total,
  done: 0,
  accepted: 0,
  duplicate: 0,
  rejected: 0,
  failed: 0,
  problems: [],
  parcelIds: [],
});

/** `items` in consecutive chunks of at most `size` (size ≥ 1), in order. */
export const chunk = <T>(items: readonly T[], size = CEB_BATCH_SIZE): T[][] => {
  if (!Number.isInteger(size) || size < 1) {
    throw new RangeError(`chunk size must be a positive integer, not ${size}`);
  }
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    chunks.push(items.slice(i, i + size));
  }
  return chunks;
};

/**
 * The tally after one chunk's answer: outcome i belongs to file i. Files the answer has no outcome
 * for (a short answer should not happen, but must not be counted as accepted) count as failed.
 */
export const addOutcomes = (
  tally: UploadTally,
  fileNames: readonly string[],
  outcomes: readonly MessageOutcome[],
): UploadTally => {
  const next: UploadTally = { ...tally, problems: [...tally.problems], parcelIds: [...tally.parcelIds] };
  const seen = new Set(next.parcelIds);
  fileNames.forEach((fileName, index) => {
    next.done += 1;
    const outcome = outcomes[index];
    if (outcome === undefined) {
      next.failed += 1;
      next.problems.push({
        fileName,
        kind: 'failed',
        returnStatus: null,
        returnInfo: '',
        reasons: [],
        errorCode: 'client.unexpected_response',
      });
      return;
    }
    if (outcome.status === 'rejected') {
      next.rejected += 1;
      next.problems.push({
        fileName,
        kind: 'rejected',
        returnStatus: outcome.returnStatus,
        returnInfo: outcome.returnInfo,
        reasons: outcome.reasons,
        errorCode: null,
      });
      return;
    }
    if (outcome.status === 'duplicate') {
      next.duplicate += 1;
    } else {
      next.accepted += 1;
    }
    for (const parcelId of outcome.parcelIds) {
      if (!seen.has(parcelId)) {
        seen.add(parcelId);
        next.parcelIds.push(parcelId);
      }
    }
  });
  return next;
};

/** The tally after a chunk's request failed as a whole: each of its files counts as failed. */
export const addFailedChunk = (
  tally: UploadTally,
  fileNames: readonly string[],
  errorCode: string,
): UploadTally => ({
  ...tally,
  done: tally.done + fileNames.length,
  failed: tally.failed + fileNames.length,
  problems: [
    ...tally.problems,
    ...fileNames.map(
      (fileName): RejectedFile => ({
        fileName,
        kind: 'failed',
        returnStatus: null,
        returnInfo: '',
        reasons: [],
        errorCode,
      }),
    ),
  ],
});

/** Percent of files answered, 0–100, for the progress bar. */
export const progressPercent = (tally: UploadTally): number =>
  tally.total === 0 ? 100 : Math.floor((tally.done * 100) / tally.total);
