import { describe, expect, it } from 'vitest';
import type { FinancingOffer, FinancingRequest } from '../../api/finance.ts';
import type { OrderView } from '../../api/orders.ts';
import {
  financeableOrders,
  financingSteps,
  invoiceTotal,
  percentToRate,
  rateToPercent,
  subjectLabel,
} from './requests-model.ts';

const offer = (id: string, status: FinancingOffer['status']) => ({ id, status }) as FinancingOffer;

describe('percentToRate', () => {
  it('moves the decimal point exactly, without floats', () => {
    expect(percentToRate('8')).toBe('0.08');
    expect(percentToRate('8.25')).toBe('0.0825');
    expect(percentToRate('0.5')).toBe('0.005');
    expect(percentToRate('12.5')).toBe('0.125');
    expect(percentToRate('100')).toBe('1');
    expect(percentToRate('7.1234')).toBe('0.071234');
  });

  it('refuses what is not a positive rate', () => {
    for (const text of ['', '0', '0.00', '-1', '8,5', '1e2', '8.12345', 'abc']) {
      expect(percentToRate(text)).toBeNull();
    }
  });

  it('round-trips for display', () => {
    for (const text of ['8', '8.25', '0.5', '12.5', '7.1234']) {
      expect(rateToPercent(percentToRate(text) ?? '')).toBe(text);
    }
  });
});

describe('financingSteps', () => {
  it('gives the exporter share and withdraw until an offer is accepted, accept on an open offer', () => {
    expect(financingSteps({ role: 'exporter', status: 'draft', offers: [], acceptedOfferId: null })).toEqual([
      'share',
      'withdraw',
    ]);
    expect(
      financingSteps({
        role: 'exporter',
        status: 'offered',
        offers: [offer('o1', 'open')],
        acceptedOfferId: null,
      }),
    ).toEqual(['share', 'withdraw', 'accept']);
    expect(
      financingSteps({ role: 'exporter', status: 'disbursed', offers: [], acceptedOfferId: 'o1' }),
    ).toEqual(['repay']);
    expect(financingSteps({ role: 'exporter', status: 'repaid', offers: [], acceptedOfferId: 'o1' })).toEqual(
      [],
    );
  });

  it('lets only the bank whose offer was accepted disburse', () => {
    expect(financingSteps({ role: 'bank', status: 'open', offers: [], acceptedOfferId: null })).toEqual([
      'offer',
    ]);
    expect(
      financingSteps({
        role: 'bank',
        status: 'accepted',
        offers: [offer('o1', 'accepted')],
        acceptedOfferId: 'o1',
      }),
    ).toEqual(['disburse']);
    expect(
      financingSteps({
        role: 'bank',
        status: 'accepted',
        offers: [offer('o2', 'lapsed')],
        acceptedOfferId: 'o1',
      }),
    ).toEqual([]);
  });
});

describe('invoiceTotal', () => {
  it('reads the total of the invoice kind and the flat pair', () => {
    expect(invoiceTotal({ credentialSubject: { total: { amount: '10.00', currency: 'EUR' } } })).toEqual({
      amount: '10.00',
      currency: 'EUR',
    });
    expect(invoiceTotal({ credentialSubject: { totalAmount: '5', currency: 'USD' } })).toEqual({
      amount: '5',
      currency: 'USD',
    });
    expect(invoiceTotal({ credentialSubject: {} })).toBeNull();
    expect(invoiceTotal(null)).toBeNull();
  });
});

describe('purchase-order requests', () => {
  const invoice = { number: 'HAM-PO-7' } as FinancingRequest['invoice'];

  it('names the subject by its kind and the number the hub read', () => {
    expect(subjectLabel({ subjectKind: 'purchase_order', invoice })).toEqual({
      key: 'financing.subject.purchase_order',
      number: 'HAM-PO-7',
    });
    expect(subjectLabel({ subjectKind: 'invoice', invoice }).key).toBe('financing.subject.invoice');
  });

  it('offers the orders the organisation sells that both parties agreed and that are not completed', () => {
    const order = (id: string, status: OrderView['status'], myRole: OrderView['myRole']) =>
      ({ id, status, myRole }) as OrderView;
    const orders = [
      order('a', 'accepted', 'seller'),
      order('b', 'in_fulfilment', 'seller'),
      order('c', 'accepted', 'buyer'),
      order('d', 'offered', 'seller'),
      order('e', 'completed', 'seller'),
      order('f', 'cancelled', 'seller'),
    ];
    expect(financeableOrders(orders).map((o) => o.id)).toEqual(['a', 'b']);
  });
});
