import { AppError, money, multiplyMoney } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  incoterms2020Rules,
  type OrderContent,
  type OrderLine,
  type OrderParty,
} from '../domain/order-content.ts';
import {
  buildPeppolInvoice,
  buildUblOrder,
  buildUblOrderResponse,
  parsePeppolInvoice,
  parseUblOrder,
  parseUblOrderResponse,
} from './index.ts';
import { checkPeppolRules } from './peppol-rules.ts';
import { yiwuHamburgOrder } from './test-fixtures.ts';

// Text as people type it: Latin, CJK, XML-special characters, inner spaces and line breaks. The
// converters trim what they read (pretty-printed files indent text), so generated text is trimmed.
const chars = [...'abcXYZ019 -&<>"\'/ä€义乌星辰保温杯\n\t\r'];
const text = fc
  .array(fc.constantFrom(...chars), { minLength: 1, maxLength: 24 })
  .map((parts) => parts.join(''))
  .filter((value) => value.trim() === value && value !== '');
const isoDate = fc
  .integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) })
  .map((ms) => new Date(ms).toISOString().slice(0, 10));
const quantity = fc
  .tuple(
    fc.integer({ min: 0, max: 999_999 }),
    fc.option(fc.integer({ min: 0, max: 999_999 }), { nil: undefined }),
    fc.integer({ min: 1, max: 6 }),
  )
  .map(([whole, fraction, digits]) =>
    fraction === undefined ? String(whole) : `${whole}.${String(fraction).padStart(6, '0').slice(0, digits)}`,
  )
  .filter((q) => /[1-9]/.test(q));

const party: fc.Arbitrary<OrderParty> = fc.record(
  {
    name: text,
    country: fc.constantFrom('CN', 'DE', 'US', 'GB', 'NA', 'JP', 'SG'),
    companyId: fc.stringMatching(/^[0-9A-Z]{6,18}$/),
    email: text,
    addressLines: fc.array(text, { minLength: 1, maxLength: 4 }),
    city: text,
    postalCode: text,
  },
  { requiredKeys: ['name', 'country'] },
);

const orderOf = (
  currencies: readonly string[],
  parties: fc.Arbitrary<OrderParty> = party,
): fc.Arbitrary<OrderContent> =>
  fc.constantFrom(...currencies).chain((currency) =>
    fc
      .record(
        {
          buyerReference: text,
          issueDate: isoDate,
          seller: parties,
          buyer: parties,
          incoterms: fc.record({
            rule: fc.constantFrom(...incoterms2020Rules),
            namedPlace: fc.record(
              { unlocode: fc.stringMatching(/^[A-Z]{2}[A-Z2-9]{3}$/), name: text },
              { requiredKeys: ['unlocode'] },
            ),
          }),
          requestedDeliveryDate: isoDate,
          // An order always states its payment terms (validateOrderContent).
          paymentTerms: text,
          note: text,
          lines: fc.uniqueArray(
            fc.record(
              {
                lineNumber: fc.integer({ min: 1, max: 99_999 }),
                sellerItemId: text,
                descriptionEn: text,
                descriptionZh: text,
                hsCode: fc.stringMatching(/^\d{6}(?:\d{2}){0,2}$/),
                quantity,
                unitCode: fc.constantFrom('H87', 'KGM', 'C62', 'MTR', 'LTR', 'XBX', 'SET', 'TNE', 'XPK'),
                priceMinor: fc.bigInt({ min: 0n, max: 10n ** 9n }),
              },
              {
                requiredKeys: ['lineNumber', 'descriptionEn', 'hsCode', 'quantity', 'unitCode', 'priceMinor'],
              },
            ),
            { minLength: 1, maxLength: 6, selector: (line) => line.lineNumber },
          ),
        },
        {
          requiredKeys: [
            'buyerReference',
            'issueDate',
            'seller',
            'buyer',
            'incoterms',
            'paymentTerms',
            'lines',
          ],
        },
      )
      .map(({ lines, ...rest }): OrderContent => {
        const orderLines: OrderLine[] = lines.map(({ priceMinor, ...line }) => {
          const unitPrice = money(currency, priceMinor);
          return { ...line, unitPrice, lineTotal: multiplyMoney(unitPrice, line.quantity, 'half_up') };
        });
        const total = money(
          currency,
          orderLines.reduce((sum, line) => sum + line.lineTotal.amountMinor, 0n),
        );
        return { ...rest, currency, lines: orderLines, total };
      }),
  );

