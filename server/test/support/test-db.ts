import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/index.ts';

/** What the global setup hands to the test files: where the migrated template is. */
export type TestDatabaseContext =
  | { engine: 'pglite'; templateFile: string; emptyTemplateFile: string }
  | { engine: 'postgres'; databaseUrl: string; templateDatabase: string; runId: string };

declare module 'vitest' {
  // Vitest's ProvidedContext is an interface; declaration merging needs one here.
  export interface ProvidedContext {
    testDatabase: TestDatabaseContext;
  }
}

/** The engine the tests run on: PostgreSQL when DATABASE_URL is set, else PGlite. */
export const testEngine = (): Database['engine'] => inject('testDatabase').engine;

/** The URL of `databaseName` on the server of `serverUrl`. */
export const databaseUrlFor = (serverUrl: string, databaseName: string): string => {
  const url = new URL(serverUrl);
  url.pathname = `/${databaseName}`;
  return url.toString();
};

const quoteIdentifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** Runs statements on the server's maintenance database (CREATE / DROP DATABASE cannot be pooled). */
export const withAdminClient = async <T>(
  serverUrl: string,
  work: (client: pg.Client) => Promise<T>,
): Promise<T> => {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Test databases of one run share the run id, so the global teardown can drop leftovers. */
export const testDatabasePrefix = (runId: string): string => `tradehub_t_${runId}_`;

const TEMPLATE_BUSY = '55006';

/** A test database; `url` lets a test open a second pool on it (PostgreSQL only). */
export type TestDatabase = Database & { url: string | undefined };

const createPostgresDatabase = async (
  context: Extract<TestDatabaseContext, { engine: 'postgres' }>,
  template: string,
): Promise<TestDatabase> => {
  const name = `${testDatabasePrefix(context.runId)}${randomBytes(6).toString('hex')}`;
  await withAdminClient(context.databaseUrl, async (client) => {
    // Another worker copying the same template at the same instant can briefly hold it.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`create database ${quoteIdentifier(name)} template ${quoteIdentifier(template)}`);
        return;
      } catch (error) {
        if ((error as { code?: unknown }).code !== TEMPLATE_BUSY || attempt >= 20) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  });
  const url = databaseUrlFor(context.databaseUrl, name);
  // The hub's 2 s wait for a pooled connection fails fast in production; the concurrency tests
  // queue hundreds of requests on five connections of a busy CI machine, and test correctness,
  // not that wait (the outage test sets its own short timeout).
  const db = await openDatabase({ databaseUrl: url, poolMax: 5, connectionTimeoutMs: 30_000 });
  return {
    ...db,
    url,
    close: async () => {
      await db.close();
      await withAdminClient(context.databaseUrl, (client) =>
        client.query(`drop database if exists ${quoteIdentifier(name)} with (force)`),
      );
    },
  };
};

// Each worker reads a template file once; a Blob is immutable, so every copy can share it.
const templateBlobs = new Map<string, Promise<Blob>>();

const templateBlob = (file: string): Promise<Blob> => {
  let blob = templateBlobs.get(file);
  if (blob === undefined) {
    blob = readFile(file).then((bytes) => new Blob([bytes]));
    templateBlobs.set(file, blob);
  }
  return blob;
};

/**
 * A database of its own for a test file, with every migration applied: an in-memory PGlite
 * copied from the run's template, or a PostgreSQL database created from the template database
 * (and dropped again by `close()`). Always close it.
 */
export const createTestDatabase = async (): Promise<TestDatabase> => {
  const context = inject('testDatabase');
  return context.engine === 'pglite'
    ? {
        ...(await openDatabase({ loadDataDirBlob: await templateBlob(context.templateFile) })),
        url: undefined,
      }
    : createPostgresDatabase(context, context.templateDatabase);
};

/** Like createTestDatabase, but with no migration applied: for tests of the migration runner. */
export const createEmptyTestDatabase = async (): Promise<TestDatabase> => {
  const context = inject('testDatabase');
  return context.engine === 'pglite'
    ? {
        ...(await openDatabase({ loadDataDirBlob: await templateBlob(context.emptyTemplateFile) })),
        url: undefined,
      }
    : createPostgresDatabase(context, 'template1');
};
