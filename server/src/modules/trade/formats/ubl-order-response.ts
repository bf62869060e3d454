import { parseXml, renderXml, type XmlElement } from '../../../platform/xml/index.ts';
import type { OrderContent } from '../domain/order-content.ts';
import {
  amountLeaf,
  cac,
  cacAll,
  cbc,
  cbcEl,
  el,
  Issues,
  leaf,
  orderPartyNode,
  readDate,
  textOf,
  UBL_NS,
  ublRootAttributes,
} from './ubl-common.ts';
import { readOrderContent } from './ubl-order.ts';
import { deliveryNodes, orderLineNodes, readNotes } from './ubl-order-body.ts';

/** UNCL 4343 response type codes an order response uses here: accepted, rejected, conditionally accepted. */
export type OrderResponseCode = 'AP' | 'RE' | 'CA';
const RESPONSE_CODES: readonly string[] = ['AP', 'RE', 'CA'];

/** What a UBL OrderResponse says. */
export type ParsedOrderResponse = {
  /** cbc:ID of the response. */
  responseId: string;
  /** The hub order it answers (cbc:SalesOrderID), when the file names one. */
  orderId?: string;
  /** cac:OrderReference/cbc:ID: the buyer's order number. */
  buyerReference: string;
  issueDate: string;
  /** cbc:OrderResponseCode (UNCL 4343); UBL 2.1 files have none. */
  responseCode?: OrderResponseCode;
  note?: string;
  /** cbc:DocumentCurrencyCode, when the file states one. */
  currency?: string;
  /** The answering and the ordering party by name (cac:PartyName/cbc:Name), when the file names them. */
  sellerName?: string;
  buyerName?: string;
  /**
   * Line by line answers (cbc:LineStatusCode: Accepted, Disputed, NoStatus, ...) of a response that
   * answers lines without pricing them, as the OASIS example does.
   */
  lineStatuses?: { lineId: string; status: string }[];
  /** The order as the seller answers it, when the response carries priced lines (always for CA). */
  content?: OrderContent;
};

const partyName = (root: XmlElement, holder: string): string | undefined =>
  cbc(cac(cac(cac(root, holder), 'Party'), 'PartyName'), 'Name');

const readLineStatuses = (root: XmlElement): { lineId: string; status: string }[] =>
  cacAll(root, 'OrderLine').flatMap((orderLine) => {
    const item = cac(orderLine, 'LineItem');
    const lineId = cbc(item, 'ID');
    const status = cbc(item, 'LineStatusCode');
    return lineId === undefined || status === undefined ? [] : [{ lineId, status }];
  });

/**
 * A UBL 2.x OrderResponse. The order content is read (and held to every rule parseUblOrder applies)
 * only when a line carries cac:Price; status-only responses (UBL 2.1 examples) give just the code,
 * the reference and the note. Throws AppError `http.validation_failed` with field errors.
 */
export const parseUblOrderResponse = (xml: string): ParsedOrderResponse => {
  const root = parseXml(xml);
  const issues = new Issues();
  if (root.ns !== UBL_NS.orderResponse || root.name !== 'OrderResponse') {
    issues.add(
      'file',
      'trade.not_ubl_document',
      `the root element is ${root.name}, not a UBL OrderResponse`,
      root,
    );
    throw issues.failure('UBL OrderResponse');
  }
  const responseId = cbc(root, 'ID');
  if (responseId === undefined) {
    issues.add('responseId', 'kernel.required', 'cbc:ID is required', root);
  }
  const issueDate = readDate(root, 'IssueDate', 'issueDate', issues, true);
  const buyerReference = cbc(cac(root, 'OrderReference'), 'ID');
  if (buyerReference === undefined) {
    issues.add('buyerReference', 'kernel.required', 'cac:OrderReference/cbc:ID is required', root);
  }
  const codeElement = cbcEl(root, 'OrderResponseCode');
  const code = textOf(codeElement);
  if (code !== undefined && !RESPONSE_CODES.includes(code)) {
    issues.add('responseCode', 'kernel.unknown_code', `${code} is not AP, RE or CA (UNCL 4343)`, codeElement);
  }
  const priced = cacAll(root, 'OrderLine').some((line) => cac(cac(line, 'LineItem'), 'Price') !== undefined);
  let content: OrderContent | undefined;
  if (priced) {
    // The response's own cbc:ID, cbc:IssueDate and cbc:Note are not the order's: read the content
    // with the order reference's number and date in their place (the order's note is not carried).
    const reference = cac(root, 'OrderReference');
    const own = new Set(['ID', 'IssueDate', 'Note']);
    const body = {
      ...root,
      children: root.children.filter((child) => !(child.ns === UBL_NS.cbc && own.has(child.name))),
    };
    const referenceDate = cbcEl(reference, 'IssueDate') ?? cbcEl(root, 'IssueDate');
    body.children.unshift(...[cbcEl(reference, 'ID'), referenceDate].filter((child) => child !== undefined));
    content = readOrderContent(body, issues, cbcEl(cac(root, 'LegalMonetaryTotal'), 'LineExtensionAmount'));
  }
  const failure = issues.failure('UBL OrderResponse');
  if (
    failure !== undefined ||
    responseId === undefined ||
    issueDate === undefined ||
    buyerReference === undefined
  ) {
    throw failure ?? issues.failure('UBL OrderResponse');
  }
  const orderId = cbc(root, 'SalesOrderID');
  const note = readNotes(root);
  const currency = cbc(root, 'DocumentCurrencyCode');
  const sellerName = partyName(root, 'SellerSupplierParty');
  const buyerName = partyName(root, 'BuyerCustomerParty');
  const lineStatuses = readLineStatuses(root);
  return {
    responseId,
    ...(orderId === undefined ? {} : { orderId }),
    buyerReference,
    issueDate,
    ...(code === undefined ? {} : { responseCode: code as OrderResponseCode }),
    ...(note === undefined ? {} : { note }),
    ...(currency === undefined ? {} : { currency }),
    ...(sellerName === undefined ? {} : { sellerName }),
    ...(buyerName === undefined ? {} : { buyerName }),
    ...(lineStatuses.length === 0 ? {} : { lineStatuses }),
    ...(content === undefined ? {} : { content }),
  };
};

