import type { IncotermsRule, OrderContent, OrderParty } from '../../api/orders.ts';
import { lineTotal, moneyJson, orderTotal } from './order-math.ts';
import { DEFAULT_UNIT_CODE } from './unit-codes.ts';

// The order form's values and their translation to and from the API's OrderContent. Pure, so
// the page stays thin and the mapping of server field errors is testable.

export type LineValues = {
  descriptionEn?: string;
  descriptionZh?: string;
  hsCode?: string;
  quantity?: string;
  unitCode?: string;
  unitPrice?: string;
};

export type OrderFormValues = {
  myRole: 'seller' | 'buyer';
  counterpartyMode: 'partner' | 'invite';
  counterpartyId?: string;
  inviteEmail?: string;
  inviteName?: string;
  inviteCountry?: string;
  buyerReference: string;
  issueDate: string;
  currency: string;
  incotermsRule: IncotermsRule;
  namedPlace: string;
  requestedDeliveryDate?: string;
  paymentTerms: string;
  note?: string;
  lines: LineValues[];
};

export type Me = { organisationId: string; name: string; country: string };
export type PartnerRef = { organisationId: string; name: string; country: string };

const trimmed = (text: string | undefined): string => (text ?? '').trim();

/** Only present keys: the API reads a missing optional field and an empty string differently. */
const optional = <K extends string>(key: K, text: string | undefined): Partial<Record<K, string>> =>
  trimmed(text) === '' ? {} : ({ [key]: trimmed(text) } as Record<K, string>);

export const emptyLine = (): LineValues => ({ unitCode: DEFAULT_UNIT_CODE });

export const todayIso = (now: Date = new Date()): string => now.toISOString().slice(0, 10);

export const emptyOrderForm = (now: Date = new Date()): OrderFormValues => ({
  myRole: 'seller',
  counterpartyMode: 'partner',
  buyerReference: '',
  issueDate: todayIso(now),
  currency: 'USD',
  incotermsRule: 'FOB',
  namedPlace: '',
  paymentTerms: '',
  lines: [emptyLine()],
});

/**
 * The content to send. Line totals and the total are computed (the server recomputes and refuses
 * a disagreeing one); a line without a valid quantity or price is sent with what was typed so the
 * server names the field.
 */
export const buildOrderContent = (
  values: OrderFormValues,
  me: Me,
  partner: PartnerRef | null,
): OrderContent => {
  const currency = trimmed(values.currency).toUpperCase();
  const myParty: OrderParty = { organisationId: me.organisationId, name: me.name, country: me.country };
  const other: OrderParty =
    values.counterpartyMode === 'invite' || partner === null
      ? {
          name: trimmed(values.inviteName),
          country: trimmed(values.inviteCountry).toUpperCase(),
          ...optional('email', values.inviteEmail),
        }
      : { organisationId: partner.organisationId, name: partner.name, country: partner.country };
  const lines = values.lines.map((line, index) => {
    const price = trimmed(line.unitPrice);
    const total = lineTotal(line.quantity, line.unitPrice, currency);
    return {
      lineNumber: index + 1,
      descriptionEn: trimmed(line.descriptionEn),
      ...optional('descriptionZh', line.descriptionZh),
      hsCode: trimmed(line.hsCode).replace(/\./g, ''),
      quantity: trimmed(line.quantity),
      unitCode: trimmed(line.unitCode),
      unitPrice: { amount: price, currency },
      lineTotal: total ? moneyJson(total) : { amount: '0', currency },
    };
  });
  const total = orderTotal(values.lines, currency);
  return {
    buyerReference: trimmed(values.buyerReference),
    issueDate: trimmed(values.issueDate),
    currency,
    seller: values.myRole === 'seller' ? myParty : other,
    buyer: values.myRole === 'seller' ? other : myParty,
    incoterms: {
      rule: values.incotermsRule,
      namedPlace: { unlocode: trimmed(values.namedPlace).toUpperCase() },
    },
    ...optional('requestedDeliveryDate', values.requestedDeliveryDate),
    paymentTerms: trimmed(values.paymentTerms),
    ...optional('note', values.note),
    lines,
    total: total ? moneyJson(total) : { amount: '0', currency },
  };
};

/** The form prefilled from an order (edit a draft, or counter an offer), seen from `orgId`. */
export const formFromContent = (content: OrderContent, orgId: string): OrderFormValues => {
  const myRole = content.buyer.organisationId === orgId ? 'buyer' : 'seller';
  const other = myRole === 'seller' ? content.buyer : content.seller;
  return {
    myRole,
    counterpartyMode: other.organisationId ? 'partner' : 'invite',
    ...(other.organisationId ? { counterpartyId: other.organisationId } : {}),
    ...(other.organisationId ? {} : { inviteName: other.name, inviteCountry: other.country }),
    ...(other.email ? { inviteEmail: other.email } : {}),
    buyerReference: content.buyerReference,
    issueDate: content.issueDate,
    currency: content.currency,
    incotermsRule: content.incoterms.rule,
    namedPlace: content.incoterms.namedPlace.unlocode,
    ...(content.requestedDeliveryDate ? { requestedDeliveryDate: content.requestedDeliveryDate } : {}),
    paymentTerms: content.paymentTerms,
    ...(content.note ? { note: content.note } : {}),
    lines: content.lines.map((line) => ({
      descriptionEn: line.descriptionEn,
      ...(line.descriptionZh ? { descriptionZh: line.descriptionZh } : {}),
      hsCode: line.hsCode,
      quantity: line.quantity,
      unitCode: line.unitCode,
      unitPrice: line.unitPrice.amount,
    })),
  };
};

/** The counterparty as the form shows it when it is a hub organisation. */
export const partnerOf = (content: OrderContent, orgId: string): PartnerRef | null => {
  const other = content.buyer.organisationId === orgId ? content.seller : content.buyer;
  return other.organisationId
    ? { organisationId: other.organisationId, name: other.name, country: other.country }
    : null;
};

/**
 * Where a server field error belongs on the form (`content.lines.2.unitPrice.amount` →
 * `lines.2.unitPrice`), or null when the form has no such field. Line indexes are the array's.
 */
export const formPathOfServerField = (
  field: string,
  myRole: 'seller' | 'buyer',
): (string | number)[] | null => {
  const parts = field
    .split(/[./]/)
    .filter((part) => part !== '')
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
  const path = parts[0] === 'content' ? parts.slice(1) : parts;
  const [head, second, third] = path;
  const other = myRole === 'seller' ? 'buyer' : 'seller';
  if (head === 'lines' && typeof second === 'number' && typeof third === 'string') {
    const column = third === 'lineTotal' ? 'unitPrice' : third;
    return ['descriptionEn', 'descriptionZh', 'hsCode', 'quantity', 'unitCode', 'unitPrice'].includes(column)
      ? ['lines', second, column]
      : null;
  }
  if (head === 'incoterms') {
    return second === 'rule' ? ['incotermsRule'] : ['namedPlace'];
  }
  if (head === other) {
    if (second === 'email') {
      return ['inviteEmail'];
    }
    if (second === 'name') {
      return ['inviteName'];
    }
    if (second === 'country') {
      return ['inviteCountry'];
    }
    return ['counterpartyId'];
  }
  if (head === 'total') {
    return null;
  }
  const direct = ['buyerReference', 'issueDate', 'currency', 'requestedDeliveryDate', 'paymentTerms', 'note'];
  return typeof head === 'string' && direct.includes(head) && path.length === 1 ? [head] : null;
};
