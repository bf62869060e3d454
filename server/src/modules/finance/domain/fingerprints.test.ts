import { leiCheckDigits, money, usccCheckCharacter } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CanonicalInvoice, canonicaliseInvoice, type InvoiceInput } from './canonical-invoice.ts';
import {
  amountBucketOf,
  deriveRegistryKey,
  encodeFields,
  type Fingerprint,
  isoWeekOf,
  nearAmountBuckets,
  queryFingerprints,
  registrationFingerprints,
} from './fingerprints.ts';
import { answerOf } from './registry-answer.ts';

const uscc = (first17: string) => `${first17}${usccCheckCharacter(first17)}`;
const lei = (first18: string) => `${first18}${leiCheckDigits(first18)}`;

const sellerUscc = uscc('91330100MA2B3C4D5');
const buyerLei = lei('529900T8BM49AURSDO');
const key = deriveRegistryKey(new Uint8Array(32).fill(7));

const baseInput: InvoiceInput = {
  seller: { scheme: 'uscc', value: sellerUscc },
  buyer: { scheme: 'lei', value: buyerLei },
  invoiceNumber: 'INV-2026-000123',
  issueDate: '2026-03-12',
  amount: { amount: '12500.00', currency: 'USD' },
};

const hex = (fps: Fingerprint[]) =>
  fps.map((fp) => `${fp.fpType}:${Buffer.from(fp.fingerprint).toString('hex')}`);
const stored = (input: InvoiceInput) =>
  hex(registrationFingerprints(key, 'invoice', canonicaliseInvoice(input)));
const exactOf = (input: InvoiceInput) => stored(input)[0];

const fullWidth = (text: string) =>
  [...text].map((c) => (c >= '!' && c <= '~' ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : c)).join('');

describe('canonicaliseInvoice', () => {
  it('reads every party scheme and spells the invoice one way', () => {
    const invoice = canonicaliseInvoice({
      ...baseInput,
      seller: { scheme: 'registration', value: ' hrb 12345 ', country: 'de' },
      invoiceNumber: ' inv/00-2026 ',
    });
    expect(invoice).toEqual<CanonicalInvoice>({
      seller: 'REG:DE:HRB12345',
      buyer: `LEI:${buyerLei}`,
      number: 'INV002026',
      numberUnpadded: 'INV2026',
      issueDate: '2026-03-12',
      amount: money('USD', 1_250_000n),
    });
  });

  it('reads a USCC typed in full-width characters with spaces', () => {
    const typed = fullWidth(`${sellerUscc.slice(0, 9)} ${sellerUscc.slice(9)}`);
    expect(canonicaliseInvoice({ ...baseInput, seller: { scheme: 'uscc', value: typed } }).seller).toBe(
      `USCC:${sellerUscc}`,
    );
  });

  it('refuses what it cannot read, with a field error for each field', () => {
    const refused = () =>
      canonicaliseInvoice({
        seller: {
          scheme: 'uscc',
          value: `${sellerUscc.slice(0, 17)}${sellerUscc.endsWith('0') ? '1' : '0'}`,
        },
        buyer: { scheme: 'registration', value: '---' },
        invoiceNumber: ' - / ',
        issueDate: '2026-02-30',
        amount: { amount: '1.001', currency: 'USD' },
      });
    expect(refused).toThrow(
      expect.objectContaining({
        code: 'http.validation_failed',
        fieldErrors: expect.arrayContaining([
          expect.objectContaining({ field: 'seller.value', code: 'kernel.invalid_check_digit' }),
          expect.objectContaining({ field: 'buyer.country', code: 'kernel.required' }),
          expect.objectContaining({ field: 'buyer.value', code: 'kernel.required' }),
          expect.objectContaining({ field: 'invoiceNumber', code: 'kernel.required' }),
          expect.objectContaining({ field: 'issueDate' }),
          expect.objectContaining({ field: 'amount.amount' }),
        ]),
      }),
    );
  });

  it('refuses a zero or negative amount, an unknown currency and one party on both sides', () => {
    const codesOf = (input: InvoiceInput) => {
      try {
        canonicaliseInvoice(input);
        return [];
      } catch (error) {
        return (error as { fieldErrors: { code: string }[] }).fieldErrors.map((e) => e.code);
      }
    };
    expect(codesOf({ ...baseInput, amount: { amount: '0', currency: 'USD' } })).toEqual([
      'finance.amount_not_positive',
    ]);
    expect(codesOf({ ...baseInput, amount: { amount: '-5', currency: 'USD' } })).toEqual([
      'finance.amount_not_positive',
    ]);
    expect(codesOf({ ...baseInput, amount: { amount: '5', currency: 'XXY' } })).toEqual([
      'kernel.unknown_code',
    ]);
    expect(codesOf({ ...baseInput, buyer: baseInput.seller })).toEqual(['finance.same_party']);
  });
});

