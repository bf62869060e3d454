import { isAppError, type Money, parseMoney } from '@tradehub/kernel';
import { isIsoDate } from './canonical-invoice.ts';
import { type InvoiceParty, partyOf } from './invoice-credential.ts';

/**
 * The statuses in which an order is a purchase order a bank may finance before shipment: both
 * parties agreed it (`accepted`), or the seller has started fulfilling it (`in_fulfilment`), which
 * is when pre-shipment money (materials, production, labour) is needed. Not before agreement
 * (draft, offered, countered: the content may still change), not once `completed` (the goods are
 * delivered and invoiced: the invoice is what to finance then), and never a `rejected` or
 * `cancelled` one (no payable stands behind it).
 */
export const financeableOrderStatuses: ReadonlySet<string> = new Set(['accepted', 'in_fulfilment']);

/** What finance reads of an order, as the trade module's `getOrder` answers it. */
export type OrderForFinance = {
  id: string;
  version: number;
  status: string;
  myRole: string;
  sellerOrganisationId: string;
  buyerOrganisationId: string | null;
  content: {
    buyerReference: string;
    seller: { name: string; country: string; companyId?: string | undefined };
    buyer: { name: string; country: string; companyId?: string | undefined };
    total: { amount: string; currency: string };
  };
  history: readonly { version: number; at: string; status: string; contentChanged: boolean }[];
  documents: readonly { documentId: string; kind: string }[];
};

/** What a financing request keeps of the purchase order it is made for. */
export type PurchaseOrder = {
  orderId: string;
  /** The version both parties agreed, whose content is read. */
  version: number;
  /** The buyer's order reference as agreed, or the order id when it has none. */
  number: string;
  /** The day the order was agreed (UTC). */
  issueDate: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  amount: Money;
};

export type ReadOrder =
  | { ok: true; order: PurchaseOrder }
  | { ok: false; reason: 'not_financeable'; status: string }
  | { ok: false; reason: 'unreadable'; field: string };

const MAX_NUMBER_LENGTH = 100;

/**
 * Reads the purchase order out of the order's agreed version: the number, the day it was
 * accepted, the parties and the total. An order's content cannot change once it is accepted; if a
 * later history entry says otherwise, the order is not read (the agreed content is gone).
 */
export const readAgreedOrder = (order: OrderForFinance): ReadOrder => {
  if (!financeableOrderStatuses.has(order.status)) {
    return { ok: false, reason: 'not_financeable', status: order.status };
  }
  const agreed = order.history.filter((entry) => entry.status === 'accepted').at(-1);
  if (agreed === undefined) {
    return { ok: false, reason: 'unreadable', field: 'history' };
  }
  if (order.history.some((entry) => entry.version > agreed.version && entry.contentChanged)) {
    return { ok: false, reason: 'unreadable', field: 'content' };
  }
  const issueDate = agreed.at.slice(0, 10);
  if (!isIsoDate(issueDate)) {
    return { ok: false, reason: 'unreadable', field: 'history' };
  }
  const number = order.content.buyerReference.trim() === '' ? order.id : order.content.buyerReference.trim();
  if (number.length > MAX_NUMBER_LENGTH) {
    return { ok: false, reason: 'unreadable', field: 'buyerReference' };
  }
  const seller = partyOf(order.content.seller);
  if (seller === undefined) {
    return { ok: false, reason: 'unreadable', field: 'seller' };
  }
  const buyer = partyOf(order.content.buyer);
  if (buyer === undefined) {
    return { ok: false, reason: 'unreadable', field: 'buyer' };
  }
  let amount: Money;
  try {
    amount = parseMoney(order.content.total.amount, order.content.total.currency);
  } catch (error) {
    if (isAppError(error)) {
      return { ok: false, reason: 'unreadable', field: 'total' };
    }
    throw error;
  }
  if (amount.amountMinor <= 0n) {
    return { ok: false, reason: 'unreadable', field: 'total' };
  }
  return {
    ok: true,
    order: { orderId: order.id, version: agreed.version, number, issueDate, seller, buyer, amount },
  };
};
