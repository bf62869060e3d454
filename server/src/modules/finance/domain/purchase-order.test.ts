import { describe, expect, it } from 'vitest';
import { type OrderForFinance, readAgreedOrder } from './purchase-order.ts';

const history = [
  { version: 1, at: '2026-11-02T09:00:00.000Z', status: 'draft', contentChanged: true },
  { version: 2, at: '2026-11-02T09:05:00.000Z', status: 'offered', contentChanged: false },
  { version: 3, at: '2026-11-03T10:00:00.000Z', status: 'countered', contentChanged: true },
  { version: 4, at: '2026-11-04T23:59:00.000Z', status: 'accepted', contentChanged: false },
];

const order = (change: Partial<OrderForFinance> = {}): OrderForFinance => ({
  id: 'ord_01',
  version: 4,
  status: 'accepted',
  myRole: 'seller',
  sellerOrganisationId: 'org_s',
  buyerOrganisationId: 'org_b',
  content: {
    buyerReference: ' HAM-PO-2026-001 ',
    seller: { name: 'Ningbo Toys', country: 'CN', companyId: 'USCC1' },
    buyer: { name: 'Hamburg Spielwaren', country: 'de' },
    total: { amount: '6900.00', currency: 'USD' },
  },
  history,
  documents: [],
  ...change,
});

describe('reading a purchase order from an agreed order', () => {
  it('reads the number, the day it was agreed, the agreed version, the parties and the total', () => {
    const read = readAgreedOrder(order());
    expect(read).toMatchObject({
      ok: true,
      order: {
        orderId: 'ord_01',
        version: 4,
        number: 'HAM-PO-2026-001',
        issueDate: '2026-11-04',
        seller: { name: 'Ningbo Toys', country: 'CN', companyId: 'USCC1' },
        buyer: { name: 'Hamburg Spielwaren', country: 'DE', companyId: null },
      },
    });
    expect(read.ok && read.order.amount.amountMinor).toBe(690_000n);
    // In fulfilment it is still the same agreed order.
    const fulfilling = readAgreedOrder(
      order({
        status: 'in_fulfilment',
        history: [
          ...history,
          { version: 5, at: '2026-11-10T08:00:00Z', status: 'in_fulfilment', contentChanged: false },
        ],
      }),
    );
    expect(fulfilling.ok && [fulfilling.order.version, fulfilling.order.issueDate]).toEqual([
      4,
      '2026-11-04',
    ]);
  });

  it('takes the order id as the number when the buyer gave no reference', () => {
    const read = readAgreedOrder(order({ content: { ...order().content, buyerReference: '  ' } }));
    expect(read.ok && read.order.number).toBe('ord_01');
  });

  it('refuses an order not agreed, completed, rejected or cancelled, naming its status', () => {
    for (const status of ['draft', 'offered', 'countered', 'completed', 'rejected', 'cancelled']) {
      expect(readAgreedOrder(order({ status }))).toEqual({ ok: false, reason: 'not_financeable', status });
    }
  });

  it('refuses an order whose agreed content cannot be read', () => {
    expect(readAgreedOrder(order({ history: history.slice(0, 3) }))).toEqual({
      ok: false,
      reason: 'unreadable',
      field: 'history',
    });
    expect(
      readAgreedOrder(
        order({
          history: [
            ...history,
            { version: 5, at: '2026-11-05T00:00:00Z', status: 'in_fulfilment', contentChanged: true },
          ],
          status: 'in_fulfilment',
        }),
      ),
    ).toEqual({ ok: false, reason: 'unreadable', field: 'content' });
    expect(
      readAgreedOrder(order({ content: { ...order().content, total: { amount: '0.00', currency: 'USD' } } })),
    ).toEqual({ ok: false, reason: 'unreadable', field: 'total' });
    expect(
      readAgreedOrder(order({ content: { ...order().content, buyer: { name: 'X', country: 'XX' } } })),
    ).toEqual({ ok: false, reason: 'unreadable', field: 'buyer' });
  });
});
