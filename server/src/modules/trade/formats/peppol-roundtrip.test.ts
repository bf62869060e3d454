import { readFileSync } from 'node:fs';
import { money } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { buildPeppolInvoiceXml, parsePeppolInvoice } from './index.ts';
import { checkPeppolRules } from './peppol-rules.ts';
import { validateUbl } from './test-ubl-schemas.ts';

// Official OpenPEPPOL BIS Billing 3.0 examples (testdata/README.md): import, export, import again.

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const validateInvoice = (xml: string) => validateUbl('Invoice', xml);

const examples = [
  'peppol-base-example.xml',
  'peppol-allowance-example.xml',
  'peppol-base-negative-inv-correction.xml',
  'peppol-vat-category-E.xml',
  'peppol-vat-category-Z.xml',
  'peppol-vat-category-O.xml',
];

describe.each(examples)('official example %s', (name) => {
  const original = testdata(name);
  const model = parsePeppolInvoice(original);
  const rebuilt = buildPeppolInvoiceXml(model);

  it('passes the ported rules as published', () => {
    expect(checkPeppolRules(original)).toEqual([]);
  });

  it('round-trips: parse, build, parse again gives the same model', () => {
    expect(parsePeppolInvoice(rebuilt)).toEqual(model);
  });

  it('is rebuilt into a file the rules and the official UBL 2.4 schema accept', async () => {
    expect(checkPeppolRules(rebuilt)).toEqual([]);
    expect(await validateInvoice(rebuilt)).toEqual([]);
  });
});

describe('what the model carries from the examples', () => {
  it('base example: VAT S 25 %, a negative line, a document charge, payment means, delivery', () => {
    const model = parsePeppolInvoice(testdata('peppol-base-example.xml'));
    expect(model.taxSubtotals).toEqual([
      {
        taxableAmount: money('EUR', 132500n),
        taxAmount: money('EUR', 33125n),
        category: 'S',
        percent: '25.0',
      },
    ]);
    expect(model.allowanceCharges).toEqual([
      {
        charge: true,
        reason: 'Insurance',
        amount: money('EUR', 2500n),
        taxCategory: 'S',
        taxPercent: '25.0',
      },
    ]);
    expect(model.chargeTotalAmount).toEqual(money('EUR', 2500n));
    expect(model.accountingCost).toBe('4025:123:4343');
    expect(model.paymentMeans).toEqual([
      {
        code: '30',
        codeName: 'Credit transfer',
        paymentId: 'Snippet1',
        account: { id: 'IBAN32423940', name: 'AccountName', branchId: 'BIC324098' },
      },
    ]);
    expect(model.delivery).toEqual({
      actualDate: '2017-11-01',
      locationId: { id: '9483759475923478', schemeId: '0088' },
      address: {
        addressLines: ['Delivery street 2', 'Building 56'],
        city: 'Stockholm',
        postalCode: '21234',
        country: 'SE',
      },
      partyName: 'Delivery party Name',
    });
    expect(model.seller).toMatchObject({
      name: 'SupplierTradingName Ltd.',
      registrationName: 'SupplierOfficialName Ltd',
      identifiers: [{ id: '99887766' }],
    });
    expect(model.buyer).toMatchObject({
      companyId: '39937423947',
      companyIdScheme: '0183',
      contactName: 'Lisa Johnson',
      telephone: '23434234',
      email: 'lj@buyer.se',
    });
    expect(model.lines[1]).toMatchObject({
      quantity: '-3',
      lineTotal: money('EUR', -150000n),
      standardItemId: { id: '21382183120983', schemeId: '0088' },
      originCountry: 'NO',
      classifications: [{ code: '09348023', listId: 'SRV' }],
      taxCategory: 'S',
      taxPercent: '25.0',
    });
  });

  it('allowance example: line and price allowances, prepaid amount, VAT in a second currency, references', () => {
    const model = parsePeppolInvoice(testdata('peppol-allowance-example.xml'));
    expect(model).toMatchObject({
      taxPointDate: '2017-12-01',
      taxCurrency: 'SEK',
      taxAmountInTaxCurrency: money('SEK', 932400n),
      period: { startDate: '2017-12-01', endDate: '2017-12-31' },
      contractReference: 'framework no 1',
      additionalDocuments: [
        { id: 'DR35141', schemeId: 'ABT', typeCode: '130' },
        { id: 'ts12345', description: 'Technical specification', uri: 'www.techspec.no' },
      ],
      allowanceTotalAmount: money('EUR', 20000n),
      prepaidAmount: money('EUR', 100000n),
      payableAmount: money('EUR', 612500n),
    });
    expect(model.allowanceCharges?.[0]).toEqual({
      charge: true,
      reasonCode: 'CG',
      reason: 'Cleaning',
      multiplier: '20',
      amount: money('EUR', 20000n),
      baseAmount: money('EUR', 100000n),
      taxCategory: 'S',
      taxPercent: '25',
    });
    expect(model.lines[0]).toMatchObject({
      note: 'Testing note on line level',
      accountingCost: 'Konteringsstreng',
      baseQuantity: '1',
      priceDiscount: { amount: money('EUR', 4000n), grossPrice: money('EUR', 45000n) },
    });
    expect(model.lines[0]?.allowanceCharges?.map((ac) => [ac.charge, ac.amount.amountMinor])).toEqual([
      [true, 100n],
      [false, 10100n],
    ]);
    expect(model.lines[1]).toMatchObject({
      period: { startDate: '2017-12-01', endDate: '2017-12-05' },
      orderLineId: '124',
      properties: [{ name: 'AdditionalItemName', value: 'AdditionalItemValue' }],
    });
  });

  it('negative correction invoice: negated totals, a negative charge and the corrected invoice', () => {
    const model = parsePeppolInvoice(testdata('peppol-base-negative-inv-correction.xml'));
    expect(model.precedingInvoices).toEqual([{ id: 'Snippet1' }]);
    expect(model.allowanceCharges?.[0]?.amount).toEqual(money('EUR', -2500n));
    expect(model.payableAmount).toEqual(money('EUR', -165625n));
    expect(model.lines.map((line) => line.quantity)).toEqual(['-7', '3']);
  });

  it('category E, Z and O: exemption reasons and no rate for O', () => {
    expect(parsePeppolInvoice(testdata('peppol-vat-category-E.xml')).taxSubtotals[0]).toMatchObject({
      category: 'E',
      exemptionReasonCode: 'VATEX-EU-F',
    });
    expect(parsePeppolInvoice(testdata('peppol-vat-category-Z.xml')).taxSubtotals[0]).toMatchObject({
      category: 'Z',
      percent: '0',
    });
    const o = parsePeppolInvoice(testdata('peppol-vat-category-O.xml'));
    expect(o.taxSubtotals[0]).toEqual({
      taxableAmount: money('SEK', 320000n),
      taxAmount: money('SEK', 0n),
      category: 'O',
      exemptionReason: 'Not subject to VAT',
    });
    expect(o.lines[0]?.taxPercent).toBeUndefined();
  });

  it('the builder refuses an amount in another currency, naming the field', () => {
    const model = parsePeppolInvoice(testdata('peppol-vat-category-Z.xml'));
    const broken = { ...model, prepaidAmount: money('EUR', 100n) };
    expect(() => buildPeppolInvoiceXml(broken)).toThrow(
      expect.objectContaining({
        fieldErrors: [
          expect.objectContaining({ field: 'prepaidAmount.currency', code: 'trade.currency_mismatch' }),
        ],
      }),
    );
  });
});
