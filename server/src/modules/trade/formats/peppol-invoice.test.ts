import { readFileSync } from 'node:fs';
import { type AppError, money } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { buildPeppolInvoice, parsePeppolInvoice } from './index.ts';
import { checkPeppolRules } from './peppol-rules.ts';
import { sellerGln, yiwuHamburgOrder } from './test-fixtures.ts';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const meta = {
  invoiceNumber: 'CI-2026-0042',
  issueDate: '2026-12-01',
  dueDate: '2026-12-31',
  sellerEndpoint: { schemeId: '0088', id: sellerGln },
};

describe('Peppol BIS Billing 3.0 invoice', () => {
  const xml = buildPeppolInvoice(yiwuHamburgOrder, meta);

  it('carries the BIS 3.0 identifiers, VAT category G at 0 % and endpoint ids with schemeID', () => {
    expect(xml).toContain(
      '<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>',
    );
    expect(xml).toContain('<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>');
    expect(xml).toContain(`<cbc:EndpointID schemeID="0088">${sellerGln}</cbc:EndpointID>`);
    // The buyer's German VAT number gives its Peppol address (EAS 9930).
    expect(xml).toContain('<cbc:EndpointID schemeID="9930">DE123456789</cbc:EndpointID>');
    expect(xml).toContain('<cbc:CompanyID>CN91330782MA2EXAMPLE</cbc:CompanyID>');
    expect(xml).toContain('<cbc:TaxExemptionReasonCode>VATEX-EU-G</cbc:TaxExemptionReasonCode>');
    expect(xml).toContain('<cbc:BuyerReference>HH-PO-2026-0042</cbc:BuyerReference>');
  });

  it('passes the EN 16931 and Peppol rules checkPeppolRules implements', () => {
    expect(checkPeppolRules(xml)).toEqual([]);
  });

  it('reads back every field it carries', () => {
    const parsed = parsePeppolInvoice(xml);
    expect(parsed).toMatchObject({
      invoiceNumber: 'CI-2026-0042',
      issueDate: '2026-12-01',
      dueDate: '2026-12-31',
      typeCode: '380',
      currency: 'EUR',
      buyerReference: 'HH-PO-2026-0042',
      orderReference: 'HH-PO-2026-0042',
      note: yiwuHamburgOrder.note,
      paymentTerms: yiwuHamburgOrder.paymentTerms,
      seller: {
        ...yiwuHamburgOrder.seller,
        endpoint: { schemeId: '0088', id: sellerGln },
        vatId: 'CN91330782MA2EXAMPLE',
      },
      buyer: { ...yiwuHamburgOrder.buyer, endpoint: { schemeId: '9930', id: 'DE123456789' } },
      taxAmount: money('EUR', 0n),
      lineExtensionAmount: yiwuHamburgOrder.total,
      taxExclusiveAmount: yiwuHamburgOrder.total,
      taxInclusiveAmount: yiwuHamburgOrder.total,
      payableAmount: yiwuHamburgOrder.total,
    });
    expect(parsed.lines).toEqual(
      yiwuHamburgOrder.lines.map((line) => ({
        lineNumber: String(line.lineNumber),
        quantity: line.quantity,
        unitCode: line.unitCode,
        lineTotal: line.lineTotal,
        orderLineId: String(line.lineNumber),
        unitPrice: line.unitPrice,
        name: line.descriptionEn,
        ...(line.descriptionZh === undefined
          ? {}
          : { description: `${line.descriptionEn} / ${line.descriptionZh}` }),
        ...(line.sellerItemId === undefined ? {} : { sellerItemId: line.sellerItemId }),
        hsCode: line.hsCode,
        taxCategory: 'G',
        taxPercent: '0',
      })),
    );
  });

  it('refuses an order Peppol cannot carry: no electronic address, no seller tax id, three-decimal currency', () => {
    const refused = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as AppError).fieldErrors?.map((e) => `${e.field} ${e.code}`);
      }
      throw new Error('expected a refusal');
    };
    expect(
      refused(() => buildPeppolInvoice(yiwuHamburgOrder, { invoiceNumber: 'X', issueDate: '2026-12-01' })),
    ).toEqual(['seller.companyId trade.peppol_endpoint_missing']);
    const { companyId: _id, ...seller } = yiwuHamburgOrder.seller;
    expect(refused(() => buildPeppolInvoice({ ...yiwuHamburgOrder, seller }, meta))).toEqual([
      'seller.companyId kernel.required',
    ]);
    const kwd = { ...yiwuHamburgOrder, currency: 'KWD', lines: [], total: money('KWD', 0n) };
    expect(refused(() => buildPeppolInvoice(kwd, meta))).toEqual(['currency trade.peppol_currency_decimals']);
  });
});

describe('checkPeppolRules', () => {
  it('accepts the official Peppol base example, so the port agrees with the Schematron on a valid file', () => {
    expect(checkPeppolRules(testdata('peppol-base-example.xml'))).toEqual([]);
  });

  it('catches broken totals, a missing endpoint, a bad unit code and a G line with VAT', () => {
    const xml = buildPeppolInvoice(yiwuHamburgOrder, meta);
    const rules = (text: string) => checkPeppolRules(text).map((v) => v.rule);
    expect(
      rules(
        xml.replace(
          '<cbc:LineExtensionAmount currencyID="EUR">4620.00',
          '<cbc:LineExtensionAmount currencyID="EUR">4620.50',
        ),
      ),
    ).toEqual(['PEPPOL-EN16931-R120', 'BR-CO-10', 'BR-G-08']);
    expect(rules(xml.replace(/<cbc:EndpointID schemeID="9930">DE123456789<\/cbc:EndpointID>/, ''))).toEqual([
      'PEPPOL-EN16931-R010',
    ]);
    expect(rules(xml.replace('unitCode="H87"', 'unitCode="PCS"'))).toEqual(['BR-CL-23']);
    expect(
      rules(
        xml.replace(
          '<cbc:TaxAmount currencyID="EUR">0.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
          '<cbc:TaxAmount currencyID="EUR">1.00</cbc:TaxAmount>\n    <cac:TaxSubtotal>',
        ),
      ),
    ).toEqual(['BR-CO-14', 'BR-CO-15']);
    expect(rules(xml.replace('<cbc:Note>Cartons', '<cbc:Note>one</cbc:Note><cbc:Note>Cartons'))).toEqual([
      'PEPPOL-EN16931-R002',
    ]);
  });

  it('reads the official base example back', () => {
    const parsed = parsePeppolInvoice(testdata('peppol-base-example.xml'));
    expect(parsed.invoiceNumber).toBe('Snippet1');
    expect(parsed.seller).toMatchObject({
      name: 'SupplierTradingName Ltd.',
      country: 'GB',
      vatId: 'GB1232434',
      companyId: 'GB983294',
    });
    expect(parsed.buyer.endpoint).toEqual({ schemeId: '0002', id: 'FR23342' });
    expect(parsed.lines.map((line) => [line.quantity, line.lineTotal.amountMinor, line.taxCategory])).toEqual(
      [
        ['7', 280000n, 'S'],
        ['-3', -150000n, 'S'],
      ],
    );
    expect(parsed.payableAmount).toEqual(money('EUR', 165625n));
  });
});