/**
 * A response that answers without pricing (no `content`) as a UBL 2.4 OrderResponse: what
 * parseUblOrderResponse read, written back in OrderResponseType element order. A priced answer is
 * written by buildUblOrderResponse from the order.
 */
export const buildUblOrderStatusResponse = (response: Omit<ParsedOrderResponse, 'content'>): string => {
  const party = (name: string | undefined) =>
    name === undefined ? undefined : el('cac:Party', [el('cac:PartyName', [leaf('cbc:Name', name)])]);
  const root = el(
    'OrderResponse',
    [
      leaf('cbc:UBLVersionID', '2.4'),
      leaf('cbc:ID', response.responseId),
      leaf('cbc:SalesOrderID', response.orderId),
      leaf('cbc:IssueDate', response.issueDate),
      leaf('cbc:OrderResponseCode', response.responseCode, { listID: 'UNCL4343' }),
      leaf('cbc:Note', response.note),
      leaf('cbc:DocumentCurrencyCode', response.currency),
      el('cac:OrderReference', [leaf('cbc:ID', response.buyerReference)]),
      // Both parties are required by OrderResponseType; an unnamed one is written empty.
      el('cac:SellerSupplierParty', [party(response.sellerName)]),
      el('cac:BuyerCustomerParty', [party(response.buyerName)]),
      ...(response.lineStatuses ?? []).map(({ lineId, status }) =>
        el('cac:OrderLine', [
          el('cac:LineItem', [
            leaf('cbc:ID', lineId),
            leaf('cbc:LineStatusCode', status),
            el('cac:Item', []),
          ]),
        ]),
      ),
    ],
    ublRootAttributes(UBL_NS.orderResponse),
  );
  return renderXml(root);
};

/**
 * The seller's answer to an order as a UBL 2.4 OrderResponse: cbc:OrderResponseCode AP (accepted),
 * RE (rejected) or CA (conditionally accepted, i.e. a counter-offer), with the order content as the
 * seller answers it (parties, terms, priced lines and cac:LegalMonetaryTotal).
 */
export const buildUblOrderResponse = (
  order: OrderContent,
  meta: { orderId: string; responseCode: OrderResponseCode; note?: string; issueDate: string },
): string => {
  const { delivery, terms, payment } = deliveryNodes(order);
  const root = el(
    'OrderResponse',
    [
      leaf('cbc:UBLVersionID', '2.4'),
      leaf('cbc:ID', `${meta.orderId}-${meta.responseCode}-${meta.issueDate}`),
      leaf('cbc:SalesOrderID', meta.orderId),
      leaf('cbc:IssueDate', meta.issueDate),
      leaf('cbc:OrderResponseCode', meta.responseCode, { listID: 'UNCL4343' }),
      leaf('cbc:Note', meta.note),
      leaf('cbc:DocumentCurrencyCode', order.currency),
      el('cac:OrderReference', [
        leaf('cbc:ID', order.buyerReference),
        leaf('cbc:IssueDate', order.issueDate),
      ]),
      el('cac:SellerSupplierParty', [orderPartyNode(order.seller)]),
      el('cac:BuyerCustomerParty', [orderPartyNode(order.buyer)]),
      delivery,
      terms,
      payment,
      el('cac:LegalMonetaryTotal', [
        amountLeaf('cbc:LineExtensionAmount', order.total),
        amountLeaf('cbc:PayableAmount', order.total),
      ]),
      ...orderLineNodes(order),
    ],
    ublRootAttributes(UBL_NS.orderResponse),
  );
  return renderXml(root);
};
