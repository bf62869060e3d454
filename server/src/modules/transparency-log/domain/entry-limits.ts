import { AppError } from '@tradehub/kernel';
import { MAX_ENTRY_SIZE } from '@tradehub/verifier';

/** The most entries one queueEntries call takes: a commitment is a few entries, not a bulk load. */
export const MAX_ENTRIES_PER_CALL = 1000;

/**
 * Throws unless every body fits an entry bundle (1..65,535 bytes, its uint16 length prefix) and
 * there are at most MAX_ENTRIES_PER_CALL of them.
 */
export const checkEntries = (bodies: readonly Uint8Array[]): void => {
  if (bodies.length > MAX_ENTRIES_PER_CALL) {
    throw new AppError(
      'transparency-log.too_many_entries',
      `At most ${MAX_ENTRIES_PER_CALL} entries per call, got ${bodies.length}.`,
    );
  }
  bodies.forEach((body, position) => {
    if (body.length === 0) {
      throw new AppError('transparency-log.entry_empty', 'A log entry has at least one byte.', {
        details: { position },
      });
    }
    if (body.length > MAX_ENTRY_SIZE) {
      throw new AppError(
        'transparency-log.entry_too_large',
        `A log entry has at most ${MAX_ENTRY_SIZE} bytes, got ${body.length}.`,
        { details: { position } },
      );
    }
  });
};
