export { isProcessAlive, lockDataDir, openCommandDatabase } from './data-dir-lock.ts';
export {
  type Database,
  type Logger,
  type OpenDatabaseOptions,
  openDatabase,
} from './database.ts';
export {
  DatabaseUnavailableError,
  isDatabaseUnavailable,
  MigrationError,
  type MigrationErrorCode,
} from './errors.ts';
export {
  loadMigrations,
  type MigrateOptions,
  type Migration,
  type MigrationSource,
  type MigrationStatus,
  type MissingMigration,
  migrate,
  migrationStatus,
} from './migrate.ts';
export { outsideTransaction } from './transaction-scope.ts';
