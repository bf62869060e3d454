import { parseMoney } from '@tradehub/kernel';
import type { Transaction } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import { customsEvents, type ParcelReleasedPayload } from '../events.ts';
import type { ParcelTax } from './clearance-rules.ts';

/**
 * Publishes `customs.parcel.released` in the releasing transaction (the direct release and the
 * release after inspection both come here), so the event exists exactly when the release does.
 */
export const publishParcelReleased = async (
  trx: Executor,
  input: {
    parcelId: string;
    declarantOrganisationId: string;
    head: Readonly<Record<string, unknown>>;
    tax: ParcelTax;
    at: Date;
    afterInspection: boolean;
  },
): Promise<void> => {
  if (!trx.isTransaction) {
    throw new Error('a release is published inside its transaction');
  }
  const field = (name: string) => {
    const value = input.head[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const payload: ParcelReleasedPayload = {
    parcelId: input.parcelId,
    direction: field('ieFlag') === 'E' ? 'export' : 'import',
    tradeMode: field('tradeMode'),
    declarantOrganisationId: input.declarantOrganisationId,
    country: field('country'),
    currency: 'CNY',
    // Dutiable prices carry 5 decimals; the statistics count fen, rounded half-up.
    lines:
      'lines' in input.tax
        ? input.tax.lines.map((line) => ({
            hsCode: line.gcode,
            valueMinor: parseMoney(line.dutiablePrice, 'CNY', 'half_up').amountMinor.toString(),
          }))
        : [],
    releasedAt: input.at.toISOString(),
    afterInspection: input.afterInspection,
    platformIsSeller: field('ebpCode') !== null && field('ebpCode') === field('ebcCode'),
  };
  await publishEvent(trx as Transaction<object>, {
    topic: customsEvents.parcelReleased,
    organisationId: input.declarantOrganisationId,
    payload,
  });
};

/**
 * China customs' currency codes (货币代码) of the currencies export lists are commonly priced in, to
 * ISO 4217. 142 (CNY) is what every CEB sample uses; the others are written from the customs code
 * table as commonly published (unverified: check against the GACC parameter table).
 */
const customsCurrencies: Readonly<Record<string, string>> = {
  '110': 'HKD',
  '116': 'JPY',
  '142': 'CNY',
  '300': 'EUR',
  '303': 'GBP',
  '502': 'USD',
};

/** A non-negative decimal string in hundredths, rounded half-up ('0' when it is not one). */
const hundredths = (value: string): string => {
  const match = /^(\d{1,15})(?:\.(\d{1,5}))?$/.exec(value.trim());
  if (match === null) {
    return '0';
  }
  const fraction = (match[2] ?? '').padEnd(3, '0');
  const rounded =
    BigInt(match[1] as string) * 100n + BigInt(fraction.slice(0, 2)) + (Number(fraction[2]) >= 5 ? 1n : 0n);
  return rounded.toString();
};

/**
 * Publishes `customs.parcel.released` for an export list released (CEB604 800), in the releasing
 * transaction: the lines' total prices in the list's currency.
 */
export const publishExportReleased = async (
  trx: Executor,
  input: {
    parcelId: string;
    declarantOrganisationId: string;
    head: Readonly<Record<string, unknown>>;
    lines: readonly { gcode: string; currency: string; totalPrice: string }[];
    at: Date;
  },
): Promise<void> => {
  if (!trx.isTransaction) {
    throw new Error('a release is published inside its transaction');
  }
  const field = (name: string) => {
    const value = input.head[name];
    return typeof value === 'string' && value !== '' ? value : null;
  };
  const code = input.lines[0]?.currency ?? '';
  const currency = customsCurrencies[code];
  const payload: ParcelReleasedPayload = {
    parcelId: input.parcelId,
    direction: 'export',
    tradeMode: field('tradeMode'),
    declarantOrganisationId: input.declarantOrganisationId,
    country: field('country'),
    // An unknown currency keeps its customs code, which the statistics park as unknown, amounts
    // in hundredths: visible to the operator, never counted in the wrong money.
    currency: currency ?? code.slice(0, 3).padStart(3, '0'),
    lines: input.lines.map((line) => ({
      hsCode: line.gcode,
      valueMinor:
        currency === undefined
          ? hundredths(line.totalPrice)
          : parseMoney(line.totalPrice, currency, 'half_up').amountMinor.toString(),
    })),
    releasedAt: input.at.toISOString(),
    afterInspection: false,
    platformIsSeller: field('ebpCode') !== null && field('ebpCode') === field('ebcCode'),
  };
  await publishEvent(trx as Transaction<object>, {
    topic: customsEvents.parcelReleased,
    organisationId: input.declarantOrganisationId,
    payload,
  });
};
