import type { Database } from '../../../platform/db/index.ts';
import type { LogKey } from './log-key.ts';

/** What the log's use cases share: the database and the log key. */
export type LogContext = { db: Database; key: LogKey };
