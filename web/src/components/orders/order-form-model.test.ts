import { describe, expect, it } from 'vitest';
import {
  buildOrderContent,
  emptyOrderForm,
  formFromContent,
  formPathOfServerField,
  type OrderFormValues,
  partnerOf,
} from './order-form-model.ts';

const ME = { organisationId: 'org_yiwu', name: 'Yiwu Small Commodities', country: 'CN' };
const ELBE = { organisationId: 'org_elbe', name: 'Elbe Handelshaus GmbH', country: 'DE' };

const values = (): OrderFormValues => ({
  ...emptyOrderForm(new Date('2026-11-27T00:00:00Z')),
  counterpartyId: ELBE.organisationId,
  buyerReference: ' PO-1 ',
  namedPlace: 'cnnbg',
  paymentTerms: '30% T/T',
  lines: [
    {
      descriptionEn: 'Umbrella',
      descriptionZh: '雨伞',
      hsCode: '6601.91',
      quantity: '1200',
      unitCode: 'H87',
      unitPrice: '2.35',
    },
    { descriptionEn: 'Scarf', hsCode: '621410', quantity: '0.5', unitCode: 'KGM', unitPrice: '0.01' },
  ],
});

describe('buildOrderContent', () => {
  it('makes the seller side mine and computes the totals exactly', () => {
    const content = buildOrderContent(values(), ME, ELBE);
    expect(content.seller).toEqual(ME);
    expect(content.buyer).toEqual(ELBE);
    expect(content.buyerReference).toBe('PO-1');
    expect(content.issueDate).toBe('2026-11-27');
    expect(content.incoterms).toEqual({ rule: 'FOB', namedPlace: { unlocode: 'CNNBG' } });
    expect(content.lines[0]).toMatchObject({
      lineNumber: 1,
      hsCode: '660191',
      lineTotal: { amount: '2820.00', currency: 'USD' },
    });
    expect(content.lines[1]).not.toHaveProperty('descriptionZh');
    expect(content.lines[1]?.lineTotal).toEqual({ amount: '0.01', currency: 'USD' });
    expect(content.total).toEqual({ amount: '2820.01', currency: 'USD' });
  });

  it('invites a buyer by e-mail when the buyer is not on the hub', () => {
    const content = buildOrderContent(
      {
        ...values(),
        counterpartyMode: 'invite',
        inviteEmail: 'a@b.example',
        inviteName: 'Buyer Ltd',
        inviteCountry: 'fr',
      },
      ME,
      null,
    );
    expect(content.buyer).toEqual({ name: 'Buyer Ltd', country: 'FR', email: 'a@b.example' });
  });

  it('round-trips through the form for a counter-offer by the buyer', () => {
    const content = buildOrderContent(values(), ME, ELBE);
    const asBuyer = formFromContent(content, ELBE.organisationId);
    expect(asBuyer.myRole).toBe('buyer');
    expect(asBuyer.counterpartyId).toBe(ME.organisationId);
    expect(partnerOf(content, ELBE.organisationId)).toEqual(ME);
    const again = buildOrderContent(asBuyer, ELBE, partnerOf(content, ELBE.organisationId));
    expect(again).toEqual(content);
  });
});

describe('formPathOfServerField', () => {
  it('puts line errors on the line cell', () => {
    expect(formPathOfServerField('content.lines.2.hsCode', 'seller')).toEqual(['lines', 2, 'hsCode']);
    expect(formPathOfServerField('content.lines.0.unitPrice.amount', 'seller')).toEqual([
      'lines',
      0,
      'unitPrice',
    ]);
    expect(formPathOfServerField('lines.1.lineTotal', 'seller')).toEqual(['lines', 1, 'unitPrice']);
  });

  it('maps party and incoterms fields by my role', () => {
    expect(formPathOfServerField('content.buyer.email', 'seller')).toEqual(['inviteEmail']);
    expect(formPathOfServerField('content.seller.organisationId', 'buyer')).toEqual(['counterpartyId']);
    expect(formPathOfServerField('content.incoterms.namedPlace.unlocode', 'seller')).toEqual(['namedPlace']);
    expect(formPathOfServerField('content.currency', 'seller')).toEqual(['currency']);
  });

  it('leaves fields the form does not show to the error list', () => {
    expect(formPathOfServerField('content.total', 'seller')).toBeNull();
    expect(formPathOfServerField('version', 'seller')).toBeNull();
    expect(formPathOfServerField('content.seller.name', 'seller')).toBeNull();
  });
});
