import type { FieldError } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { CebRecord } from '../formats/ceb/index.ts';
import { positiveListFindings } from './bonded-positive-list.ts';
import { restoreBondedStock, screenBondedInventory } from './bonded-stock.ts';

// The two checks the parcel pipeline makes on a complete, matched import inventory list before tax
// and quota: every line on the positive list, and for 1210 the account book holding the goods.

export type ImportScreening =
  | { kind: 'refused'; code: string; reasons: FieldError[] }
  | { kind: 'ok'; take: (parcelId: string, organisationId: string, at: Date) => Promise<void> };

const nothing = async () => {};

export const screenImportInventory = async (
  trx: Executor,
  inventory: CebRecord,
): Promise<ImportScreening> => {
  const offList = await positiveListFindings(trx, inventory);
  if (offList.length > 0) {
    return { kind: 'refused', code: 'customs.not_on_positive_list', reasons: offList };
  }
  const bonded = await screenBondedInventory(trx, inventory);
  if (bonded.kind === 'refused') {
    return {
      kind: 'refused',
      code: bonded.reasons[0]?.code ?? 'customs.bonded_stock_short',
      reasons: bonded.reasons,
    };
  }
  return { kind: 'ok', take: bonded.kind === 'ok' ? bonded.take : nothing };
};

/** A cancel (CEB623) or return (CEB625) document's goods back into the book the parcel took them from. */
export const restoreImportStock = (
  trx: Executor,
  input: {
    parcelId: string;
    to: 'cancelled' | 'returned';
    document: CebRecord;
    organisationId: string;
    at: Date;
  },
) => {
  const lines = input.document.InvtRefundList;
  return restoreBondedStock(trx, {
    parcelId: input.parcelId,
    kind: input.to === 'cancelled' ? 'cancel' : 'return',
    refundLines: Array.isArray(lines)
      ? lines
      : lines !== undefined && typeof lines === 'object'
        ? [lines]
        : [],
    organisationId: input.organisationId,
    at: input.at,
  });
};

/** Everything a parcel refused after inspection took from its book, back into the book. */
export const restoreRefusedStock = (
  trx: Executor,
  input: { parcelId: string; organisationId: string; at: Date },
) => restoreBondedStock(trx, { ...input, kind: 'refusal', refundLines: [] });
