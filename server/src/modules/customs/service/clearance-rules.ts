import { createHmac } from 'node:crypto';
import type { Executor } from '../../../platform/access/index.ts';
import { createPersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import {
  type ImportInventory,
  type ImportOrder,
  type ImportPayment,
  type ImportWaybill,
  type MatchingConfig,
  type ParcelDocuments as MatchingDocuments,
  matchParcel,
  type ParcelMatch,
  type RuleFinding,
} from '../domain/matching/index.ts';
import { assessRisk, type RiskAssessment } from '../domain/risk/index.ts';
import { computeRetailImportTax, type DocumentTax, type LineTax } from '../domain/tax/retail-import-tax.ts';
import type { TariffTable } from '../domain/tax/tariff.ts';
import type { CebRecord } from '../formats/ceb/index.ts';
import { admitParcelIn, type ParcelQuotaClaim, refundQuotaIn } from '../quota/index.ts';

// The sandbox's clearance rules bound to the parcel's stored documents: the CEB records of the
// four messages mapped onto the matching, tax, quota and risk parts of the domain.

export type CebDocument = CebRecord;
/** A parcel's documents as received: each the CEB record of its message (OrderHead + OrderList …). */
export type ParcelDocuments = {
  order?: CebDocument;
  payment?: CebDocument;
  waybill?: CebDocument;
  inventory?: CebDocument;
};

const record = (value: CebRecord[string] | undefined): CebRecord =>
  value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
const list = (value: CebRecord[string] | undefined): CebRecord[] =>
  Array.isArray(value) ? value : value !== undefined && typeof value === 'object' ? [value] : [];
const withNumberedLines = <T>(lines: CebRecord[]): T[] =>
  lines.map((line) => ({ ...line, gnum: Number(line.gnum) }) as unknown as T);

// The matching types keep integers as numbers (line numbers, package counts); CEB records hold text.
const withPackNo = (head: CebRecord): CebRecord =>
  typeof head.packNo === 'string' ? ({ ...head, packNo: Number(head.packNo) } as unknown as CebRecord) : head;

const toOrder = (doc: CebDocument): ImportOrder => ({
  head: record(doc.OrderHead) as unknown as ImportOrder['head'],
  lines: withNumberedLines(list(doc.OrderList)),
});
const toInventory = (doc: CebDocument): ImportInventory => ({
  head: withPackNo(record(doc.InventoryHead)) as unknown as ImportInventory['head'],
  lines: withNumberedLines(list(doc.InventoryList)),
});
const toPayment = (doc: CebDocument): ImportPayment => record(doc.PaymentHead) as unknown as ImportPayment;
const toWaybill = (doc: CebDocument): ImportWaybill =>
  withPackNo(record(doc.LogisticsHead)) as unknown as ImportWaybill;

const matchingDocuments = (docs: ParcelDocuments): MatchingDocuments => ({
  ...(docs.order === undefined ? {} : { order: toOrder(docs.order) }),
  ...(docs.payment === undefined ? {} : { payment: toPayment(docs.payment) }),
  ...(docs.waybill === undefined ? {} : { waybill: toWaybill(docs.waybill) }),
  ...(docs.inventory === undefined ? {} : { inventory: toInventory(docs.inventory) }),
});

/** Three-document matching (三单对碰) of the parcel with the office's severities. */
export const matchDocuments = (
  docs: ParcelDocuments,
  settings: CustomsDeps['sandbox'],
): ParcelMatch & { findings: RuleFinding[] } =>
  matchParcel(matchingDocuments(docs), { severities: settings.matchingSeverities } as MatchingConfig);

export type ParcelTax =
  | {
      decision: 'within_limits' | 'over_limit_single_item';
      dutiableValue: string;
      lines: LineTax[];
      totals: DocumentTax;
      total: string;
    }
  | { decision: 'refused'; dutiableValue: string; refusalCode: string; refusalMessage: string };

/** The retail-import tax of the inventory list, given what the buyer used this year before it. */
export const computeParcelTax = (
  inventoryDoc: CebDocument,
  annualUsed: string,
  tariff: TariffTable,
): ParcelTax => {
  const inventory = toInventory(inventoryDoc);
  const head = inventory.head as unknown as Record<string, string | undefined>;
  const result = computeRetailImportTax({
    lines: inventory.lines.map((line) => ({
      gnum: Number(line.gnum),
      gcode: line.gcode,
      totalPrice: line.totalPrice,
      qty: line.qty,
    })),
    freight: head.freight ?? '0',
    insuredFee: head.insuredFee ?? '0',
    tariff,
    annualUsed,
  });
  if (result.decision === 'refused') {
    const first = result.reasons[0];
    return {
      decision: 'refused',
      dutiableValue: result.dutiablePrice,
      refusalCode: first?.code ?? 'customs.refused',
      refusalMessage: result.reasons.map((r) => r.message).join('; '),
    };
  }
  return {
    decision: result.decision,
    dutiableValue: result.dutiablePrice,
    lines: result.lines,
    totals: result.totals,
    total: result.totals.total,
  };
};

const quotaDeps = (deps: CustomsDeps) => ({ vault: createPersonalDataVault(deps.secretKey), now: deps.now });

/** The quota step of a decision: lock, tell the caller the buyer's use so far, reserve (and consume). */
export const admitBuyerQuota = (
  ex: Executor,
  deps: CustomsDeps,
  input: { buyerIdNumber: string; year: number; inventoryRef: string; organisationId: string },
  decide: (usedBefore: string) => ParcelQuotaClaim,
) => admitParcelIn(ex, quotaDeps(deps), input, decide);

export const refundBuyerQuota = (
  ex: Executor,
  deps: CustomsDeps,
  input: { inventoryRef: string; organisationId: string; at: Date },
) => refundQuotaIn(ex, quotaDeps(deps), input);

/** The risk rules on the inventory: deterministic sampling keyed from the hub secret, watch lists. */
export const assessParcelRisk = (
  deps: CustomsDeps,
  docs: ParcelDocuments,
  buyerIdNumberHash: string,
): RiskAssessment => {
  const samplingKey = new Uint8Array(
    createHmac('sha256', deps.secretKey).update('customs/risk-sampling/v1').digest(),
  );
  return assessRisk(
    toInventory(docs.inventory as CebDocument),
    { inspectionRate: deps.sandbox.inspectionRate },
    {
      samplingKey,
      buyerIdNumberHash,
      ...(docs.waybill === undefined ? {} : { waybill: toWaybill(docs.waybill) }),
    },
  );
};
