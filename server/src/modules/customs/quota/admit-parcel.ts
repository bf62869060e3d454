import { AppError, type FieldError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
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
import { appendQuotaEntry, ensureAndLockQuotaYear, moveQuotaTotals } from './repository.ts';

export type AdmitParcelInput = {
  buyerIdNumber: string;
  year: number;
  /** The inventory's reference (the parcel), as later follow-ups name it. */
  inventoryRef: string;
  organisationId: string;
};

/** What the caller decides once it knows the buyer's use before this parcel. */
export type ParcelQuotaClaim = { amount: string; consume: boolean } | null;

export type AdmitParcelResult =
  | { outcome: 'declined'; usedBefore: string }
  | { outcome: 'over_annual_limit'; usedBefore: string; remaining: string }
  | { outcome: 'admitted'; usedBefore: string; usedAfter: string; remaining: string };

/**
 * The quota step of a customs decision in one pass, inside the caller's transaction: lock the
 * buyer-year (creating it), hand the caller what the buyer used before this parcel (the tax
 * engine needs it), then, as the caller decides with that figure, reserve the parcel's amount
 * (inspection) or reserve and consume it at once (release). Four statements instead of the ten
 * of quotaOf + reserveQuota + consumeQuota, with the same entries, totals and lock order, so the
 * ledger reads exactly as if the three had run.
 */
export const admitParcelIn = async (
  trx: Executor,
  deps: Pick<QuotaDeps, 'vault' | 'now'>,
  input: AdmitParcelInput,
  decide: (usedBefore: string) => ParcelQuotaClaim,
): Promise<AdmitParcelResult> => {
  const errors: FieldError[] = [];
  const idNumber = checkBuyerIdNumber(input.buyerIdNumber, errors);
  const year = checkYear(input.year, errors);
  checkReferences(input, errors);
  if (errors.length > 0) {
    throw invalidInput(errors);
  }
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
  const usedBefore = formatAmount(used);
  const claim = decide(usedBefore);
  if (claim === null) {
    return { outcome: 'declined', usedBefore };
  }
  const amount = unitsOf(claim.amount);
  if (amount <= 0n) {
    throw invalidInput([
      { field: 'amount', code: 'customs.invalid_amount', message: 'the amount must be above 0' },
    ]);
  }
  if (used + amount > ANNUAL_LIMIT_UNITS) {
    return { outcome: 'over_annual_limit', usedBefore, remaining: formatAmount(ANNUAL_LIMIT_UNITS - used) };
  }
  const amountText = formatAmount(amount);
  const entry = {
    buyer_hash: buyerHash,
    year,
    inventory_ref: input.inventoryRef,
    amount: amountText,
    organisation_id: input.organisationId,
    at: now,
  };
  const reserved = await appendQuotaEntry(trx, { ...entry, kind: 'reserve' });
  const consumed = claim.consume ? await appendQuotaEntry(trx, { ...entry, kind: 'consume' }) : true;
  if (!reserved || !consumed) {
    throw new AppError(
      'customs.quota_entry_conflict',
      `Inventory ${input.inventoryRef} already has quota entries`,
      { details: { inventoryRef: input.inventoryRef } },
    );
  }
  await moveQuotaTotals(
    trx,
    { buyerHash, year },
    {
      consumedDelta: claim.consume ? amountText : '0',
      reservedDelta: claim.consume ? '0' : amountText,
      at: now,
    },
  );
  const usedAfter = used + amount;
  return {
    outcome: 'admitted',
    usedBefore,
    usedAfter: formatAmount(usedAfter),
    remaining: formatAmount(ANNUAL_LIMIT_UNITS - usedAfter),
  };
};