describe('fingerprints', () => {
  it('derives a key and its id from the hub secret and a label: another secret gives another of both', () => {
    const other = deriveRegistryKey(new Uint8Array(32).fill(8));
    expect(key.keyId).toMatch(/^frk_[0-9a-f]{16}$/);
    expect(other.keyId).not.toBe(key.keyId);
    expect(Buffer.from(other.key).equals(Buffer.from(key.key))).toBe(false);
  });

  it('length-prefixes the fields, so moving a character between fields changes the encoding', () => {
    expect(encodeFields('invoice', 'exact', ['AB', 'C'])).not.toEqual(
      encodeFields('invoice', 'exact', ['A', 'BC']),
    );
    expect(encodeFields('invoice', 'exact', ['A'])).not.toEqual(
      encodeFields('invoice', 'seller_number', ['A']),
    );
  });

  it('is not a plain SHA-256 of the fields: another key gives other fingerprints', () => {
    const other = deriveRegistryKey(new Uint8Array(32).fill(9));
    const invoice = canonicaliseInvoice(baseInput);
    const mine = hex(registrationFingerprints(key, 'invoice', invoice));
    const theirs = hex(registrationFingerprints(other, 'invoice', invoice));
    expect(mine.filter((fp) => theirs.includes(fp))).toEqual([]);
  });

  it('separates asset types: a purchase order with an invoice’s very fields shares no fingerprint with it', () => {
    const fields = canonicaliseInvoice(baseInput);
    const asInvoice = hex(queryFingerprints(key, 'invoice', fields));
    const asOrder = hex(registrationFingerprints(key, 'purchase_order', fields));
    expect(asOrder.filter((fp) => asInvoice.includes(fp))).toEqual([]);
    expect(asOrder.every((fp) => hex(queryFingerprints(key, 'purchase_order', fields)).includes(fp))).toBe(
      true,
    );
  });

  it('stores one fingerprint of each type, and a check looks up each stored one', () => {
    const invoice = canonicaliseInvoice(baseInput);
    const registered = hex(registrationFingerprints(key, 'invoice', invoice));
    const queried = hex(queryFingerprints(key, 'invoice', invoice));
    expect(registered.map((fp) => fp.split(':')[0])).toEqual([
      'exact',
      'seller_number',
      'seller_number_unpadded',
      'parties_amount_date',
      'fuzzy',
    ]);
    expect(registered.every((fp) => queried.includes(fp))).toBe(true);
    expect(queried).toHaveLength(4 + 9);
  });

  it('buckets amounts by their first two digits, with neighbours across the decade edge', () => {
    expect(amountBucketOf(1_250_000n)).toEqual({ digits: 7, lead: 12n });
    expect(amountBucketOf(7n)).toEqual({ digits: 2, lead: 7n });
    expect(nearAmountBuckets({ digits: 5, lead: 10n })).toEqual([
      { digits: 4, lead: 99n },
      { digits: 5, lead: 10n },
      { digits: 5, lead: 11n },
    ]);
    expect(nearAmountBuckets({ digits: 5, lead: 99n })[2]).toEqual({ digits: 6, lead: 10n });
  });

  it('computes ISO 8601 weeks, also across the turn of a year', () => {
    expect(isoWeekOf('2026-03-12')).toBe('2026-W11');
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-01-01')).toBe('2026-W01');
  });

  it('finds a near copy (another number, a slightly different amount, days later) only as a low risk', () => {
    const registered = registrationFingerprints(key, 'invoice', canonicaliseInvoice(baseInput));
    const near = queryFingerprints(
      key,
      'invoice',
      canonicaliseInvoice({
        ...baseInput,
        invoiceNumber: 'X-9',
        issueDate: '2026-03-17',
        amount: { amount: '12290.00', currency: 'USD' },
      }),
    );
    const stored = new Set(hex(registered));
    const matched = new Set(near.filter((fp) => stored.has(hex([fp])[0] as string)).map((fp) => fp.fpType));
    expect(answerOf(matched)).toEqual({ answer: 'similar', risk: 'low' });
  });
});

