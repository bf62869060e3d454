import { describe, expect, it } from 'vitest';
import type { OrderContentInput } from './order-json.ts';
import { type OrderCodeLists, validateOrderContent } from './validate-order-content.ts';

const lists: OrderCodeLists = {
  isHs6: (code) => ['950300', '950510'].includes(code),
  checkUnlocode: (code) =>
    code === 'DEHAM' ? 'verified' : /^CN[A-Z2-9]{3}$/.test(code) ? 'unverified' : 'invalid',
  isUnitCode: (code) => ['H87', 'KGM', 'XCT'].includes(code),
};

const baseLine: OrderContentInput['lines'][number] = {
  descriptionEn: 'Toy',
  hsCode: '950300',
  quantity: '3',
  unitCode: 'H87',
  unitPrice: { amount: '0.35', currency: 'USD' },
};

const input = (overrides: Partial<OrderContentInput> = {}): OrderContentInput => ({
  buyerReference: 'PO-1',
  currency: 'USD',
  seller: { name: 'Seller', country: 'CN' },
  buyer: { name: 'Buyer', country: 'DE' },
  incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
  paymentTerms: 'T/T',
  lines: [baseLine],
  ...overrides,
});

const errorsOf = (value: OrderContentInput) => {
  const result = validateOrderContent(value, lists, '2026-11-27');
  return 'errors' in result ? result.errors.map((e) => `${e.field} ${e.code}`) : [];
};

describe('validateOrderContent', () => {
  it('numbers the lines, computes line totals half-up and the total, and dates the order today', () => {
    const result = validateOrderContent(
      input({
        lines: [
          { ...baseLine, quantity: '0.125', unitPrice: { amount: '0.20', currency: 'USD' } },
          { ...baseLine, hsCode: '9505100000', quantity: '2.5', unitCode: 'KGM' },
        ],
      }),
      lists,
      '2026-11-27',
    );
    expect('content' in result).toBe(true);
    if ('content' in result) {
      const { content } = result;
      expect(content.issueDate).toBe('2026-11-27');
      expect(content.lines.map((l) => [l.lineNumber, l.lineTotal.amountMinor])).toEqual([
        [1, 3n], // 0.125 x 0.20 = 0.025, half-up to 0.03
        [2, 88n], // 2.5 x 0.35 = 0.875, half-up to 0.88
      ]);
      expect(content.total.amountMinor).toBe(91n);
    }
  });

  it('accepts a sent total that agrees', () => {
    expect(errorsOf(input({ total: { amount: '1.05', currency: 'USD' } }))).toEqual([]);
  });

  it('names every bad field with its line index', () => {
    const bad = input({
      currency: 'USD',
      seller: { name: 'Seller', country: 'XX' },
      incoterms: { rule: 'FOB', namedPlace: { unlocode: 'DE-HAM' } },
      issueDate: '2026-02-30',
      lines: [
        { ...baseLine, hsCode: '123456' },
        { ...baseLine, unitCode: 'PCE', quantity: '0' },
        { ...baseLine, unitPrice: { amount: '1.00', currency: 'EUR' } },
        { ...baseLine, quantity: '1e3', unitPrice: { amount: '-1.00', currency: 'USD' } },
      ],
    });
    expect(errorsOf(bad)).toEqual([
      'content.issueDate kernel.invalid_format',
      'content.seller.country kernel.unknown_code',
      'content.incoterms.namedPlace.unlocode kernel.unknown_code',
      'content.lines.0.hsCode kernel.unknown_code',
      'content.lines.1.unitCode kernel.unknown_code',
      'content.lines.1.quantity trade.quantity_not_positive',
      'content.lines.2.unitPrice.currency trade.currency_mismatch',
      'content.lines.3.quantity trade.quantity_not_positive',
      'content.lines.3.unitPrice.amount trade.negative_price',
    ]);
  });

  it('refuses an unknown currency, one without minor units, and too many decimals', () => {
    expect(errorsOf(input({ currency: 'ABC' }))).toContain('content.currency kernel.unknown_code');
    expect(errorsOf(input({ currency: 'XAU' }))).toContain('content.currency kernel.unknown_code');
    expect(
      errorsOf(input({ lines: [{ ...baseLine, unitPrice: { amount: '0.355', currency: 'USD' } }] })),
    ).toEqual(['content.lines.0.unitPrice.amount kernel.too_many_decimals']);
  });

  it('refuses totals that do not add up, and a delivery before the order date', () => {
    expect(
      errorsOf(
        input({
          requestedDeliveryDate: '2026-11-01',
          lines: [{ ...baseLine, lineTotal: { amount: '1.06', currency: 'USD' } }],
          total: { amount: '1.06', currency: 'USD' },
        }),
      ),
    ).toEqual([
      'content.requestedDeliveryDate trade.delivery_before_issue',
      'content.lines.0.lineTotal trade.total_mismatch',
    ]);
    expect(errorsOf(input({ total: { amount: '1.04', currency: 'USD' } }))).toEqual([
      'content.total trade.total_mismatch',
    ]);
  });

  it('refuses duplicate line numbers', () => {
    const line = { ...baseLine, lineNumber: 7 };
    expect(errorsOf(input({ lines: [line, line] }))).toEqual([
      'content.lines.1.lineNumber trade.duplicate_line_number',
    ]);
  });
});
