import { fileURLToPath } from 'node:url';
import type { MigrationSource } from './platform/db/index.ts';

const folder = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

/**
 * Every migration folder in the order they are applied: platform first, then the modules in the
 * order of the module table in DESIGN.md, so a module's tables exist before those of the modules
 * that may import it. The module name is recorded with each applied migration: never rename one.
 */
export const migrationSources: readonly MigrationSource[] = [
  { module: 'events', dir: folder('./platform/events/migrations/') },
  { module: 'access', dir: folder('./platform/access/migrations/') },
  { module: 'audit', dir: folder('./platform/audit/migrations/') },
  { module: 'codes', dir: folder('./platform/codes/migrations/') },
  { module: 'idempotency', dir: folder('./platform/idempotency/migrations/') },
  { module: 'transparency_log', dir: folder('./modules/transparency-log/migrations/') },
  { module: 'identity', dir: folder('./modules/identity/migrations/') },
  { module: 'documents', dir: folder('./modules/documents/migrations/') },
  { module: 'trade', dir: folder('./modules/trade/migrations/') },
  { module: 'customs', dir: folder('./modules/customs/migrations/') },
  { module: 'logistics', dir: folder('./modules/logistics/migrations/') },
  { module: 'payments', dir: folder('./modules/payments/migrations/') },
  { module: 'finance', dir: folder('./modules/finance/migrations/') },
  { module: 'stats', dir: folder('./modules/stats/migrations/') },
  { module: 'expo', dir: folder('./modules/expo/migrations/') },
];
