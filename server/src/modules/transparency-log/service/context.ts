import type { Database } from '../../../platform/db/index.ts';
import type { StoredCheckpoint } from '../repository.ts';
import type { LogKey } from './log-key.ts';

/** What the log's use cases share. */
export type LogContext = {
  db: Database;
  key: LogKey;
  /**
   * A checkpoint's note as the log publishes it (`/log/checkpoint`, tlog-proofs): the stored,
   * log-signed note, to which the witness wiring appends the cosignature lines it collected.
   */
  publishedNote: (checkpoint: StoredCheckpoint) => Promise<string>;
  /**
   * The right edge of the tree this process last committed, so the next integration need not
   * read it back. Used only while the locked tree size still equals `size` (no other process
   * integrated since); set only after a commit.
   */
  lastEdge?: { size: number; edge: ReadonlyMap<number, Uint8Array> };
};
