import { parseXml, renderXml, type XmlElement } from '../../../platform/xml/index.ts';
import type { OrderContent } from '../domain/order-content.ts';
import {
  amountLeaf,
  cac,
  cbc,
  cbcEl,
  el,
  Issues,
  leaf,
  orderPartyNode,
  readCurrency,
  readDate,
  readParty,
  UBL_NS,
  ublRootAttributes,
} from './ubl-common.ts';
import {
  checkTotal,
  deliveryNodes,
  orderLineNodes,
  readIncoterms,
  readNotes,
  readOrderLines,
  readPaymentTerms,
  readRequestedDelivery,
  type SuppliedIncoterms,
} from './ubl-order-body.ts';

/**
 * What the importer of a UBL Order states where the file is silent or unusable for tradehub: most
 * Orders from European buyers carry no HS codes, and many name delivery terms older than
 * Incoterms 2020. Only gaps are filled; a completion contradicting the file is refused.
 */
export type UblOrderCompletion = {
  incoterms?: SuppliedIncoterms;
  /** HS code per order line, keyed by the line's cbc:ID as the file writes it. */
  hsCodes?: Readonly<Record<string, string>>;
  paymentTerms?: string;
};

/** The `cac:AdditionalDocumentReference/cbc:DocumentType` that marks the hub's own order id. */
const HUB_ORDER_REFERENCE = 'tradehub order';

const requireRoot = (root: XmlElement, ns: string, name: string, what: string, issues: Issues): boolean => {
  if (root.ns !== ns || root.name !== name) {
    issues.add(
      'file',
      'trade.not_ubl_document',
      `the root element is ${root.name} in ${root.ns || 'no namespace'}, not a UBL ${what}`,
      root,
    );
    return false;
  }
  return true;
};

/** Reads the content every order-like UBL document shares; undefined when anything is missing. */
export const readOrderContent = (
  root: XmlElement,
  issues: Issues,
  totalElement: XmlElement | undefined,
  completion?: UblOrderCompletion,
): OrderContent | undefined => {
  const buyerReference = cbc(root, 'ID');
  if (buyerReference === undefined) {
    issues.add('buyerReference', 'kernel.required', "cbc:ID (the buyer's order number) is required", root);
  }
  const issueDate = readDate(root, 'IssueDate', 'issueDate', issues, true);
  const currency = readCurrency(root, issues);
  const buyerHolder = cac(root, 'BuyerCustomerParty');
  const sellerHolder = cac(root, 'SellerSupplierParty');
  if (buyerHolder === undefined) {
    issues.add('buyer', 'kernel.required', 'cac:BuyerCustomerParty is required', root);
  }
  if (sellerHolder === undefined) {
    issues.add('seller', 'kernel.required', 'cac:SellerSupplierParty is required', root);
  }
  const buyer =
    buyerHolder === undefined
      ? undefined
      : readParty(cac(buyerHolder, 'Party'), 'buyer', issues, buyerHolder);
  const seller =
    sellerHolder === undefined
      ? undefined
      : readParty(cac(sellerHolder, 'Party'), 'seller', issues, sellerHolder);
  const incoterms = readIncoterms(root, issues, completion?.incoterms);
  const requestedDeliveryDate = readRequestedDelivery(root, issues);
  const lines = currency === undefined ? [] : readOrderLines(root, currency, issues, completion?.hsCodes);
  const paymentTerms = choosePaymentTerms(root, completion, issues);
  if (currency === undefined || issues.errors.length > 0) {
    return undefined;
  }
  const total = checkTotal(lines, currency, totalElement, issues);
  if (
    issues.errors.length > 0 ||
    buyerReference === undefined ||
    issueDate === undefined ||
    buyer === undefined ||
    seller === undefined ||
    incoterms === undefined
  ) {
    return undefined;
  }
  const note = readNotes(root);
  return {
    buyerReference,
    issueDate,
    currency,
    seller,
    buyer,
    incoterms,
    ...(requestedDeliveryDate === undefined ? {} : { requestedDeliveryDate }),
    paymentTerms,
    ...(note === undefined ? {} : { note }),
    lines,
    total,
  };
};

