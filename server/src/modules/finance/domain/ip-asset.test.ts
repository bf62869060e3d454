import { createHmac } from 'node:crypto';
import { isAppError } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicaliseInvoice } from './canonical-invoice.ts';
import {
  deriveRegistryKey,
  encodeFields,
  ipAssetFingerprint,
  registrationFingerprints,
} from './fingerprints.ts';
import { canonicaliseIpRight, type IpRightInput, ipPledgeExpiry } from './ip-asset.ts';

const key = deriveRegistryKey(new Uint8Array(32).fill(7));
const otherKey = deriveRegistryKey(new Uint8Array(32).fill(8));

const hexOf = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fingerprintOf = (input: IpRightInput) =>
  hexOf(ipAssetFingerprint(key, canonicaliseIpRight(input)).fingerprint);

const patent = (registryNumber: string, overrides: Partial<IpRightInput> = {}): IpRightInput => ({
  kind: 'patent',
  jurisdiction: 'CN',
  registryNumber,
  ...overrides,
});

const fieldErrorsOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) {
      return (error.fieldErrors ?? []).map((e) => [e.field, e.code]);
    }
    throw error;
  }
  return [];
};

describe('canonicaliseIpRight', () => {
  it('spells a registry number one way: case, spaces, dots, hyphens and office prefixes do not count', () => {
    expect(canonicaliseIpRight(patent('ZL201710601862.3'))).toEqual({
      kind: 'patent',
      jurisdiction: 'CN',
      number: '2017106018623',
    });
    expect(canonicaliseIpRight(patent('201710601862.3', { jurisdiction: ' cn ' })).number).toBe(
      '2017106018623',
    );
    expect(
      canonicaliseIpRight({ kind: 'trademark', jurisdiction: 'CN', registryNumber: '00012345' }).number,
    ).toBe('12345');
    expect(
      canonicaliseIpRight({
        kind: 'software_copyright',
        jurisdiction: 'CN',
        registryNumber: '2020sr-0123456',
      }).number,
    ).toBe('2020SR0123456');
    expect(canonicaliseIpRight(patent('ep 1 234 567', { jurisdiction: 'EP' })).number).toBe('1234567');
  });

  it('names every field it cannot read', () => {
    expect(fieldErrorsOf(() => canonicaliseIpRight(patent(' .-/ ')))).toEqual([
      ['registryNumber', 'kernel.required'],
    ]);
    expect(fieldErrorsOf(() => canonicaliseIpRight(patent('1', { jurisdiction: 'XX' })))).toEqual([
      ['jurisdiction', 'kernel.unknown_code'],
    ]);
    expect(fieldErrorsOf(() => canonicaliseIpRight(patent('1', { kind: 'trade_secret_reference' })))).toEqual(
      [['kind', 'kernel.unknown_code']],
    );
    expect(fieldErrorsOf(() => canonicaliseIpRight(patent('9'.repeat(65))))).toEqual([
      ['registryNumber', 'kernel.too_long'],
    ]);
  });
});

describe('ipAssetFingerprint', () => {
  it('gives every spelling of one right the same exact fingerprint', () => {
    const spellings = [
      'ZL201710601862.3',
      'zl 2017 1 0601862.3',
      'CN201710601862.3',
      '201710601862.3',
      '2017-1060-1862-3',
      '２０１７１０６０１８６２．３',
      '2017106018623',
    ];
    const fingerprints = new Set(spellings.map((number) => fingerprintOf(patent(number))));
    expect(fingerprints.size).toBe(1);
    expect(ipAssetFingerprint(key, canonicaliseIpRight(patent('201710601862.3'))).fpType).toBe('exact');
  });

  it('keeps the same fingerprint whatever separators and case are added (property)', () => {
    const separators = fc.constantFrom(' ', '.', '-', '/', '·', '\u3000', '');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...'0123456789ABCDEFGHJKSR'), { minLength: 1, maxLength: 20 }),
        fc.array(separators, { minLength: 21, maxLength: 21 }),
        fc.boolean(),
        (chars, seps, lower) => {
          const plain = chars.join('');
          const spelt = chars.map((c, i) => `${seps[i]}${c}`).join('') + (seps[20] ?? '');
          const input = { kind: 'copyright', jurisdiction: 'CN' };
          expect(fingerprintOf({ ...input, registryNumber: lower ? spelt.toLowerCase() : spelt })).toBe(
            fingerprintOf({ ...input, registryNumber: plain }),
          );
        },
      ),
    );
  });

  it('tells apart another number, another kind, another jurisdiction and another key', () => {
    const base = fingerprintOf(patent('201710601862.3'));
    expect(fingerprintOf(patent('202310555001.1'))).not.toBe(base);
    expect(fingerprintOf(patent('201710601862.3', { kind: 'utility_model' }))).not.toBe(base);
    expect(fingerprintOf(patent('201710601862.3', { jurisdiction: 'US' }))).not.toBe(base);
    expect(fingerprintOf(patent('201710601862.3', { jurisdiction: 'WO' }))).not.toBe(base);
    expect(
      hexOf(ipAssetFingerprint(otherKey, canonicaliseIpRight(patent('201710601862.3'))).fingerprint),
    ).not.toBe(base);
  });

  it('never meets an invoice: the asset type is in the encoding', () => {
    const right = canonicaliseIpRight(patent('201710601862.3'));
    const fields = [right.kind, right.jurisdiction, right.number];
    // The very fields under the invoice and purchase-order asset types hash to something else.
    for (const assetType of ['invoice', 'purchase_order'] as const) {
      const asInvoice = hexOf(
        new Uint8Array(
          createHmac('sha256', key.key)
            .update(encodeFields(assetType, 'exact', fields))
            .digest(),
        ),
      );
      expect(asInvoice).not.toBe(hexOf(ipAssetFingerprint(key, right).fingerprint));
    }
    // And no fingerprint of an invoice numbered like the patent equals the patent's.
    const invoice = canonicaliseInvoice({
      seller: { scheme: 'registration', value: 'patent', country: 'CN' },
      buyer: { scheme: 'registration', value: 'buyer', country: 'CN' },
      invoiceNumber: '201710601862.3',
      issueDate: '2026-03-12',
      amount: { amount: '1.00', currency: 'CNY' },
    });
    const invoiceFingerprints = registrationFingerprints(key, 'invoice', invoice).map((fp) =>
      hexOf(fp.fingerprint),
    );
    expect(invoiceFingerprints).not.toContain(hexOf(ipAssetFingerprint(key, right).fingerprint));
  });
});

describe('ipPledgeExpiry', () => {
  // 10:00 in China on 1 May 2026.
  const now = new Date('2026-05-01T02:00:00Z');

  it('ends a term at the end of its last day in China, or a year after now', () => {
    expect(ipPledgeExpiry(now, '2026-05-02')?.toISOString()).toBe('2026-05-02T15:59:59.000Z');
    expect(ipPledgeExpiry(now)?.toISOString()).toBe('2027-05-01T02:00:00.000Z');
  });

  it('refuses today, the past, a non-date and more than 3,650 days ahead', () => {
    expect(ipPledgeExpiry(now, '2026-05-01')).toBeUndefined();
    expect(ipPledgeExpiry(now, '2025-12-31')).toBeUndefined();
    expect(ipPledgeExpiry(now, '2026-02-30')).toBeUndefined();
    expect(ipPledgeExpiry(now, '2036-04-28')).toBeDefined();
    expect(ipPledgeExpiry(now, '2036-04-29')).toBeUndefined();
  });
});
