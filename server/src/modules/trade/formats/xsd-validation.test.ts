import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildPeppolInvoice,
  buildUblOrder,
  buildUblOrderResponse,
  buildUblOrderStatusResponse,
  parseUblOrder,
  parseUblOrderResponse,
} from './index.ts';
import { sellerGln, yiwuHamburgOrder } from './test-fixtures.ts';
import { type UblDocumentType, validateUbl, validateUblFiles } from './test-ubl-schemas.ts';

const validate = (xml: string, type: UblDocumentType) => validateUbl(type, xml);

const meta = {
  invoiceNumber: 'CI-1',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  sellerEndpoint: { schemeId: '0088', id: sellerGln },
};

describe('exports validate against the official OASIS UBL 2.4 schemas (xmllint, WebAssembly build)', () => {
  it('Order', async () => {
    expect(await validate(buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_1' }), 'Order')).toEqual([]);
  });

  it('OrderResponse (AP, RE, CA)', async () => {
    for (const responseCode of ['AP', 'RE', 'CA'] as const) {
      const xml = buildUblOrderResponse(yiwuHamburgOrder, {
        orderId: 'ord_1',
        responseCode,
        note: 'n',
        issueDate: '2026-11-21',
      });
      expect(await validate(xml, 'OrderResponse')).toEqual([]);
    }
  });

  it('Peppol invoice', async () => {
    expect(await validate(buildPeppolInvoice(yiwuHamburgOrder, meta), 'Invoice')).toEqual([]);
  });

  it('the schemas do reject what UBL forbids: elements out of order, a missing currencyID, a bad date', async () => {
    const xml = buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_1' });
    const swapped = xml.replace(
      /(<cac:BuyerCustomerParty>[\s\S]*<\/cac:BuyerCustomerParty>)\n(\s*)(<cac:SellerSupplierParty>[\s\S]*<\/cac:SellerSupplierParty>)/,
      '$3\n$2$1',
    );
    expect(swapped).not.toBe(xml);
    expect((await validate(swapped, 'Order')).join('\n')).toContain('SellerSupplierParty');
    expect((await validate(xml.replace(' currencyID="EUR">3.85', '>3.85'), 'Order')).join('\n')).toContain(
      'currencyID',
    );
    expect((await validate(xml.replace('>2026-11-20<', '>20.11.2026<'), 'Order')).length).toBeGreaterThan(0);
  });

  it('random orders export to schema-valid Orders and invoices', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          quantity: fc.constantFrom('1', '0.5', '12.125', '999999'),
          price: fc.bigInt({ min: 0n, max: 10n ** 8n }),
        }),
        async ({ quantity, price }) => {
          const line = yiwuHamburgOrder.lines[0];
          if (line === undefined) {
            throw new Error('fixture has lines');
          }
          const order = {
            ...yiwuHamburgOrder,
            lines: [{ ...line, quantity, unitPrice: { ...line.unitPrice, amountMinor: price } }],
          };
          expect(await validate(buildUblOrder(order, { orderId: 'ord_R' }), 'Order')).toEqual([]);
          expect(await validate(buildPeppolInvoice(order, meta), 'Invoice')).toEqual([]);
        },
      ),
      { seed: 20261131, numRuns: 10 },
    );
  });
});

describe('the official schemas against the official example files', () => {
  const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
  // The Peppol invoice examples (credit notes have their own schema and tests).
  const peppolExamples = readdirSync(new URL('./testdata/', import.meta.url)).filter(
    (name) => name.startsWith('peppol-') && !name.includes('creditnote'),
  );

  it('accepts the OASIS Order and OrderResponse examples, and the Order tradehub exports from the first', async () => {
    const official = testdata('UBL-Order-2.1-Example.xml');
    const exported = buildUblOrder(
      parseUblOrder(official, {
        incoterms: { rule: 'FCA', namedPlace: { unlocode: 'SESTO' } },
        hsCodes: { '1': '320910', '2': '960340' },
        paymentTerms: '30 days net',
      }),
      { orderId: 'ord_X' },
    );
    expect(await validateUblFiles('Order', [official, exported])).toEqual([[], []]);
    const response = testdata('UBL-OrderResponse-2.1-Example.xml');
    expect(
      await validateUblFiles('OrderResponse', [
        response,
        buildUblOrderStatusResponse(parseUblOrderResponse(response)),
      ]),
    ).toEqual([[], []]);
  });

  it('accepts every Peppol example but the one published out of schema order, and says why', async () => {
    expect(peppolExamples.length).toBe(6);
    const results = await validateUblFiles(
      'Invoice',
      peppolExamples.map((name) => testdata(name)),
    );
    const refused = peppolExamples.filter((_, i) => (results[i] ?? []).length > 0);
    // testdata/README.md: its cac:TaxCategory has TaxExemptionReasonCode before Percent.
    expect(refused).toEqual(['peppol-vat-category-E.xml']);
    const errors = results[peppolExamples.indexOf('peppol-vat-category-E.xml')] ?? [];
    expect(errors.join('\n')).toContain('Percent');
  });

  it('refuses an Order in the Invoice schema and a file that names no root it knows', async () => {
    const official = testdata('UBL-Order-2.1-Example.xml');
    expect((await validateUbl('Invoice', official)).join('\n')).toContain('No matching global declaration');
  });
});
