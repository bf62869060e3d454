import { addMoney, money } from '@tradehub/kernel';
import type { XmlElement, XmlNode } from '../../../platform/xml/index.ts';
import {
  type Incoterms2020Rule,
  incoterms2020Rules,
  type OrderContent,
  type OrderLine,
} from '../domain/order-content.ts';
import {
  amountLeaf,
  amountText,
  cac,
  cacAll,
  cbc,
  cbcAll,
  cbcEl,
  el,
  Issues,
  leaf,
  lineTotalOf,
  orderItemNode,
  readAmount,
  readDate,
  readItem,
  readQuantity,
  textOf,
  UNLOCODE,
} from './ubl-common.ts';

const LINE_ID = /^[1-9]\d{0,5}$/;

const readOrderLine = (
  orderLine: XmlElement,
  index: number,
  currency: string,
  issues: Issues,
  suppliedHsCodes: Readonly<Record<string, string>>,
): OrderLine | undefined => {
  const at = `lines.${index}`;
  const item = cac(orderLine, 'LineItem');
  if (item === undefined) {
    issues.add(at, 'kernel.required', `order line ${index + 1}: cac:LineItem is required`, orderLine);
    return undefined;
  }
  const before = issues.errors.length;
  const idElement = cbcEl(item, 'ID');
  const id = textOf(idElement);
  if (id === undefined) {
    issues.add(`${at}.lineNumber`, 'kernel.required', `order line ${index + 1}: cbc:ID is required`, item);
  } else if (!LINE_ID.test(id)) {
    issues.add(
      `${at}.lineNumber`,
      'kernel.invalid_format',
      `order line ${index + 1}: cbc:ID must be a whole number from 1`,
      idElement,
    );
  }
  const quantity = readQuantity(cbcEl(item, 'Quantity'), at, issues, item);
  const price = cac(item, 'Price');
  const priceElement = cbcEl(price, 'PriceAmount');
  if (priceElement === undefined) {
    issues.add(
      `${at}.unitPrice`,
      'kernel.required',
      `order line ${id ?? index + 1}: cac:Price/cbc:PriceAmount is required`,
      item,
    );
  }
  const unitPrice = readAmount(priceElement, `${at}.unitPrice`, currency, issues);
  if (unitPrice !== undefined && unitPrice.amountMinor < 0n) {
    issues.add(
      `${at}.unitPrice.amount`,
      'trade.negative_price',
      `order line ${id}: a price is not negative`,
      priceElement,
    );
  }
  const baseElement = cbcEl(price, 'BaseQuantity');
  const base = textOf(baseElement);
  // A price per 10 or per 100 units would need a division the order model does not make.
  if (base !== undefined && !/^1(?:\.0+)?$/.test(base)) {
    issues.add(
      `${at}.unitPrice`,
      'kernel.invalid_format',
      `order line ${id}: a price base quantity other than 1 is not supported`,
      baseElement,
    );
  }
  const itemData = readItem(
    cac(item, 'Item'),
    at,
    issues,
    item,
    id === undefined ? undefined : suppliedHsCodes[id],
  );
  const sentElement = cbcEl(item, 'LineExtensionAmount');
  const sent = readAmount(sentElement, `${at}.lineTotal`, currency, issues);
  if (
    issues.errors.length > before ||
    id === undefined ||
    quantity === undefined ||
    unitPrice === undefined ||
    itemData === undefined
  ) {
    return undefined;
  }
  const lineTotal = lineTotalOf(quantity.quantity, unitPrice);
  if (sent !== undefined && sent.amountMinor !== lineTotal.amountMinor) {
    issues.add(
      `${at}.lineTotal`,
      'trade.total_mismatch',
      `order line ${id}: cbc:LineExtensionAmount ${amountText(sent)} is not quantity x price = ${amountText(lineTotal)}`,
      sentElement,
    );
    return undefined;
  }
  const { descriptionEn, descriptionZh, sellerItemId, hsCode } = itemData;
  return {
    lineNumber: Number(id),
    ...(sellerItemId === undefined ? {} : { sellerItemId }),
    descriptionEn,
    ...(descriptionZh === undefined ? {} : { descriptionZh }),
    hsCode,
    quantity: quantity.quantity,
    unitCode: quantity.unitCode,
    unitPrice,
    lineTotal,
  };
};

/**
 * The order lines of an Order or OrderResponse, with line numbers unique. `suppliedHsCodes`, keyed
 * by the line's cbc:ID as the file writes it, fills HS codes the file lacks (readItem).
 */
