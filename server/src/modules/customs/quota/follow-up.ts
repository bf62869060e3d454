import { AppError, assert, type FieldError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import {
  ANNUAL_LIMIT_UNITS,
  checkReferences,
  formatAmount,
  invalidInput,
  type QuotaDeps,
  REFUND_WINDOW_DAYS,
  unitsOf,
} from './deps.ts';
import {
  appendQuotaEntry,
  entriesForInventory,
  lockQuotaYear,
  moveQuotaTotals,
  type QuotaEntryKind,
} from './repository.ts';

/** An entry that follows a reservation: the parcel was released, cancelled before release, or refunded. */
export type FollowUpKind = Exclude<QuotaEntryKind, 'reserve'>;

export type FollowUpInput = {
  /** The inventory's guid or invtNo, as given to reserveQuota. */
  inventoryRef: string;
  /** The organisation that sends the release, cancellation or return. */
  organisationId: string;
  /**
   * When it happened: for `consume` the release time (which starts the return window), for
   * `refund` when the cancellation or return was applied for. Defaults to now.
   */
  at?: Date;
};

/** The buyer's position after the entry; amounts are CNY decimal strings with 5 fraction digits. */
export type QuotaMovement = {
  kind: FollowUpKind;
  inventoryRef: string;
  year: number;
  amount: string;
  used: string;
  remaining: string;
  /** True when the entry already existed and nothing was written. */
  replayed: boolean;
};

const DAY_MS = 24 * 60 * 60 * 1000;

// How each follow-up moves the totals, given the reserved amount.
const deltas: Record<FollowUpKind, (amount: string) => { consumedDelta: string; reservedDelta: string }> = {
  consume: (amount) => ({ consumedDelta: amount, reservedDelta: `-${amount}` }),
  release_reservation: (amount) => ({ consumedDelta: '0', reservedDelta: `-${amount}` }),
  refund: (amount) => ({ consumedDelta: `-${amount}`, reservedDelta: '0' }),
};

const refuse = (code: string, message: string, inventoryRef: string): AppError =>
  new AppError(code, message, { details: { inventoryRef } });

/**
 * Appends a `consume`, `release_reservation` or `refund` entry for an inventory, in the caller's
 * transaction, for the amount its reservation holds. The buyer-year row is locked first, as for a
 * reservation. The allowed paths are reserve → consume → refund and reserve → release_reservation;
 * a repeated entry is a replay (nothing written), anything else is an AppError.
 */
export const appendFollowUpIn = async (
  trx: Executor,
  deps: Pick<QuotaDeps, 'now'>,
  kind: FollowUpKind,
  input: FollowUpInput,
): Promise<QuotaMovement> => {
  const errors: FieldError[] = [];
  checkReferences(input, errors);
  if (errors.length > 0) {
    throw invalidInput(errors);
  }
  const { inventoryRef } = input;
  const at = input.at ?? deps.now();
  const reservation = (await entriesForInventory(trx, inventoryRef)).find(
    (entry) => entry.kind === 'reserve',
  );
  if (reservation === undefined) {
    throw refuse(
      'customs.quota_reservation_missing',
      `Inventory ${inventoryRef} has no quota reservation`,
      inventoryRef,
    );
  }
  const key = { buyerHash: reservation.buyer_hash, year: reservation.year };
  const totals = await lockQuotaYear(trx, key.buyerHash, key.year);
  if (totals === undefined) {
    throw new Error('a reservation without its buyer-year row');
  }
  // Read again under the lock: another transaction may have appended since the first read.
  const kinds = new Map((await entriesForInventory(trx, inventoryRef)).map((entry) => [entry.kind, entry]));
  const amount = formatAmount(unitsOf(reservation.amount));
  const position = (usedUnits: bigint, replayed: boolean): QuotaMovement => ({
    kind,
    inventoryRef,
    year: key.year,
    amount,
    used: formatAmount(usedUnits),
    remaining: formatAmount(ANNUAL_LIMIT_UNITS - usedUnits),
    replayed,
  });
  const used = unitsOf(totals.consumed) + unitsOf(totals.reserved);
  if (kinds.has(kind)) {
    return position(used, true);
  }
  const consumed = kinds.get('consume');
  if (kind === 'consume' || kind === 'release_reservation') {
    if (kinds.has('release_reservation')) {
      throw refuse(
        'customs.quota_reservation_released',
        `The reservation of ${inventoryRef} was released`,
        inventoryRef,
      );
    }
    if (kind === 'release_reservation' && consumed !== undefined) {
      throw refuse(
        'customs.quota_already_consumed',
        `Inventory ${inventoryRef} was released; a cancellation or return is a refund`,
        inventoryRef,
      );
    }
  } else {
    if (consumed === undefined) {
      throw refuse(
        'customs.quota_not_consumed',
        `Inventory ${inventoryRef} was not released; cancel its reservation instead`,
        inventoryRef,
      );
    }
    if (at.getTime() > consumed.at.getTime() + REFUND_WINDOW_DAYS * DAY_MS) {
      throw refuse(
        'customs.refund_window_closed',
        `Inventory ${inventoryRef} was released more than ${REFUND_WINDOW_DAYS} days before the return`,
        inventoryRef,
      );
    }
  }
  const appended = await appendQuotaEntry(trx, {
    buyer_hash: key.buyerHash,
    year: key.year,
    kind,
    inventory_ref: inventoryRef,
    amount,
    organisation_id: input.organisationId,
    at,
  });
  // Every entry of this inventory is written under the same buyer-year lock, so none can appear
  // between the read above and this insert.
  assert(appended, 'a quota entry appeared for an inventory while its buyer-year was locked');
  await moveQuotaTotals(trx, key, { ...deltas[kind](amount), at: deps.now() });
  // Consuming turns a reservation into use, so only releasing and refunding change what is used.
  return position(kind === 'consume' ? used : used - unitsOf(amount), false);
};
