import { AppError, type FieldError, maskPrcIdNumber } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import {
  ANNUAL_LIMIT_UNITS,
  checkBuyerIdNumber,
  checkYear,
  formatAmount,
  type QuotaDeps,
  unitsOf,
} from './deps.ts';
import { entriesForBuyerYear, type QuotaEntryKind } from './repository.ts';

export type QuotaEntry = {
  kind: QuotaEntryKind;
  inventoryRef: string;
  amount: string;
  organisationId: string;
  at: Date;
};

/** A buyer's quota for a year; amounts are CNY decimal strings with 5 fraction digits. */
export type BuyerQuota = {
  /** The ID number masked (`110*************2X`): the full number is never returned. */
  buyerIdNumberMasked: string;
  year: number;
  limit: string;
  /** consumed + reserved. */
  used: string;
  remaining: string;
  /** Released parcels not refunded. */
  consumed: string;
  /** Accepted inventories not yet released or released from their reservation. */
  reserved: string;
  entries: QuotaEntry[];
};

/**
 * The buyer's quota for a calendar year, computed from the ledger entries themselves (not from
 * the totals row), for the buyer view and for reconciliation.
 */
export const quotaOfIn = async (
  ex: Executor,
  deps: Pick<QuotaDeps, 'vault'>,
  buyerIdNumber: string,
  year: number,
): Promise<BuyerQuota> => {
  const errors: FieldError[] = [];
  const idNumber = checkBuyerIdNumber(buyerIdNumber, errors);
  checkYear(year, errors);
  if (errors.length > 0) {
    throw new AppError('customs.invalid_quota_input', 'The quota request is not valid', {
      fieldErrors: errors,
    });
  }
  const rows = await entriesForBuyerYear(ex, deps.vault.lookupHash(idNumber), year);
  const sums: Record<QuotaEntryKind, bigint> = {
    reserve: 0n,
    consume: 0n,
    release_reservation: 0n,
    refund: 0n,
  };
  for (const row of rows) {
    sums[row.kind] += unitsOf(row.amount);
  }
  const consumed = sums.consume - sums.refund;
  const reserved = sums.reserve - sums.release_reservation - sums.consume;
  const used = consumed + reserved;
  return {
    buyerIdNumberMasked: maskPrcIdNumber(idNumber),
    year,
    limit: formatAmount(ANNUAL_LIMIT_UNITS),
    used: formatAmount(used),
    remaining: formatAmount(ANNUAL_LIMIT_UNITS - used),
    consumed: formatAmount(consumed),
    reserved: formatAmount(reserved),
    entries: rows.map((row) => ({
      kind: row.kind,
      inventoryRef: row.inventory_ref,
      amount: formatAmount(unitsOf(row.amount)),
      organisationId: row.organisation_id,
      at: row.at,
    })),
  };
};

/** quotaOfIn on the database. */
export const quotaOf = (
  deps: Pick<QuotaDeps, 'db' | 'vault'>,
  buyerIdNumber: string,
  year: number,
): Promise<BuyerQuota> => quotaOfIn(deps.db.kysely, deps, buyerIdNumber, year);
