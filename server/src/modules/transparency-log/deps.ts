import type { Database } from '../../platform/db/index.ts';
import type { Logger } from '../../platform/logging/index.ts';

/** What the transparency-log module needs from the composition root. */
export type TransparencyLogDeps = {
  db: Database;
  logger: Logger;
  /** The hub's 32-byte secret; the log's signing key is derived from it. */
  secretKey: Uint8Array;
  /** The hub's public base URL; its host names the log (the checkpoint origin). */
  publicUrl: string;
};
