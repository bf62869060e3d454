import type { PGlite, Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { createMutex } from './mutex.ts';
import { insideTransaction } from './transaction-scope.ts';

const ROW_COUNT_COMMANDS = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE']);

const toQueryResult = <R>(result: Results<R>): QueryResult<R> => {
  const command = result.command;
  // Kysely's commit checks for a ROLLBACK tag: COMMIT of an aborted transaction rolls back.
  if (command === 'COMMIT' || command === 'ROLLBACK') {
    return { rows: [{ command }] as R[] };
  }
  if (command !== undefined && ROW_COUNT_COMMANDS.has(command)) {
    return { rows: result.rows, numAffectedRows: BigInt(result.rowCount ?? result.affectedRows ?? 0) };
  }
  return { rows: result.rows };
};

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

const refuseInsideTransaction = (): void => {
  if (insideTransaction()) {
    throw new Error(
      'A query was sent through the database instead of the transaction it runs in (use the `trx` ' +
        'given to the transaction callback); on PGlite it would wait for itself forever.',
    );
  }
};

class PgliteConnection implements DatabaseConnection {
  readonly #pglite: PGlite;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (compiledQuery.parameters.length > 0) {
      return toQueryResult(await this.#pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]));
    }
    // Without parameters `pg` uses the simple protocol, which accepts several statements (a
    // migration file); PGlite's `exec` is the same protocol. `pg` returns no rows for several
    // statements through Kysely, and so do we.
    const results = await this.#pglite.exec(compiledQuery.sql);
    const [only] = results;
    return results.length === 1 && only !== undefined ? toQueryResult(only as Results<R>) : { rows: [] };
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 100,
  ): AsyncIterableIterator<QueryResult<R>> {
    // PGlite has no cursors over its API; it holds the whole result in memory anyway.
    const { rows } = await this.executeQuery<R>(compiledQuery);
    for (let start = 0; start < rows.length; start += chunkSize) {
      yield { rows: rows.slice(start, start + chunkSize) };
    }
  }
}

class PgliteDriver implements Driver {
  readonly #pglite: PGlite;
  readonly #connection: PgliteConnection;
  readonly #mutex = createMutex();
  #release: (() => void) | undefined;
  #destroyed = false;

  constructor(pglite: PGlite) {
    this.#pglite = pglite;
    this.#connection = new PgliteConnection(pglite);
  }

  async init(): Promise<void> {
    await this.#pglite.waitReady;
  }

  // PGlite is a single connection: a transaction owns it from BEGIN to COMMIT, so every other
  // query waits here instead of slipping into the middle of that transaction.
  async acquireConnection(): Promise<DatabaseConnection> {
    refuseInsideTransaction();
    const release = await this.#mutex.lock();
    if (this.#destroyed) {
      release();
      throw new Error('PGlite is closed');
    }
    this.#release = release;
    return this.#connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const options = [
      settings.isolationLevel === undefined ? '' : ` isolation level ${settings.isolationLevel}`,
      settings.accessMode === undefined ? '' : ` ${settings.accessMode}`,
    ].join('');
    await connection.executeQuery(
      CompiledQuery.raw(options === '' ? 'begin' : `start transaction${options}`),
    );
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    const { rows } = await connection.executeQuery<{ command?: string }>(CompiledQuery.raw('commit'));
    if (rows[0]?.command === 'ROLLBACK') {
      throw new Error('The transaction was aborted by an earlier error and has been rolled back');
    }
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdentifier(savepointName)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await connection.executeQuery(
      CompiledQuery.raw(`rollback to savepoint ${quoteIdentifier(savepointName)}`),
    );
  }

  async releaseSavepoint(connection: DatabaseConnection, savepointName: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdentifier(savepointName)}`));
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    if (this.#destroyed) {
      return;
    }
    // Wait for the transaction in progress, if any, so closing never cuts one in half.
    const release = await this.#mutex.lock();
    this.#destroyed = true;
    try {
      await this.#pglite.close();
    } finally {
      release();
    }
  }

  /** Runs `fn` while holding the connection, so it sees no transaction half done. */
  async exclusive<T>(fn: (pglite: PGlite) => Promise<T>): Promise<T> {
    refuseInsideTransaction();
    const release = await this.#mutex.lock();
    try {
      if (this.#destroyed) {
        throw new Error('PGlite is closed');
      }
      return await fn(this.#pglite);
    } finally {
      release();
    }
  }
}

/** A Kysely dialect over one PGlite instance: PostgreSQL's SQL, compiler and introspector. */
export class PgliteDialect implements Dialect {
  readonly driver: PgliteDriver;

  constructor(pglite: PGlite) {
    this.driver = new PgliteDriver(pglite);
  }

  createDriver(): Driver {
    return this.driver;
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }

  createIntrospector(db: Kysely<unknown>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
}
