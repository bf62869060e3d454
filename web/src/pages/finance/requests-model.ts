import type { FinancingRequest, RequestStatus } from '../../api/finance.ts';
import type { OrderView } from '../../api/orders.ts';

// Pure rules of the financing pages, kept apart so they are tested without a browser.

/** "8.25" (per cent, as typed) → "0.0825" (the API's annual rate); null when it is not a rate. */
export const percentToRate = (text: string): string | null => {
  const match = /^(\d{1,3})(?:\.(\d{1,4}))?$/.exec(text.trim());
  if (!match) {
    return null;
  }
  const digits = `${match[1]}${match[2] ?? ''}`;
  const scale = (match[2]?.length ?? 0) + 2;
  const padded = digits.padStart(scale + 1, '0');
  const whole = padded.slice(0, padded.length - scale).replace(/^0+(?=\d)/, '');
  const fraction = padded.slice(padded.length - scale).replace(/0+$/, '');
  const rate = fraction === '' ? whole : `${whole}.${fraction}`;
  return /^0(\.0*)?$/.test(rate) ? null : rate;
};

/** "0.0825" → "8.25" for display. */
export const rateToPercent = (rate: string): string => {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(rate);
  if (!match) {
    return rate;
  }
  const fraction = (match[2] ?? '').padEnd(2, '0');
  const whole = `${match[1]}${fraction.slice(0, 2)}`.replace(/^0+(?=\d)/, '');
  const rest = fraction.slice(2).replace(/0+$/, '');
  return rest === '' ? whole : `${whole}.${rest}`;
};

export type FinancingStep = 'share' | 'accept' | 'repay' | 'withdraw' | 'offer' | 'disburse';

const SHAREABLE: readonly RequestStatus[] = ['draft', 'open', 'offered'];

/** What the caller may do on a request now (the server refuses the rest with its reason). */
export const financingSteps = (
  request: Pick<FinancingRequest, 'role' | 'status' | 'offers' | 'acceptedOfferId'>,
): FinancingStep[] => {
  if (request.role === 'exporter') {
    const steps: FinancingStep[] = [];
    if (SHAREABLE.includes(request.status)) {
      steps.push('share', 'withdraw');
    }
    if (request.status === 'offered' && request.offers.some((o) => o.status === 'open')) {
      steps.push('accept');
    }
    if (request.status === 'disbursed') {
      steps.push('repay');
    }
    return steps;
  }
  if (request.status === 'open' || request.status === 'offered') {
    return ['offer'];
  }
  // A bank sees its own offers only, so the accepted one being in the list means it is the financier.
  if (request.status === 'accepted' && request.offers.some((o) => o.id === request.acceptedOfferId)) {
    return ['disburse'];
  }
  return [];
};

/** The end of a chosen day where the user is, as the API's offset date-time. */
export const endOfDay = (date: string): string => new Date(`${date}T23:59:59`).toISOString();

const record = (value: unknown): Record<string, unknown> | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;

/** The total a commercial-invoice credential states, as the server reads it (or null). */
export const invoiceTotal = (credential: unknown): { amount: string; currency: string } | null => {
  const subject = record(record(credential)?.credentialSubject);
  if (!subject) {
    return null;
  }
  const total = record(subject.total);
  const amount = total?.amount ?? subject.totalAmount;
  const currency = total?.currency ?? subject.currency;
  return typeof amount === 'string' && typeof currency === 'string' ? { amount, currency } : null;
};

/**
 * What a request finances, as the pages name it: the i18n key ("Invoice {{number}}" or "Purchase
 * order {{number}}") and the number the hub read from the credential or the agreed order.
 */
export const subjectLabel = (
  request: Pick<FinancingRequest, 'subjectKind' | 'invoice'>,
): { key: `financing.subject.${FinancingRequest['subjectKind']}`; number: string } => ({
  key: `financing.subject.${request.subjectKind}`,
  number: request.invoice.number,
});

/** The order statuses the server finances as a purchase order (agreed, not yet completed). */
export const FINANCEABLE_ORDER_STATUSES: readonly OrderView['status'][] = ['accepted', 'in_fulfilment'];

/** The orders the organisation may ask purchase-order financing for: it sells them, both agreed. */
export const financeableOrders = (orders: readonly OrderView[]): OrderView[] =>
  orders.filter((order) => order.myRole === 'seller' && FINANCEABLE_ORDER_STATUSES.includes(order.status));
