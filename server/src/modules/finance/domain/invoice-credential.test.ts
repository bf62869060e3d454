import { leiCheckDigits, usccCheckCharacter } from '@tradehub/kernel';
import { describe, expect, it } from 'vitest';
import { readCredentialInvoice, registryParty } from './invoice-credential.ts';

const uscc = `91330782MA2D7YW01${usccCheckCharacter('91330782MA2D7YW01')}`;
const lei = `529900T8BM49AURSDO${leiCheckDigits('529900T8BM49AURSDO')}`;

const credential = (subject: Record<string, unknown>) => ({
  id: 'urn:uuid:1',
  validFrom: '2026-11-21T08:00:00Z',
  credentialSubject: {
    type: 'CommercialInvoice',
    documentNumber: 'CI-2026-0042',
    seller: { name: 'Yiwu Co.', country: 'CN', companyId: uscc },
    buyer: { name: 'Osaka Zakka K.K.', country: 'jp' },
    ...subject,
  },
});

describe('reading an invoice credential', () => {
  it('reads the kind schema (total) and the flat form (totalAmount, currency, date from validFrom)', () => {
    const kind = readCredentialInvoice(
      credential({ issueDate: '2026-11-20', total: { amount: '6900.00', currency: 'USD' } }),
    );
    expect(kind).toMatchObject({
      ok: true,
      invoice: { number: 'CI-2026-0042', issueDate: '2026-11-20', buyer: { country: 'JP', companyId: null } },
    });
    expect(kind.ok && kind.invoice.amount.amountMinor).toBe(690_000n);
    const flat = readCredentialInvoice(credential({ totalAmount: '12500.00', currency: 'EUR' }));
    expect(flat.ok && [flat.invoice.issueDate, flat.invoice.amount.currency]).toEqual(['2026-11-21', 'EUR']);
  });

  it('refuses another document type, and an invoice missing what financing needs', () => {
    expect(
      readCredentialInvoice({ id: 'x', credentialSubject: { type: 'BillOfLading', documentNumber: 'B' } }),
    ).toEqual({ ok: false, reason: 'not_an_invoice' });
    expect(readCredentialInvoice(credential({ totalAmount: '0.00', currency: 'USD' }))).toEqual({
      ok: false,
      reason: 'unreadable',
      field: 'total',
    });
    expect(
      readCredentialInvoice(credential({ buyer: { name: 'X' }, totalAmount: '1.00', currency: 'USD' })),
    ).toEqual({ ok: false, reason: 'unreadable', field: 'buyer' });
  });

  it('identifies parties for the registry by USCC, LEI, registration number or name', () => {
    expect(registryParty({ name: 'A', country: 'CN', companyId: uscc.toLowerCase() })).toEqual({
      scheme: 'uscc',
      value: uscc,
    });
    expect(registryParty({ name: 'A', country: 'DE', companyId: lei })).toEqual({
      scheme: 'lei',
      value: lei,
    });
    expect(registryParty({ name: 'A', country: 'DE', companyId: 'HRB 12345' })).toEqual({
      scheme: 'registration',
      value: 'HRB12345',
      country: 'DE',
    });
    expect(registryParty({ name: 'Osaka Zakka K.K.', country: 'JP', companyId: null })).toEqual({
      scheme: 'registration',
      value: 'OSAKAZAKKAKK',
      country: 'JP',
    });
  });
});
