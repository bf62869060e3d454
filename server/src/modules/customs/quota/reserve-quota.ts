import { AppError, type FieldError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import { parseAmount } from '../domain/tax/fixed-decimal.ts';
import {
  ANNUAL_LIMIT_UNITS,
  checkBuyerIdNumber,
  checkReferences,
  checkYear,
  formatAmount,
  invalidInput,
  type QuotaDeps,
  unitsOf,
} from './deps.ts';
import {
  appendQuotaEntry,
  ensureAndLockQuotaYear,
  entriesForInventory,
  moveQuotaTotals,
} from './repository.ts';

export type ReserveQuotaInput = {
  /** The buyer's resident ID number (订购人证件号码); stored only sealed, never logged. */
  buyerIdNumber: string;
  /** The calendar year the parcel counts towards. */
  year: number;
  /** The parcel's dutiable price in CNY, a decimal string with at most 5 fraction digits, above 0. */
  amount: string;
  /** The inventory's guid or invtNo; reserving twice for one inventory changes nothing. */
  inventoryRef: string;
  /** The organisation that declared the inventory. */
  organisationId: string;
};

/** Amounts are CNY decimal strings with 5 fraction digits. */
export type ReserveQuotaResult =
  | { admitted: true; usedAfter: string; remaining: string; replayed: boolean }
  | { admitted: false; used: string; remaining: string; code: 'customs.over_annual_limit' };

const validate = (input: ReserveQuotaInput) => {
  const errors: FieldError[] = [];
  const idNumber = checkBuyerIdNumber(input.buyerIdNumber, errors);
  const year = checkYear(input.year, errors);
  const amount = typeof input.amount === 'string' ? parseAmount(input.amount) : null;
  if (amount === null || amount <= 0n) {
    errors.push({
      field: 'amount',
      code: 'customs.invalid_quota_amount',
      message: 'amount must be a decimal above 0 with at most 5 fraction digits',
    });
  }
  checkReferences(input, errors);
  if (errors.length > 0) {
    throw invalidInput(errors);
  }
  return { idNumber, year, amount: amount as bigint };
};

/**
 * Reserves `amount` of the buyer's annual quota for an inventory, inside the caller's
 * transaction `trx` (so it commits with the inventory's acceptance). Admitted only when the
 * buyer's use for the year (consumed plus open reservations) stays at or below CNY 26,000.
 * Concurrency: it first makes sure the buyer-year totals row exists (`insert … on conflict do
 * nothing`), then locks it (`select … for update`), so reservations for one buyer and year run
 * one after another and each sees the others' effect; the check constraint on that row refuses
 * any write over the limit even if this code were wrong. Replaying a reservation for the same
 * inventory, buyer, year and amount answers the same without writing; the same inventory with
 * anything else is AppError `customs.quota_entry_conflict`.
 */
export const reserveQuotaIn = async (
  trx: Executor,
  deps: Pick<QuotaDeps, 'vault' | 'now'>,
  input: ReserveQuotaInput,
): Promise<ReserveQuotaResult> => {
  const { idNumber, year, amount } = validate(input);
  const buyerHash = deps.vault.lookupHash(idNumber);
  const now = deps.now();
  const totals = await ensureAndLockQuotaYear(trx, {
    buyer_hash: buyerHash,
    year,
    buyer_id_number_sealed: deps.vault.encrypt(idNumber),
    organisation_id: input.organisationId,
    created_at: now,
  });
  const used = unitsOf(totals.consumed) + unitsOf(totals.reserved);
  const conflict = () =>
    new AppError(
      'customs.quota_entry_conflict',
      `Inventory ${input.inventoryRef} already has a reservation for another buyer, year or amount`,
      { details: { inventoryRef: input.inventoryRef } },
    );
  const earlier = (await entriesForInventory(trx, input.inventoryRef)).find(
    (entry) => entry.kind === 'reserve',
  );
  if (earlier !== undefined) {
    if (earlier.buyer_hash !== buyerHash || earlier.year !== year || unitsOf(earlier.amount) !== amount) {
      throw conflict();
    }
    return {
      admitted: true,
      usedAfter: formatAmount(used),
      remaining: formatAmount(ANNUAL_LIMIT_UNITS - used),
      replayed: true,
    };
  }
  if (used + amount > ANNUAL_LIMIT_UNITS) {
    return {
      admitted: false,
      used: formatAmount(used),
      remaining: formatAmount(ANNUAL_LIMIT_UNITS - used),
      code: 'customs.over_annual_limit',
    };
  }
  const amountText = formatAmount(amount);
  const appended = await appendQuotaEntry(trx, {
    buyer_hash: buyerHash,
    year,
    kind: 'reserve',
    inventory_ref: input.inventoryRef,
    amount: amountText,
    organisation_id: input.organisationId,
    at: now,
  });
  // Another buyer's transaction reserved this inventory between our read and our insert: it
  // held another buyer-year lock, so only the unique (kind, inventory_ref) key caught it.
  if (!appended) {
    throw conflict();
  }
  await moveQuotaTotals(trx, { buyerHash, year }, { consumedDelta: '0', reservedDelta: amountText, at: now });
  const usedAfter = used + amount;
  return {
    admitted: true,
    usedAfter: formatAmount(usedAfter),
    remaining: formatAmount(ANNUAL_LIMIT_UNITS - usedAfter),
    replayed: false,
  };
};

/** reserveQuotaIn in a transaction of its own. */
export const reserveQuota = (deps: QuotaDeps, input: ReserveQuotaInput): Promise<ReserveQuotaResult> =>
  deps.db.transaction((trx) => reserveQuotaIn(trx, deps, input));
