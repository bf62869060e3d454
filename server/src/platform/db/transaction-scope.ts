import { AsyncLocalStorage } from 'node:async_hooks';

type Scope = { active: boolean };

// Marks the async context of a `Database.transaction` callback. PGlite is one connection: a
// query sent through `db.kysely` instead of `trx` from inside the callback would wait forever
// for the connection its own transaction holds. With this mark the driver throws instead.
const storage = new AsyncLocalStorage<Scope>();

/** True inside the callback of a `Database.transaction` that is still running. */
export const insideTransaction = (): boolean => storage.getStore()?.active === true;

/** Runs `body` with the transaction mark, which `body` switches on once it holds the connection. */
export const withTransactionScope = <T>(body: (scope: Scope) => Promise<T>): Promise<T> => {
  const scope: Scope = { active: false };
  return storage.run(scope, () => body(scope));
};

/**
 * Runs `fn` outside any transaction mark. Background work (timers, dispatchers) that may be
 * started from inside a transaction callback uses it, so it does not look like that transaction.
 */
export const outsideTransaction = <T>(fn: () => T): T => storage.exit(fn);
