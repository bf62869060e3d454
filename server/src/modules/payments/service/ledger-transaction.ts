import type { Transaction } from 'kysely';
import type { PaymentsDeps } from '../deps.ts';
import { rethrowLedgerConstraint } from './posting.ts';

/** One database transaction for one ledger request; the database's refusals come back as codes. */
export const inLedgerTransaction = <T>(deps: PaymentsDeps, work: (trx: Transaction<object>) => Promise<T>) =>
  deps.db.transaction(work).catch(rethrowLedgerConstraint);
