import { readFileSync } from 'node:fs';
import { AppError, type FieldError, money } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../../platform/xml/index.ts';
import type { OrderContent } from '../domain/order-content.ts';
import {
  buildUblOrder,
  buildUblOrderResponse,
  buildUblOrderStatusResponse,
  parseUblOrder,
  parseUblOrderResponse,
} from './index.ts';
import { yiwuHamburgOrder } from './test-fixtures.ts';

const testdata = (name: string) => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

/** The field errors parseUblOrder refuses `xml` with. */
const refusal = (parse: () => unknown): FieldError[] => {
  try {
    parse();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('http.validation_failed');
    return (error as AppError).fieldErrors ?? [];
  }
  throw new Error('expected the file to be refused');
};
const fields = (errors: FieldError[]) => errors.map((e) => `${e.field} ${e.code}`);

const officialOrder = testdata('UBL-Order-2.1-Example.xml');

/**
 * The values at a path of local element names (`OrderLine/LineItem/Quantity`, `.../@unitCode`) in
 * document order: a reader of the file, independent of the converter under test.
 */
const valuesAt = (xml: string, path: string): string[] => {
  const steps = path.split('/');
  const attribute = steps.at(-1)?.startsWith('@') ? steps.pop()?.slice(1) : undefined;
  let level: XmlElement[] = [parseXml(xml)];
  for (const step of steps) {
    level = level.flatMap((element) => element.children.filter((child) => child.name === step));
  }
  return level.map((element) =>
    attribute === undefined ? element.text.trim() : (element.attributes.get(attribute) ?? ''),
  );
};

/** Amounts and quantities compare as numbers: UBL writes 6225 and 6225.00 alike. */
const sameValue = (a: string, b: string) =>
  /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b) ? Number(a) === Number(b) : a === b;

/** Every element and attribute of a UBL Order that tradehub carries (docs/ubl-peppol.md). */
const carriedOrderPaths = [
  'ID',
  'IssueDate',
  'Note',
  'DocumentCurrencyCode',
  ...['BuyerCustomerParty', 'SellerSupplierParty'].flatMap((holder) =>
    [
      'PartyName/Name',
      'PostalAddress/StreetName',
      'PostalAddress/AdditionalStreetName',
      'PostalAddress/CityName',
      'PostalAddress/PostalZone',
      'PostalAddress/Country/IdentificationCode',
      'PartyLegalEntity/CompanyID',
      'Contact/ElectronicMail',
    ].map((path) => `${holder}/Party/${path}`),
  ),
  'Delivery/RequestedDeliveryPeriod/EndDate',
  'AnticipatedMonetaryTotal/LineExtensionAmount',
  'AnticipatedMonetaryTotal/LineExtensionAmount/@currencyID',
  'OrderLine/LineItem/ID',
  'OrderLine/LineItem/Quantity',
  'OrderLine/LineItem/Quantity/@unitCode',
  'OrderLine/LineItem/LineExtensionAmount',
  'OrderLine/LineItem/Price/PriceAmount',
  'OrderLine/LineItem/Price/PriceAmount/@currencyID',
  'OrderLine/LineItem/Item/Description',
  'OrderLine/LineItem/Item/SellersItemIdentification/ID',
];

/** What the importer of the official example states: it has no HS codes and a pre-2020 term. */
const officialOrderCompletion = {
  incoterms: { rule: 'FCA', namedPlace: { unlocode: 'SESTO' } },
  hsCodes: { '1': '320910', '2': '960340' },
  paymentTerms: '30 days net',
};

// The official example with what tradehub requires and the example lacks: HS codes, and an
// Incoterms 2020 rule with a UN/LOCODE in place of "FOT" at "STO" (pre-2020 term, free-text place).
const completedOfficialOrder = officialOrder
  .replace(
    '<cbc:ID schemeAgencyID="6" schemeID="IMCOTERM">FOT</cbc:ID>',
    '<cbc:ID schemeAgencyID="6" schemeID="IMCOTERM">FCA</cbc:ID>',
  )
  .replace('<cbc:ID>STO</cbc:ID>', '<cbc:ID>SESTO</cbc:ID>')
  .replace(
    '<cac:AdditionalItemProperty>\n          <cbc:Name>Paint type</cbc:Name>',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="HS">320910</cbc:ItemClassificationCode></cac:CommodityClassification>\n        <cac:AdditionalItemProperty>\n          <cbc:Name>Paint type</cbc:Name>',
  )
  .replace(
    '<cac:AdditionalItemProperty>\n          <cbc:Name>Hair color</cbc:Name>',
    '<cac:CommodityClassification><cbc:ItemClassificationCode listID="HS">960340</cbc:ItemClassificationCode></cac:CommodityClassification>\n        <cac:AdditionalItemProperty>\n          <cbc:Name>Hair color</cbc:Name>',
  );

