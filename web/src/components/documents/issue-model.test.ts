import { describe, expect, it } from 'vitest';
import {
  buildIssueInput,
  formPathOfServerField,
  invoiceSubjectFromForm,
  validUntilFromDate,
} from './issue-model.ts';

describe('invoiceSubjectFromForm', () => {
  it('drops empty optional fields, trims text and computes the figures', () => {
    const { subject, problems } = invoiceSubjectFromForm({
      invoiceDate: '2026-03-04',
      currency: 'EUR',
      incoterms: '',
      seller: { name: ' Yiwu Commodities ', country: 'CN', address: '' },
      buyer: { name: 'Elbe Handelshaus', taxId: 'DE123456789' },
      lineItems: [
        { description: 'Mugs', quantity: '3', unitPrice: '0.10', hsCode: ' ' },
        { description: 'Boxes', quantity: '2.5', unitPrice: '1.005', unitCode: 'KGM' },
      ],
    });
    expect(problems).toEqual([]);
    expect(subject).toEqual({
      invoiceDate: '2026-03-04',
      currency: 'EUR',
      seller: { name: 'Yiwu Commodities', country: 'CN' },
      buyer: { name: 'Elbe Handelshaus', taxId: 'DE123456789' },
      lineItems: [
        { description: 'Mugs', quantity: '3', unitPrice: '0.10', lineAmount: '0.30' },
        { description: 'Boxes', quantity: '2.5', unitCode: 'KGM', unitPrice: '1.005', lineAmount: '2.51' },
      ],
      totalAmount: { amount: '2.81', currency: 'EUR' },
    });
  });

  it('reports empty quantities and prices as required', () => {
    expect(invoiceSubjectFromForm({ currency: 'USD', lineItems: [{ description: 'x' }] }).problems).toEqual([
      { path: 'lineItems.0.quantity', code: 'required' },
      { path: 'lineItems.0.unitPrice', code: 'required' },
    ]);
  });
});

describe('buildIssueInput', () => {
  it('sends the JSON editor payload for other types, with validUntil at the end of the day', () => {
    expect(
      buildIssueInput({
        documentType: 'PackingList',
        documentNumber: ' PL-1 ',
        validUntil: '2026-12-31',
        payload: '{"packages": []}',
      }),
    ).toEqual({
      ok: true,
      input: {
        documentType: 'PackingList',
        documentNumber: 'PL-1',
        subject: { packages: [] },
        validUntil: '2026-12-31T23:59:59.999Z',
      },
    });
  });

  it('says why it cannot send', () => {
    const result = buildIssueInput({ documentType: 'Other', documentNumber: 'X', payload: '{"a": 1.5}' });
    expect(result).toEqual({
      ok: false,
      invoiceProblems: [],
      payload: { ok: false, code: 'nonIntegerNumber', detail: 'a' },
    });
    expect(validUntilFromDate('')).toBeUndefined();
  });
});

describe('formPathOfServerField', () => {
  it('puts server field errors on the form field that shows them', () => {
    expect(formPathOfServerField('documentNumber', 'Other')).toEqual(['documentNumber']);
    expect(formPathOfServerField('subject.lineItems.2.quantity', 'CommercialInvoice')).toEqual([
      'invoice',
      'lineItems',
      2,
      'quantity',
    ]);
    expect(formPathOfServerField('/subject/seller/name', 'CommercialInvoice')).toEqual([
      'invoice',
      'seller',
      'name',
    ]);
    expect(formPathOfServerField('subject.goods.0.price', 'CertificateOfOrigin')).toEqual(['payload']);
    expect(formPathOfServerField('issuer', 'Other')).toBeNull();
    expect(formPathOfServerField('documentNumber.x', 'Other')).toBeNull();
  });
});