// Spelling variants of one invoice number: case, full-width forms, spaces and separators anywhere.
const separators = [' ', '-', '/', '.', '_', '#', '\u3000', '\u2010', '\u2014', '\u00b7', '\u200b'];
const alnum = fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZ0123456789'.split(''));
const spelling = (base: string[]) =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...separators), { minLength: base.length + 1, maxLength: base.length + 1 }),
      fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
      fc.array(fc.boolean(), { minLength: base.length, maxLength: base.length }),
    )
    .map(([seps, lower, wide]) =>
      base
        .map((c, i) => {
          const cased = lower[i] === true ? c.toLowerCase() : c;
          return `${seps[i]}${wide[i] === true ? fullWidth(cased) : cased}`;
        })
        .join('')
        .concat(seps[base.length] ?? ''),
    );

describe('fingerprint properties', () => {
  it('gives every spelling of the same invoice number the same fingerprints', () => {
    fc.assert(
      fc.property(
        fc
          .array(alnum, { minLength: 1, maxLength: 20 })
          .chain((base) => fc.tuple(spelling(base), spelling(base))),
        ([one, other]) => {
          expect(stored({ ...baseInput, invoiceNumber: one })).toEqual(
            stored({ ...baseInput, invoiceNumber: other }),
          );
        },
      ),
    );
  });

  const amountArb = fc.bigInt({ min: 1n, max: 10n ** 15n });
  const dateArb = fc
    .date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  const amountText = (minor: bigint) => `${minor / 100n}.${String(minor % 100n).padStart(2, '0')}`;

  it('changes the exact fingerprint with any change of amount, currency, date or party', () => {
    fc.assert(
      fc.property(amountArb, amountArb, dateArb, dateArb, (a, b, d1, d2) => {
        fc.pre(a !== b && d1 !== d2);
        const one = { ...baseInput, issueDate: d1, amount: { amount: amountText(a), currency: 'USD' } };
        expect(exactOf({ ...one, amount: { amount: amountText(b), currency: 'USD' } })).not.toBe(
          exactOf(one),
        );
        expect(exactOf({ ...one, amount: { amount: amountText(a), currency: 'EUR' } })).not.toBe(
          exactOf(one),
        );
        expect(exactOf({ ...one, issueDate: d2 })).not.toBe(exactOf(one));
        expect(exactOf({ ...one, buyer: { scheme: 'registration', value: 'HRB1', country: 'DE' } })).not.toBe(
          exactOf(one),
        );
        expect(
          exactOf({ ...one, seller: { scheme: 'registration', value: 'HRB1', country: 'DE' } }),
        ).not.toBe(exactOf(one));
      }),
      { numRuns: 200 },
    );
  });

  it('changes the exact fingerprint with any other invoice number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z0-9]{1,16}$/), fc.stringMatching(/^[A-Z0-9]{1,16}$/), (n1, n2) => {
        fc.pre(n1 !== n2);
        expect(exactOf({ ...baseInput, invoiceNumber: n1 })).not.toBe(
          exactOf({ ...baseInput, invoiceNumber: n2 }),
        );
      }),
    );
  });
});