describe('UBL Order', () => {
  it('round-trips an order: export, import, equal', () => {
    const xml = buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_01JEXAMPLE' });
    expect(xml).toContain('<cbc:UBLVersionID>2.4</cbc:UBLVersionID>');
    expect(xml).toContain('<cbc:ItemClassificationCode listID="HS">9617001100</cbc:ItemClassificationCode>');
    expect(xml).toContain('&amp; cartons &lt;printed&gt;');
    expect(parseUblOrder(xml)).toEqual(yiwuHamburgOrder);
  });

  it('refuses the official UBL 2.1 example for what tradehub requires and it lacks, naming each field', () => {
    expect(fields(refusal(() => parseUblOrder(officialOrder))).sort()).toEqual(
      [
        'incoterms.namedPlace.unlocode kernel.invalid_format',
        'incoterms.rule kernel.unknown_code',
        'lines.0.hsCode kernel.required',
        'lines.1.hsCode kernel.required',
        'paymentTerms kernel.required',
      ].sort(),
    );
  });

  it('imports the official example once completed, with every carried field, and round-trips it', () => {
    const content = parseUblOrder(completedOfficialOrder, { paymentTerms: '30 days net' });
    const expected: OrderContent = {
      buyerReference: '34',
      issueDate: '2010-01-20',
      currency: 'SEK',
      seller: {
        name: 'Moderna Produkter AB',
        country: 'SE',
        companyId: '5532332283',
        email: 'lars@moderna.se',
        addressLines: ['Kungsgatan', 'suite12'],
        city: 'Stockholm',
        postalCode: '11000',
      },
      buyer: {
        name: 'Johnssons byggvaror',
        country: 'SE',
        companyId: '5532331183',
        email: 'pelle@johnsson.se',
        addressLines: ['Rådhusgatan', '2nd floor'],
        city: 'Stockholm',
        postalCode: '11000',
      },
      incoterms: { rule: 'FCA', namedPlace: { unlocode: 'SESTO' } },
      requestedDeliveryDate: '2010-02-25',
      paymentTerms: '30 days net',
      note: 'Information text for the whole order',
      lines: [
        {
          lineNumber: 1,
          sellerItemId: 'SItemNo001',
          descriptionEn: 'Red paint',
          hsCode: '320910',
          quantity: '120',
          unitCode: 'LTR',
          unitPrice: money('SEK', 5000n),
          lineTotal: money('SEK', 600000n),
        },
        {
          lineNumber: 2,
          sellerItemId: 'SItemNo011',
          descriptionEn: 'Very good pencils for red paint.',
          hsCode: '960340',
          quantity: '15',
          unitCode: 'C62',
          unitPrice: money('SEK', 1500n),
          lineTotal: money('SEK', 22500n),
        },
      ],
      total: money('SEK', 622500n),
    };
    expect(content).toEqual(expected);
    expect(parseUblOrder(buildUblOrder(content, { orderId: 'ord_X' }))).toEqual(content);

    // The unmodified file with the importer's completion reads the same.
    expect(parseUblOrder(officialOrder, officialOrderCompletion)).toEqual(expected);
  });

  it('round-trips the unmodified official example: every carried element and attribute equal after export', () => {
    const exported = buildUblOrder(parseUblOrder(officialOrder, officialOrderCompletion), {
      orderId: 'ord_X',
    });
    const checked: string[] = [];
    for (const path of carriedOrderPaths) {
      const original = valuesAt(officialOrder, path);
      const again = valuesAt(exported, path);
      expect(again.length, path).toBe(original.length);
      again.forEach((value, i) => {
        expect(sameValue(value, original[i] ?? ''), `${path}[${i}]: ${value} vs ${original[i]}`).toBe(true);
      });
      checked.push(...original.map(() => path));
    }
    // The check examined the file, not an empty selection: 39 values of the official example.
    expect(checked.length).toBe(39);
    // Filled by the importer, written where UBL puts them.
    expect(valuesAt(exported, 'DeliveryTerms/ID')).toEqual(['FCA']);
    expect(
      valuesAt(exported, 'OrderLine/LineItem/Item/CommodityClassification/ItemClassificationCode'),
    ).toEqual(['320910', '960340']);
  });

  it('a completion fills only gaps: it never overrides the file, and names lines the file has', () => {
    const withHs = completedOfficialOrder;
    expect(
      fields(
        refusal(() =>
          parseUblOrder(withHs, {
            incoterms: { rule: 'CIF', namedPlace: { unlocode: 'SESTO' } },
            hsCodes: { '1': '320911', '3': '960340' },
            paymentTerms: '30 days net',
          }),
        ),
      ).sort(),
    ).toEqual(
      [
        'completion.hsCodes.3 trade.unknown_line',
        'incoterms trade.completion_conflict',
        'lines.0.hsCode trade.completion_conflict',
      ].sort(),
    );
    // The same values as the file are no conflict.
    expect(
      parseUblOrder(withHs, { hsCodes: { '1': '320910' }, paymentTerms: 'Net 30' }).lines[0]?.hsCode,
    ).toBe('320910');
    // A completion is checked like the file: an HS code with dots, a rule outside Incoterms 2020.
    expect(
      fields(
        refusal(() =>
          parseUblOrder(officialOrder, {
            incoterms: { rule: 'FOT', namedPlace: { unlocode: 'sto' } },
            hsCodes: { '1': '3209.10', '2': '960340' },
            paymentTerms: '30 days net',
          }),
        ),
      ).sort(),
    ).toEqual(
      [
        'incoterms.namedPlace.unlocode kernel.invalid_format',
        'incoterms.rule kernel.unknown_code',
        'lines.0.hsCode kernel.invalid_format',
      ].sort(),
    );
  });
});

