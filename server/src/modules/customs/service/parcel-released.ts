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
