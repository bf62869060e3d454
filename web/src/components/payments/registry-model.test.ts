import { describe, expect, it } from 'vitest';
import {
  formFieldOf,
  type InvoiceFormValues,
  invoiceFormComplete,
  invoiceOf,
  isIsoDate,
  partyProblem,
} from './registry-model.ts';

// Made-up identifiers with correct check characters (the demo seller's USCC and buyer's LEI).
const USCC = '91330782MA2D7YW01';
const LEI = '529900ELBEHANDEL00';

const values = (over: Partial<InvoiceFormValues> = {}): InvoiceFormValues => ({
  seller: { scheme: 'uscc', value: '' },
  buyer: { scheme: 'lei', value: '' },
  invoiceNumber: ' INV-2026-0042 ',
  issueDate: '2026-03-12',
  amount: '125000.00',
  currency: 'USD',
  ...over,
});

describe('partyProblem', () => {
  it('refuses an empty identifier and a wrong check character', () => {
    expect(partyProblem('uscc', ' ')?.code).toBe('kernel.required');
    expect(partyProblem('uscc', '913307820000000000')?.code).toMatch(/^kernel\./);
    expect(partyProblem('lei', 'ABC')?.code).toMatch(/^kernel\./);
  });

  it('leaves a registration number to the server', () => {
    expect(partyProblem('registration', 'HRB 12345')).toBeNull();
  });
});

describe('isIsoDate', () => {
  it('takes real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('12/03/2026')).toBe(false);
  });
});

describe('invoiceOf', () => {
  it('sends trimmed fields and the country of a registration number in upper case', () => {
    const invoice = invoiceOf(
      values({ buyer: { scheme: 'registration', value: ' HRB 12345 ', country: 'de' } }),
    );
    expect(invoice.invoiceNumber).toBe('INV-2026-0042');
    expect(invoice.buyer).toEqual({ scheme: 'registration', value: 'HRB 12345', country: 'DE' });
    expect(invoice.amount).toEqual({ amount: '125000.00', currency: 'USD' });
  });
});

describe('invoiceFormComplete', () => {
  it('needs valid parties, a number, a date and an amount', () => {
    expect(invoiceFormComplete(values())).toBe(false);
  });

  it('accepts a complete invoice with valid identifiers', async () => {
    const { usccCheckCharacter, leiCheckDigits } = await import('@tradehub/kernel');
    const seller = `${USCC}${usccCheckCharacter(USCC)}`;
    const buyer = `${LEI}${leiCheckDigits(LEI)}`;
    expect(
      invoiceFormComplete(
        values({ seller: { scheme: 'uscc', value: seller }, buyer: { scheme: 'lei', value: buyer } }),
      ),
    ).toBe(true);
  });
});

describe('formFieldOf', () => {
  it('maps server field names onto the form', () => {
    expect(formFieldOf('invoice.seller.value')).toBe('seller.value');
    expect(formFieldOf('amount.amount')).toBe('amount');
    expect(formFieldOf('financedAmount.amount')).toBe('financedAmount');
    expect(formFieldOf('somethingElse')).toBeNull();
  });
});
