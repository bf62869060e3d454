import { randomBytes } from 'node:crypto';
import { isAppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/test-db.ts';
import { loadCodeLists } from '../../../../platform/codes/index.ts';
import type { LogisticsDeps } from '../../deps.ts';
import type { WriteContext } from '../../service/context.ts';
import { insertBooking } from '../repository-bookings.ts';
import { confirmBooking } from './bookings.ts';

// Two forwarder clerks confirm the same booking at once. Both pass the check before the
// transaction (the booking is still requested for each), because the test holds both at a barrier
// inside the shipment checks until both have arrived; only the row lock and the check under it can
// then keep the second from creating a second shipment. No timing is involved.

const SHIPPER = 'org_booking_race_shipper';
const FORWARDER = 'org_booking_race_forwarder';
const CARRIER = 'org_booking_race_carrier';
const clock = new Date('2027-01-10T08:00:00Z');

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  for (const [id, kind] of [
    [SHIPPER, 'exporter'],
    [FORWARDER, 'logistics_provider'],
    [CARRIER, 'carrier'],
  ] as const) {
    await sql`insert into identity.organisations (id, name_zh, name_en, kind, country)
      values (${id}, ${'测试企业'}, ${'Test enterprise'}, ${kind}, ${'CN'})`.execute(db.kysely);
  }
});

afterAll(async () => {
  await db?.close();
});

/** Resolves for every caller once `parties` callers are waiting. */
const barrier = (parties: number) => {
  let waiting = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return async () => {
    waiting += 1;
    if (waiting === parties) {
      open();
    }
    await opened;
  };
};

const unused = (what: string): never => {
  throw new Error(`confirming a booking does not ${what}`);
};

const depsWith = async (arrive: () => Promise<void>): Promise<LogisticsDeps> => {
  const codes = await loadCodeLists(db.kysely);
  return {
    db,
    now: () => clock,
    codes: { checkUnlocode: codes.checkUnlocode, isHs6: (code) => codes.hs.isValidHs6(code) },
    // The trade module's answer for the shipper's own order; orders are not what is raced here.
    orders: {
      partiesOf: async () => ({
        myRole: 'seller',
        sellerOrganisationId: SHIPPER,
        buyerOrganisationId: null,
      }),
    },
    organisationExists: async (organisationId) => {
      await arrive();
      const { rows } = await sql<{ n: number }>`
        select count(*)::int as n from identity.organisations where id = ${organisationId}`.execute(
        db.kysely,
      );
      return rows[0]?.n === 1;
    },
    organisationKind: async () => 'logistics_provider',
    afterCommit: () => undefined,
    // Confirming a booking reports no tracking event, so it never commits a trace: any use fails.
    trace: {
      queueEntries: async () => unused('queue log entries'),
      entriesQueued: () => unused('queue log entries'),
      signingKey: async () => unused('sign a trace'),
      indexOfLeafHash: async () => unused('read the log'),
      tlogProof: async () => unused('read the log'),
      log: { origin: 'unused', verifierKey: 'unused' },
    },
    secretKey: randomBytes(32),
    publicUrl: 'http://localhost:8080',
  };
};

const ctx: WriteContext = { actor: null, audit: async () => undefined };

const confirmation = (carrierBookingReference: string) => ({
  carrierBookingReference,
  carrierOrganisationId: CARRIER,
  legs: [
    {
      mode: 'sea' as const,
      origin: 'CNNGB',
      destination: 'NLRTM',
      plannedDeparture: '2027-03-03T08:00:00+08:00',
      plannedArrival: '2027-04-05T06:00:00+01:00',
    },
  ],
  containers: [],
});

describe('confirming a booking twice at once', () => {
  it('creates one shipment: the second confirmation finds the booking confirmed under the lock', async () => {
    const bookingId = 'bkg_race_1';
    await insertBooking(
      db.kysely,
      {
        id: bookingId,
        shipper_organisation_id: SHIPPER,
        forwarder_organisation_id: FORWARDER,
        reference: 'RACE-1',
        status: 'requested',
        request: {
          legs: [{ mode: 'sea', origin: 'CNNGB', destination: 'NLRTM', departureDate: '2027-03-03' }],
          equipment: [],
          cargo: [{ hsCode: '950300', description: 'Toy bricks', packages: 1, grossWeightKg: '10' }],
        },
        carrier_booking_reference: null,
        carrier_organisation_id: null,
        shipment_id: null,
        decline_reason: null,
        created_at: clock,
        updated_at: clock,
      },
      ['ord_race_1'],
    );
    const deps = await depsWith(barrier(2));
    const outcomes = await Promise.allSettled([
      confirmBooking(deps, ctx, FORWARDER, bookingId, confirmation('RACE-A')),
      confirmBooking(deps, ctx, FORWARDER, bookingId, confirmation('RACE-B')),
    ]);
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(isAppError(lost[0]) ? lost[0].code : lost[0]).toBe('logistics.booking_wrong_state');
    expect(isAppError(lost[0]) ? lost[0].details : undefined).toEqual({ currentStatus: 'confirmed' });

    const shipments = await sql<{ id: string; carrier_booking_reference: string }>`
      select id, carrier_booking_reference from logistics.shipments where reference = 'RACE-1'`.execute(
      db.kysely,
    );
    expect(shipments.rows).toHaveLength(1);
    const booking = await sql<{ status: string; shipment_id: string; carrier_booking_reference: string }>`
      select status, shipment_id, carrier_booking_reference from logistics.bookings where id = ${bookingId}`.execute(
      db.kysely,
    );
    expect(booking.rows[0]).toEqual({
      status: 'confirmed',
      shipment_id: shipments.rows[0]?.id,
      carrier_booking_reference: shipments.rows[0]?.carrier_booking_reference,
    });
  });
});