describe('property: UBL and Peppol converters', () => {
  it('build then parse gives the same OrderContent back (UBL Order)', () => {
    fc.assert(
      fc.property(orderOf(['EUR', 'USD', 'CNY', 'JPY', 'KWD']), (order) => {
        expect(parseUblOrder(buildUblOrder(order, { orderId: 'ord_P' }))).toEqual(order);
      }),
      { seed: 20261127, numRuns: 200 },
    );
  });

  it('build then parse gives the same content back (UBL OrderResponse, CA)', () => {
    fc.assert(
      fc.property(orderOf(['EUR', 'CNY', 'JPY']), isoDate, (order, issueDate) => {
        const parsed = parseUblOrderResponse(
          buildUblOrderResponse(order, { orderId: 'ord_P', responseCode: 'CA', issueDate }),
        );
        const { note: _note, ...content } = order;
        expect(parsed.content).toEqual(content);
        expect(parsed.responseCode).toBe('CA');
      }),
      { seed: 20261128, numRuns: 100 },
    );
  });

  it('every random invoice passes the Peppol rules and reads back its lines and totals', () => {
    const invoiceParty = party.map((p) => ({ ...p, companyId: p.companyId ?? 'X1234567' }));
    fc.assert(
      fc.property(orderOf(['EUR', 'USD', 'CNY'], invoiceParty), isoDate, (order, issueDate) => {
        const xml = buildPeppolInvoice(order, {
          invoiceNumber: 'INV-P',
          issueDate,
          dueDate: issueDate,
          sellerEndpoint: { schemeId: '0199', id: '5493001KJTIIGC8Y1R12' },
          buyerEndpoint: { schemeId: '0088', id: '4012345000009' },
        });
        expect(checkPeppolRules(xml)).toEqual([]);
        const parsed = parsePeppolInvoice(xml);
        expect(parsed.payableAmount).toEqual(order.total);
        expect(
          parsed.lines.map((line) => [
            line.lineNumber,
            line.quantity,
            line.unitCode,
            line.unitPrice,
            line.lineTotal,
            line.hsCode,
          ]),
        ).toEqual(
          order.lines.map((line) => [
            String(line.lineNumber),
            line.quantity,
            line.unitCode,
            line.unitPrice,
            line.lineTotal,
            line.hsCode,
          ]),
        );
        expect(parsed.seller.name).toBe(order.seller.name);
        expect(parsed.buyer.country).toBe(order.buyer.country);
      }),
      { seed: 20261129, numRuns: 100 },
    );
  });

  it('random byte mutations and truncations of a valid file never crash: a result or an AppError', () => {
    const valid = buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_M' });
    const mutation = fc.record({
      at: fc.nat({ max: valid.length - 1 }),
      kind: fc.constantFrom('replace', 'delete', 'insert', 'truncate'),
      char: fc.constantFrom(
        '<',
        '>',
        '&',
        '"',
        '/',
        'x',
        '0',
        '-',
        '.',
        ' ',
        '\u0000',
        '\uFFFF',
        '义',
        ';',
        '!',
        '?',
      ),
      span: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 6 }), (mutations) => {
        let xml = valid;
        for (const { at, kind, char, span } of mutations) {
          const i = at % Math.max(1, xml.length);
          xml =
            kind === 'replace'
              ? xml.slice(0, i) + char + xml.slice(i + 1)
              : kind === 'delete'
                ? xml.slice(0, i) + xml.slice(i + span)
                : kind === 'insert'
                  ? xml.slice(0, i) + char.repeat(span) + xml.slice(i)
                  : xml.slice(0, i);
        }
        try {
          const content = parseUblOrder(xml);
          expect(content.lines.length).toBeGreaterThan(0);
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('http.validation_failed');
          expect((error as AppError).fieldErrors?.length).toBeGreaterThan(0);
        }
      }),
      { seed: 20261130, numRuns: 500 },
    );
  });
});