/**
 * The payment terms: the file's notes, else the importer's. An Order must state them (the hub
 * keeps no order without); an OrderResponse (no completion) may leave them unchanged, so empty.
 */
const choosePaymentTerms = (
  root: XmlElement,
  completion: UblOrderCompletion | undefined,
  issues: Issues,
): string => {
  const fromFile = readPaymentTerms(root);
  if (completion === undefined) {
    return fromFile;
  }
  const supplied = completion.paymentTerms?.trim();
  if (fromFile !== '') {
    if (supplied !== undefined && supplied !== fromFile) {
      issues.add(
        'paymentTerms',
        'trade.completion_conflict',
        'the file states its payment terms; the completion only fills what the file lacks',
        cac(root, 'PaymentTerms'),
      );
    }
    return fromFile;
  }
  if (supplied === undefined || supplied === '') {
    issues.add(
      'paymentTerms',
      'kernel.required',
      'cac:PaymentTerms/cbc:Note is required (or state the terms in the completion)',
      root,
    );
    return '';
  }
  return supplied;
};

/**
 * A UBL 2.x Order (2.1 to 2.4 share the namespace) as OrderContent. Refuses, with AppError
 * `http.validation_failed` and a field error per problem (`lines.2.quantity`; each message names the
 * order line and the XML line): XML that is not well-formed or has a DOCTYPE, another root element,
 * missing required elements, an Incoterms rule outside Incoterms 2020, amounts in another currency
 * than cbc:DocumentCurrencyCode, quantities that are not above zero, unit codes outside UN/ECE
 * Rec 20/21, a cbc:LineExtensionAmount other than quantity x price, and a
 * cac:AnticipatedMonetaryTotal/cbc:LineExtensionAmount other than the sum of the lines. HS codes,
 * UN/LOCODEs and organisations are checked for format only: the caller checks them against the
 * loaded code lists (validateOrderContent). `completion` fills what the file lacks (UblOrderCompletion).
 */
export const parseUblOrder = (xml: string, completion?: UblOrderCompletion): OrderContent => {
  const root = parseXml(xml);
  const issues = new Issues();
  if (!requireRoot(root, UBL_NS.order, 'Order', 'Order', issues)) {
    throw issues.failure('UBL Order');
  }
  const totalElement = cbcEl(cac(root, 'AnticipatedMonetaryTotal'), 'LineExtensionAmount');
  const content = readOrderContent(root, issues, totalElement, completion ?? {});
  const failure = issues.failure('UBL Order');
  if (failure !== undefined || content === undefined) {
    throw failure ?? issues.failure('UBL Order');
  }
  return content;
};

/** OrderContent as a UBL 2.4 Order (UBL OrderType element order). */
export const buildUblOrder = (order: OrderContent, meta: { orderId: string }): string => {
  const { delivery, terms, payment } = deliveryNodes(order);
  const root = el(
    'Order',
    [
      leaf('cbc:UBLVersionID', '2.4'),
      leaf('cbc:ID', order.buyerReference),
      leaf('cbc:IssueDate', order.issueDate),
      leaf('cbc:Note', order.note),
      leaf('cbc:DocumentCurrencyCode', order.currency),
      el('cac:AdditionalDocumentReference', [
        leaf('cbc:ID', meta.orderId),
        leaf('cbc:DocumentType', HUB_ORDER_REFERENCE),
      ]),
      el('cac:BuyerCustomerParty', [orderPartyNode(order.buyer)]),
      el('cac:SellerSupplierParty', [orderPartyNode(order.seller)]),
      delivery,
      terms,
      payment,
      el('cac:AnticipatedMonetaryTotal', [
        amountLeaf('cbc:LineExtensionAmount', order.total),
        amountLeaf('cbc:PayableAmount', order.total),
      ]),
      ...orderLineNodes(order),
    ],
    ublRootAttributes(UBL_NS.order),
  );
  return renderXml(root);
};
