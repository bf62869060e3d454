import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { buildPeppolInvoice, buildUblOrder, buildUblOrderResponse } from './index.ts';
import { sellerGln, yiwuHamburgOrder } from './test-fixtures.ts';

// The schemas are a subset of the OASIS UBL 2.4 runtime schemas (schemas/ubl-2.4/README.md).
const schemaFile = (fileName: string) => ({
  fileName,
  contents: readFileSync(new URL(`./schemas/ubl-2.4/${fileName}`, import.meta.url), 'utf8'),
});
const common = [schemaFile('tradehub-cac-2.4.xsd'), schemaFile('tradehub-cbc-2.4.xsd')];

const validate = async (xml: string, main: string) => {
  const result = await validateXML({
    xml: [{ fileName: 'document.xml', contents: xml }],
    schema: [schemaFile(main)],
    preload: common,
  });
  return result.errors.map((error) => error.message);
};

const meta = {
  invoiceNumber: 'CI-1',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  sellerEndpoint: { schemeId: '0088', id: sellerGln },
};

describe('exports validate against the UBL 2.4 schemas (xmllint, WebAssembly build)', () => {
  it('Order', async () => {
    expect(
      await validate(buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_1' }), 'tradehub-Order-2.4.xsd'),
    ).toEqual([]);
  });

  it('OrderResponse (AP, RE, CA)', async () => {
    for (const responseCode of ['AP', 'RE', 'CA'] as const) {
      const xml = buildUblOrderResponse(yiwuHamburgOrder, {
        orderId: 'ord_1',
        responseCode,
        note: 'n',
        issueDate: '2026-11-21',
      });
      expect(await validate(xml, 'tradehub-OrderResponse-2.4.xsd')).toEqual([]);
    }
  });

  it('Peppol invoice', async () => {
    expect(await validate(buildPeppolInvoice(yiwuHamburgOrder, meta), 'tradehub-Invoice-2.4.xsd')).toEqual(
      [],
    );
  });

  it('the schemas do reject what UBL forbids: elements out of order, a missing currencyID, a bad date', async () => {
    const xml = buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_1' });
    const swapped = xml.replace(
      /(<cac:BuyerCustomerParty>[\s\S]*<\/cac:BuyerCustomerParty>)\n(\s*)(<cac:SellerSupplierParty>[\s\S]*<\/cac:SellerSupplierParty>)/,
      '$3\n$2$1',
    );
    expect(swapped).not.toBe(xml);
    expect((await validate(swapped, 'tradehub-Order-2.4.xsd')).join('\n')).toContain('SellerSupplierParty');
    expect(
      (await validate(xml.replace(' currencyID="EUR">3.85', '>3.85'), 'tradehub-Order-2.4.xsd')).join('\n'),
    ).toContain('currencyID');
    expect(
      (await validate(xml.replace('>2026-11-20<', '>20.11.2026<'), 'tradehub-Order-2.4.xsd')).length,
    ).toBeGreaterThan(0);
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
          expect(
            await validate(buildUblOrder(order, { orderId: 'ord_R' }), 'tradehub-Order-2.4.xsd'),
          ).toEqual([]);
          expect(await validate(buildPeppolInvoice(order, meta), 'tradehub-Invoice-2.4.xsd')).toEqual([]);
        },
      ),
      { seed: 20261131, numRuns: 10 },
    );
  });
});