export const readOrderLines = (
  root: XmlElement,
  currency: string,
  issues: Issues,
  suppliedHsCodes: Readonly<Record<string, string>> = {},
): OrderLine[] => {
  const orderLines = cacAll(root, 'OrderLine');
  if (orderLines.length === 0) {
    issues.add('lines', 'kernel.required', 'at least one cac:OrderLine is required', root);
  }
  const fileLineIds = new Set(orderLines.map((orderLine) => cbc(cac(orderLine, 'LineItem'), 'ID')));
  for (const lineId of Object.keys(suppliedHsCodes)) {
    if (!fileLineIds.has(lineId)) {
      issues.add(
        `completion.hsCodes.${lineId}`,
        'trade.unknown_line',
        `the file has no order line ${lineId} to give an HS code to`,
      );
    }
  }
  const seen = new Set<number>();
  const lines: OrderLine[] = [];
  orderLines.forEach((orderLine, index) => {
    const line = readOrderLine(orderLine, index, currency, issues, suppliedHsCodes);
    if (line === undefined) {
      return;
    }
    if (seen.has(line.lineNumber)) {
      issues.add(
        `lines.${index}.lineNumber`,
        'trade.duplicate_line_number',
        `order line ${line.lineNumber} appears twice`,
        orderLine,
      );
    }
    seen.add(line.lineNumber);
    lines.push(line);
  });
  return lines;
};

/** What an importer states for Incoterms the file lacks or states in a form tradehub cannot use. */
export type SuppliedIncoterms = { rule: string; namedPlace: { unlocode: string; name?: string } };

/**
 * Incoterms 2020 rule and named place from cac:DeliveryTerms, or the importer's where the file has
 * none it can use (a pre-2020 term such as FOT, a place without a UN/LOCODE). A completion that
 * contradicts usable terms of the file is refused, as for HS codes.
 */
export const readIncoterms = (
  root: XmlElement,
  issues: Issues,
  supplied?: SuppliedIncoterms,
): OrderContent['incoterms'] | undefined => {
  if (supplied === undefined) {
    return readFileIncoterms(root, issues);
  }
  const fromFile = readFileIncoterms(root, new Issues());
  if (fromFile !== undefined) {
    if (fromFile.rule !== supplied.rule || fromFile.namedPlace.unlocode !== supplied.namedPlace.unlocode) {
      issues.add(
        'incoterms',
        'trade.completion_conflict',
        `the file states ${fromFile.rule} ${fromFile.namedPlace.unlocode}; the completion only fills what the file lacks`,
        cac(root, 'DeliveryTerms'),
      );
    }
    return fromFile;
  }
  let ok = true;
  if (!(incoterms2020Rules as readonly string[]).includes(supplied.rule)) {
    issues.add('incoterms.rule', 'kernel.unknown_code', `${supplied.rule} is not an Incoterms 2020 rule`);
    ok = false;
  }
  if (!UNLOCODE.test(supplied.namedPlace.unlocode)) {
    issues.add(
      'incoterms.namedPlace.unlocode',
      'kernel.invalid_format',
      `${supplied.namedPlace.unlocode} is not a UN/LOCODE (e.g. CNNGB)`,
    );
    ok = false;
  }
  if (!ok) {
    return undefined;
  }
  const name = supplied.namedPlace.name;
  return {
    rule: supplied.rule as Incoterms2020Rule,
    namedPlace: { unlocode: supplied.namedPlace.unlocode, ...(name === undefined ? {} : { name }) },
  };
};

const readFileIncoterms = (root: XmlElement, issues: Issues): OrderContent['incoterms'] | undefined => {
  const terms = cac(root, 'DeliveryTerms');
  if (terms === undefined) {
    issues.add(
      'incoterms.rule',
      'kernel.required',
      'cac:DeliveryTerms with an Incoterms 2020 rule is required',
      root,
    );
    return undefined;
  }
  const ruleElement = cbcEl(terms, 'ID');
  const rule = textOf(ruleElement);
  let ok = true;
  if (rule === undefined) {
    issues.add(
      'incoterms.rule',
      'kernel.required',
      'cac:DeliveryTerms/cbc:ID (the Incoterms rule) is required',
      terms,
    );
    ok = false;
  } else if (!(incoterms2020Rules as readonly string[]).includes(rule)) {
    issues.add('incoterms.rule', 'kernel.unknown_code', `${rule} is not an Incoterms 2020 rule`, ruleElement);
    ok = false;
  }
  const location = cac(terms, 'DeliveryLocation');
  const placeElement = cbcEl(location, 'ID');
  const unlocode = textOf(placeElement);
  if (unlocode === undefined) {
    issues.add(
      'incoterms.namedPlace.unlocode',
      'kernel.required',
      'cac:DeliveryTerms/cac:DeliveryLocation/cbc:ID (a UN/LOCODE) is required',
      location ?? terms,
    );
    ok = false;
  } else if (!UNLOCODE.test(unlocode)) {
    issues.add(
      'incoterms.namedPlace.unlocode',
      'kernel.invalid_format',
      `${unlocode} is not a UN/LOCODE (e.g. CNNGB)`,
      placeElement,
    );
    ok = false;
  }
  if (!ok || rule === undefined || unlocode === undefined) {
    return undefined;
  }
  const name = cbc(location, 'Name');
  return {
    rule: rule as Incoterms2020Rule,
    namedPlace: { unlocode, ...(name === undefined ? {} : { name }) },
  };
};

