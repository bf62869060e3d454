import { mkdir } from 'node:fs/promises';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { DatabaseUnavailableError, isDatabaseUnavailable } from './errors.ts';
import { withUnavailableErrors } from './mapping-dialect.ts';
import { PgliteDialect } from './pglite-dialect.ts';
import { insideTransaction, withTransactionScope } from './transaction-scope.ts';
import { pgliteParsers, pgTypeParsers } from './type-parsers.ts';

type LogFn = (fields: Record<string, unknown>, message?: string) => void;

/** The part of a pino logger the database layer uses. */
export type Logger = { debug: LogFn; info: LogFn; warn: LogFn; error: LogFn };

export type OpenDatabaseOptions = {
  /** PostgreSQL connection string; when absent the embedded PGlite is used. */
  databaseUrl?: string;
  /** PGlite data directory (created if missing); in memory when absent. */
  dataDir?: string;
  /** PGlite: start from a `dumpDataDir` tarball instead of an empty cluster. */
  loadDataDirBlob?: Blob | File;
  /** PostgreSQL: the most connections the pool opens. */
  poolMax?: number;
  /** PostgreSQL: how long to wait for a connection before reporting the database unavailable. */
  connectionTimeoutMs?: number;
  logger?: Logger;
};

export type Database = {
  engine: 'pglite' | 'postgres';
  /** Modules type it with `kysely.withTables<TheirTables>()`. */
  kysely: Kysely<object>;
  /** Runs `fn` in one transaction; every query inside must go through `trx`. */
  transaction<T>(fn: (trx: Transaction<object>) => Promise<T>): Promise<T>;
  /** `select 1`; throws DatabaseUnavailableError when the database cannot be reached. */
  ping(): Promise<void>;
  /** Waits for the transaction in progress (PGlite) and closes every connection. */
  close(): Promise<void>;
  /** PGlite only: a tarball of the data directory, to open copies with `loadDataDirBlob`. */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>;
};

const DEFAULT_POOL_MAX = 10;
const DEFAULT_CONNECTION_TIMEOUT_MS = 2_000;
const IDLE_TIMEOUT_MS = 30_000;

const stderrLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: (fields, message) => console.warn(message, fields),
  error: (fields, message) => console.error(message, fields),
};

const buildDatabase = (
  engine: Database['engine'],
  kysely: Kysely<object>,
  extra: Pick<Database, 'dumpDataDir'>,
): Database => {
  let closing: Promise<void> | undefined;
  return {
    engine,
    kysely,
    transaction: (fn) => {
      // Nested, it would run on another connection (PostgreSQL: not atomic with the outer one)
      // or wait for the outer one forever (PGlite).
      if (insideTransaction()) {
        return Promise.reject(
          new Error('db.transaction() was called inside a transaction; use the `trx` of the outer one'),
        );
      }
      return withTransactionScope((scope) =>
        kysely.transaction().execute(async (trx) => {
          scope.active = true;
          try {
            return await fn(trx);
          } finally {
            scope.active = false;
          }
        }),
      );
    },
    ping: async () => {
      try {
        await sql`select 1`.execute(kysely);
      } catch (error) {
        if (isDatabaseUnavailable(error)) {
          throw error instanceof DatabaseUnavailableError ? error : new DatabaseUnavailableError(error);
        }
        throw error;
      }
    },
    close: () => {
      closing ??= kysely.destroy();
      return closing;
    },
    ...extra,
  };
};

const openPglite = async (options: OpenDatabaseOptions): Promise<Database> => {
  const pgliteOptions: PGliteOptions = { parsers: pgliteParsers };
  if (options.dataDir !== undefined) {
    await mkdir(options.dataDir, { recursive: true });
    pgliteOptions.dataDir = options.dataDir;
  }
  if (options.loadDataDirBlob !== undefined) {
    pgliteOptions.loadDataDir = options.loadDataDirBlob;
  }
  const pglite = await PGlite.create(pgliteOptions);
  const dialect = new PgliteDialect(pglite);
  const kysely = new Kysely<object>({ dialect: withUnavailableErrors(dialect) });
  return buildDatabase('pglite', kysely, {
    dumpDataDir: (compression = 'none') => dialect.driver.exclusive((db) => db.dumpDataDir(compression)),
  });
};

const openPostgres = (databaseUrl: string, options: OpenDatabaseOptions, logger: Logger): Database => {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: options.poolMax ?? DEFAULT_POOL_MAX,
    connectionTimeoutMillis: options.connectionTimeoutMs ?? DEFAULT_CONNECTION_TIMEOUT_MS,
    idleTimeoutMillis: IDLE_TIMEOUT_MS,
    application_name: 'tradehub',
    types: pgTypeParsers,
  });
  // An idle connection that breaks (server restart, network) is reported here; without a
  // listener Node would crash the process. The pool drops it and opens a new one on demand.
  pool.on('error', (error) => {
    logger.warn({ err: error }, 'an idle database connection failed; the pool replaces it');
  });
  // A checked-out client that breaks also emits 'error' on itself; its query fails with the
  // same error, which is what the caller sees, so here it is only noted.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      logger.debug({ err: error }, 'a database connection failed');
    });
  });
  const kysely = new Kysely<object>({ dialect: withUnavailableErrors(new PostgresDialect({ pool })) });
  return buildDatabase('postgres', kysely, {});
};

/**
 * Opens the database: PostgreSQL through a pool when `databaseUrl` is set, else the embedded
 * PGlite (persistent at `dataDir`, in memory without one). Both return the same JS types.
 */
export const openDatabase = async (options: OpenDatabaseOptions = {}): Promise<Database> => {
  const logger = options.logger ?? stderrLogger;
  return options.databaseUrl === undefined
    ? openPglite(options)
    : openPostgres(options.databaseUrl, options, logger);
};
