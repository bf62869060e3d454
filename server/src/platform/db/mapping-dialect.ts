import type {
  CompiledQuery,
  DatabaseConnection,
  DatabaseIntrospector,
  Dialect,
  DialectAdapter,
  Driver,
  Kysely,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { toDatabaseError } from './errors.ts';

const mapped = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toDatabaseError(error);
  }
};

// Kysely's drivers keep private state on the connection objects they hand out, so every call
// back into the inner driver gets the original object, never our wrapper.
class MappingConnection implements DatabaseConnection {
  readonly inner: DatabaseConnection;

  constructor(inner: DatabaseConnection) {
    this.inner = inner;
  }

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return mapped(() => this.inner.executeQuery<R>(compiledQuery));
  }

  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize?: number,
  ): AsyncIterableIterator<QueryResult<R>> {
    try {
      yield* this.inner.streamQuery<R>(compiledQuery, chunkSize);
    } catch (error) {
      throw toDatabaseError(error);
    }
  }
}

const unwrap = (connection: DatabaseConnection): DatabaseConnection =>
  connection instanceof MappingConnection ? connection.inner : connection;

type SavepointMethod = 'savepoint' | 'rollbackToSavepoint' | 'releaseSavepoint';

const savepointMethod = (driver: Driver, method: SavepointMethod): NonNullable<Driver[SavepointMethod]> => {
  const implementation = driver[method];
  if (implementation === undefined) {
    throw new Error(`This database driver has no ${method}`);
  }
  return implementation.bind(driver);
};

class MappingDriver implements Driver {
  readonly #inner: Driver;

  constructor(inner: Driver) {
    this.#inner = inner;
  }

  init(): Promise<void> {
    return mapped(() => this.#inner.init());
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new MappingConnection(await mapped(() => this.#inner.acquireConnection()));
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    return mapped(() => this.#inner.beginTransaction(unwrap(connection), settings));
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return mapped(() => this.#inner.commitTransaction(unwrap(connection)));
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    return mapped(() => this.#inner.rollbackTransaction(unwrap(connection)));
  }

  savepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return mapped(() => savepointMethod(this.#inner, 'savepoint')(unwrap(connection), name, compile));
  }

  rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return mapped(() =>
      savepointMethod(this.#inner, 'rollbackToSavepoint')(unwrap(connection), name, compile),
    );
  }

  releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ): Promise<void> {
    return mapped(() => savepointMethod(this.#inner, 'releaseSavepoint')(unwrap(connection), name, compile));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    return this.#inner.releaseConnection(unwrap(connection));
  }

  destroy(): Promise<void> {
    return this.#inner.destroy();
  }
}

/**
 * Wraps a dialect so that every way the database can be unreachable surfaces as a
 * DatabaseUnavailableError (mapped to 503 by the HTTP layer), whatever the engine.
 */
export const withUnavailableErrors = (dialect: Dialect): Dialect => ({
  createDriver: () => new MappingDriver(dialect.createDriver()),
  createQueryCompiler: (): QueryCompiler => dialect.createQueryCompiler(),
  createAdapter: (): DialectAdapter => dialect.createAdapter(),
  createIntrospector: (db: Kysely<unknown>): DatabaseIntrospector => dialect.createIntrospector(db),
});