/** The requested delivery date: the end of the requested period, else its start, else the latest date. */
export const readRequestedDelivery = (root: XmlElement, issues: Issues): string | undefined => {
  const delivery = cac(root, 'Delivery');
  const period = cac(delivery, 'RequestedDeliveryPeriod');
  return (
    readDate(period, 'EndDate', 'requestedDeliveryDate', issues, false) ??
    readDate(period, 'StartDate', 'requestedDeliveryDate', issues, false) ??
    readDate(delivery, 'LatestDeliveryDate', 'requestedDeliveryDate', issues, false)
  );
};

/** Every cbc:Note of the document joined by line feeds (UBL allows several, OrderContent has one). */
export const readNotes = (parent: XmlElement | undefined): string | undefined => {
  const notes = cbcAll(parent, 'Note')
    .map((note) => textOf(note))
    .filter((note): note is string => note !== undefined);
  return notes.length === 0 ? undefined : notes.join('\n');
};

/** The payment terms text: the notes of every cac:PaymentTerms, joined; empty when there are none. */
export const readPaymentTerms = (root: XmlElement): string =>
  cacAll(root, 'PaymentTerms')
    .map((terms) => readNotes(terms))
    .filter((note): note is string => note !== undefined)
    .join('\n');

/** The sum of the lines, checked against a stated total when the file has one. */
export const checkTotal = (
  lines: OrderLine[],
  currency: string,
  totalElement: XmlElement | undefined,
  issues: Issues,
): OrderContent['total'] => {
  const total = lines.reduce((sum, line) => addMoney(sum, line.lineTotal), money(currency, 0n));
  const sent = readAmount(totalElement, 'total', currency, issues);
  if (sent !== undefined && sent.amountMinor !== total.amountMinor) {
    issues.add(
      'total',
      'trade.total_mismatch',
      `cbc:LineExtensionAmount ${amountText(sent)} is not the sum of the lines, ${amountText(total)}`,
      totalElement,
    );
  }
  return total;
};

/** cac:Delivery, cac:DeliveryTerms and cac:PaymentTerms of an order, in UBL order. */
export const deliveryNodes = (
  order: OrderContent,
): { delivery: XmlNode; terms: XmlNode; payment: XmlNode } => ({
  delivery:
    order.requestedDeliveryDate === undefined
      ? undefined
      : el('cac:Delivery', [
          el('cac:RequestedDeliveryPeriod', [leaf('cbc:EndDate', order.requestedDeliveryDate)]),
        ]),
  terms: el('cac:DeliveryTerms', [
    leaf('cbc:ID', order.incoterms.rule, { schemeID: 'INCOTERMS', schemeVersionID: '2020' }),
    el('cac:DeliveryLocation', [
      leaf('cbc:ID', order.incoterms.namedPlace.unlocode, { schemeID: 'UN/LOCODE' }),
      leaf('cbc:Name', order.incoterms.namedPlace.name),
    ]),
  ]),
  payment:
    order.paymentTerms === '' ? undefined : el('cac:PaymentTerms', [leaf('cbc:Note', order.paymentTerms)]),
});

/** cac:OrderLine elements (LineItemType order: ID, Quantity, LineExtensionAmount, Price, Item). */
export const orderLineNodes = (order: OrderContent): XmlNode[] =>
  order.lines.map((line) =>
    el('cac:OrderLine', [
      el('cac:LineItem', [
        leaf('cbc:ID', String(line.lineNumber)),
        leaf('cbc:Quantity', line.quantity, { unitCode: line.unitCode }),
        amountLeaf('cbc:LineExtensionAmount', line.lineTotal),
        el('cac:Price', [amountLeaf('cbc:PriceAmount', line.unitPrice)]),
        orderItemNode(line),
      ]),
    ]),
  );
