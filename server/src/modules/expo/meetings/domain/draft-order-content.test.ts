import { describe, expect, it } from 'vitest';
import { draftOrderContent, trimDecimal } from './draft-order-content.ts';

const seller = { organisationId: 'org_seller', name: 'Ningbo Mingliang Lighting', country: 'CN' };
const buyer = { organisationId: 'org_buyer', name: 'Klang Valley Trading', country: 'MY' };
const requirement = {
  hsCode: '940542',
  quantity: '5000.000',
  quantityUnit: 'H87',
  targetPriceCurrency: 'USD',
  targetPriceMinor: '320',
  destinationCountry: 'MY',
  destinationUnlocode: 'MYPKG',
};
const product = {
  id: 'prd_1',
  nameEn: 'LED panel light 600x600',
  nameZh: 'LED面板灯',
  hsCode: '940542',
  moq: '1000.000',
  moqUnit: 'H87',
  priceCurrency: 'USD',
  priceMinMinor: '350',
  exhibitorUnlocode: 'CNNGB',
};

describe('the draft order a meeting turns into', () => {
  it("takes the buyer's quantity and target price, the product's HS code, FOB the exhibitor's port", () => {
    const content = draftOrderContent({ meetingId: 'emt_1', seller, buyer, requirement, product });
    expect(content).toMatchObject({
      buyerReference: 'EXPO-emt_1',
      currency: 'USD',
      incoterms: { rule: 'FOB', namedPlace: { unlocode: 'CNNGB' } },
      lines: [
        {
          hsCode: '940542',
          quantity: '5000',
          unitCode: 'H87',
          unitPrice: { amount: '3.20', currency: 'USD' },
        },
      ],
    });
  });

  it("falls back to the product's lowest price and DAP the destination", () => {
    const content = draftOrderContent({
      meetingId: 'emt_1',
      seller,
      buyer,
      requirement: { ...requirement, targetPriceCurrency: null, targetPriceMinor: null },
      product: { ...product, exhibitorUnlocode: null },
    });
    expect(content?.incoterms).toEqual({ rule: 'DAP', namedPlace: { unlocode: 'MYPKG' } });
    expect(content?.lines[0]?.unitPrice).toEqual({ amount: '3.50', currency: 'USD' });
  });

  it("uses the product's MOQ and unit when the buyer counts in another unit, and says so", () => {
    const content = draftOrderContent({
      meetingId: 'emt_1',
      seller,
      buyer,
      requirement: { ...requirement, quantityUnit: 'XCT' },
      product,
    });
    expect(content?.lines[0]).toMatchObject({
      quantity: '1000',
      unitCode: 'H87',
      unitPrice: { amount: '3.50' },
    });
    expect(content?.note).toContain('5000 XCT');
  });

  it('has no content without any hand-over place', () => {
    expect(
      draftOrderContent({
        meetingId: 'emt_1',
        seller,
        buyer,
        requirement: { ...requirement, destinationUnlocode: null },
        product: { ...product, exhibitorUnlocode: null },
      }),
    ).toBeUndefined();
  });

  it('trims decimals', () => {
    expect(trimDecimal('5000.000')).toBe('5000');
    expect(trimDecimal('12.500')).toBe('12.5');
    expect(trimDecimal('7')).toBe('7');
  });
});