describe('UBL Order: bad input', () => {
  const good = buildUblOrder(yiwuHamburgOrder, { orderId: 'ord_1' });

  it('refuses a DOCTYPE outright: external entities, entity expansion and DTDs never run', () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE Order [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${good.split('\n').slice(1).join('\n').replace('HH-PO-2026-0042', '&xxe;')}`;
    expect(fields(refusal(() => parseUblOrder(xxe)))).toEqual(['file xml.doctype_forbidden']);
    const laughs = `<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><Order>&lol2;</Order>`;
    expect(fields(refusal(() => parseUblOrder(laughs)))).toEqual(['file xml.doctype_forbidden']);
    expect(
      fields(
        refusal(() => parseUblOrder(good.replace('<Order', '<!doctype Order SYSTEM "http://x/">\n<Order'))),
      ),
    ).toEqual(['file xml.doctype_forbidden']);
  });

  it('refuses undeclared entities, malformed XML and other roots', () => {
    expect(fields(refusal(() => parseUblOrder(good.replace('HH-PO-2026-0042', '&ext;'))))).toEqual([
      'file xml.not_well_formed',
    ]);
    expect(fields(refusal(() => parseUblOrder(good.slice(0, good.length / 2))))).toEqual([
      'file xml.not_well_formed',
    ]);
    expect(fields(refusal(() => parseUblOrder('')))).toEqual(['file kernel.required']);
    expect(fields(refusal(() => parseUblOrder(testdata('UBL-OrderResponse-2.1-Example.xml'))))).toEqual([
      'file trade.not_ubl_document',
    ]);
  });

  it('names the line and the field of a currency mismatch, a quantity that is not positive and a wrong total', () => {
    const lines = good.split('\n');
    const tampered = good
      .replace(
        '<cbc:PriceAmount currencyID="EUR">3.85</cbc:PriceAmount>',
        '<cbc:PriceAmount currencyID="USD">3.85</cbc:PriceAmount>',
      )
      .replace(
        '<cbc:Quantity unitCode="KGM">37.5</cbc:Quantity>',
        '<cbc:Quantity unitCode="KGM">0</cbc:Quantity>',
      );
    const errors = refusal(() => parseUblOrder(tampered));
    expect(fields(errors)).toEqual([
      'lines.0.unitPrice.currency trade.currency_mismatch',
      'lines.1.quantity trade.quantity_not_positive',
    ]);
    const priceLine = lines.findIndex((line) => line.includes('3.85')) + 1;
    expect(errors[0]?.message).toBe(
      `XML line ${priceLine}: currencyID USD differs from the document currency EUR`,
    );
    expect(errors[1]?.message).toContain('"0": a decimal greater than 0');

    expect(fields(refusal(() => parseUblOrder(good.replace('>37.5<', '>-2<'))))).toEqual([
      'lines.1.quantity trade.quantity_not_positive',
    ]);
    expect(fields(refusal(() => parseUblOrder(good.replace('>4620.00<', '>4620.01<'))))).toEqual([
      'lines.0.lineTotal trade.total_mismatch',
    ]);
    const total = refusal(() =>
      parseUblOrder(
        good.replace(
          '<cbc:LineExtensionAmount currencyID="EUR">5088.38',
          '<cbc:LineExtensionAmount currencyID="EUR">5088.00',
        ),
      ),
    );
    expect(fields(total)).toEqual(['total trade.total_mismatch']);
    expect(total[0]?.message).toContain('is not the sum of the lines, 5088.38');
  });

  it('names unknown codes, missing elements, too many decimals and duplicate line numbers', () => {
    expect(fields(refusal(() => parseUblOrder(good.replace('unitCode="H87"', 'unitCode="PCS"'))))).toEqual([
      'lines.0.unitCode kernel.unknown_code',
    ]);
    expect(
      fields(refusal(() => parseUblOrder(good.replace('<cbc:ID>HH-PO-2026-0042</cbc:ID>', '')))),
    ).toEqual(['buyerReference kernel.required']);
    expect(
      fields(
        refusal(() =>
          parseUblOrder(good.replace('<cbc:DocumentCurrencyCode>EUR', '<cbc:DocumentCurrencyCode>XYZ')),
        ),
      ),
    ).toEqual(['currency kernel.unknown_code']);
    expect(fields(refusal(() => parseUblOrder(good.replace('>3.85<', '>3.855<'))))).toEqual([
      'lines.0.unitPrice.amount kernel.too_many_decimals',
    ]);
    expect(
      fields(refusal(() => parseUblOrder(good.replace('<cbc:ID>2</cbc:ID>', '<cbc:ID>1</cbc:ID>')))),
    ).toEqual(['lines.1.lineNumber trade.duplicate_line_number']);
    expect(
      fields(
        refusal(() =>
          parseUblOrder(good.replace('<cbc:IdentificationCode>CN<', '<cbc:IdentificationCode>XX<')),
        ),
      ),
    ).toEqual(['seller.country kernel.unknown_code']);
    expect(fields(refusal(() => parseUblOrder(good.replace('>FOB<', '>FOT<'))))).toEqual([
      'incoterms.rule kernel.unknown_code',
    ]);
    expect(fields(refusal(() => parseUblOrder(good.replace('>9617001100<', '>9617.00<'))))).toEqual([
      'lines.0.hsCode kernel.invalid_format',
    ]);
  });
});

describe('UBL OrderResponse', () => {
  it.each(['AP', 'RE', 'CA'] as const)('round-trips a %s response with the order content', (responseCode) => {
    const xml = buildUblOrderResponse(yiwuHamburgOrder, {
      orderId: 'ord_7',
      responseCode,
      note: 'Unit price 3.70',
      issueDate: '2026-11-21',
    });
    const { note: _orderNote, ...content } = yiwuHamburgOrder;
    expect(parseUblOrderResponse(xml)).toEqual({
      responseId: `ord_7-${responseCode}-2026-11-21`,
      orderId: 'ord_7',
      buyerReference: 'HH-PO-2026-0042',
      issueDate: '2026-11-21',
      responseCode,
      note: 'Unit price 3.70',
      currency: 'EUR',
      sellerName: yiwuHamburgOrder.seller.name,
      buyerName: yiwuHamburgOrder.buyer.name,
      content,
    });
  });

  it('round-trips the official UBL 2.1 example, an answer by line status without prices', () => {
    const official = testdata('UBL-OrderResponse-2.1-Example.xml');
    const parsed = parseUblOrderResponse(official);
    expect(parsed).toEqual({
      responseId: '7',
      buyerReference: '34',
      issueDate: '2010-01-21',
      note: 'Information text for the whole order response',
      currency: 'SEK',
      sellerName: 'Moderna Produkter AB',
      buyerName: 'Johnssons byggvaror',
      lineStatuses: [
        { lineId: '1', status: 'NoStatus' },
        { lineId: '2', status: 'Disputed' },
      ],
    });
    const exported = buildUblOrderStatusResponse(parsed);
    expect(parseUblOrderResponse(exported)).toEqual(parsed);
    const carried = [
      'ID',
      'IssueDate',
      'Note',
      'DocumentCurrencyCode',
      'OrderReference/ID',
      'SellerSupplierParty/Party/PartyName/Name',
      'BuyerCustomerParty/Party/PartyName/Name',
      'OrderLine/LineItem/ID',
      'OrderLine/LineItem/LineStatusCode',
    ];
    let compared = 0;
    for (const path of carried) {
      expect(valuesAt(exported, path), path).toEqual(valuesAt(official, path));
      compared += valuesAt(official, path).length;
    }
    expect(compared).toBe(11);
  });

  it('refuses an unknown response code and a counter-offer whose lines do not add up', () => {
    const xml = buildUblOrderResponse(yiwuHamburgOrder, {
      orderId: 'ord_7',
      responseCode: 'CA',
      issueDate: '2026-11-21',
    });
    expect(fields(refusal(() => parseUblOrderResponse(xml.replace('>CA<', '>ZZ<'))))).toEqual([
      'responseCode kernel.unknown_code',
    ]);
    expect(fields(refusal(() => parseUblOrderResponse(xml.replace('>468.38<', '>468.37<'))))).toEqual([
      'lines.1.lineTotal trade.total_mismatch',
    ]);
  });
});
