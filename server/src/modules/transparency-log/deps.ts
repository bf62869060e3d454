import type { Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/logging/index.ts';
import type { StoredCheckpoint } from './repository.ts';
import type { CheckEntry } from './service/append-entries.ts';
import type { LogWitness } from './service/collect-cosignatures.ts';

/** What the transparency-log module needs from the composition root. */
export type TransparencyLogDeps = {
  db: Database;
  logger: Logger;
  /** The hub's 32-byte secret; the log's signing key is derived from it. */
  secretKey: Uint8Array;
  /** The hub's public base URL; its host names the log (the checkpoint origin). */
  publicUrl: string;
  /** The sequencer's batch bounds: at most `batchMax` entries, at most about `intervalMs` of waiting (defaults 256, 500). */
  sequencer?: { batchMax: number; intervalMs: number };
  /** Time between the background monitor's checks; 0 disables it (default 60,000). */
  monitorIntervalMs?: number;
  /** How long `?wait=integrated` waits for a checkpoint before answering 202 (default 10,000). */
  appendWaitMs?: number;
  /** Whether an organisation may append an entry; the default accepts any bytes. */
  checkEntry?: CheckEntry;
  /** Called after a transaction that published an event commits (the hub wakes its event bus). */
  afterCommit?: () => void;
  /** The witnesses asked to cosign each new checkpoint (c2sp.org/tlog-witness); none by default. */
  witnesses?: readonly LogWitness[];
  /** Called after each committed integration with its checkpoint, after the witnesses were asked. */
  onCheckpoint?: (checkpoint: StoredCheckpoint) => Promise<void> | void;
};
