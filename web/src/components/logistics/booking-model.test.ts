import { describe, expect, it } from 'vitest';
import {
  bookingActions,
  confirmDefaults,
  offsetText,
  parseSeals,
  toConfirmation,
  toRfc3339,
} from './booking-model.ts';

describe('bookingActions', () => {
  it('lets the forwarder confirm or decline and the shipper withdraw, while requested only', () => {
    expect(bookingActions({ status: 'requested', myRole: 'forwarder' })).toEqual(['confirm', 'decline']);
    expect(bookingActions({ status: 'requested', myRole: 'shipper' })).toEqual(['cancel']);
    for (const status of ['confirmed', 'declined', 'cancelled'] as const) {
      expect(bookingActions({ status, myRole: 'forwarder' })).toEqual([]);
      expect(bookingActions({ status, myRole: 'shipper' })).toEqual([]);
    }
  });
});

describe('local date-times with their offset', () => {
  it('writes offsets east, west and at UTC', () => {
    expect(offsetText(480)).toBe('+08:00');
    expect(offsetText(-300)).toBe('-05:00');
    expect(offsetText(330)).toBe('+05:30');
    expect(offsetText(0)).toBe('+00:00');
  });

  it('keeps the wall-clock time and adds the offset, never converting to UTC', () => {
    expect(toRfc3339('2026-12-01T08:00', 480)).toBe('2026-12-01T08:00:00+08:00');
    expect(toRfc3339('2027-01-05T06:00:30', 60)).toBe('2027-01-05T06:00:30+01:00');
    expect(toRfc3339('2026-12-01', 480)).toBeNull();
    expect(toRfc3339('', 0)).toBeNull();
  });
});

describe('parseSeals', () => {
  it('splits on commas, semicolons and spaces, dropping blanks', () => {
    expect(parseSeals('VET0123456, VET0123457;;X1 ')).toEqual(['VET0123456', 'VET0123457', 'X1']);
    expect(parseSeals(undefined)).toEqual([]);
  });
});

describe('confirmation', () => {
  const booking = {
    legs: [
      { mode: 'road' as const, origin: 'CNYIW', destination: 'CNNGB', departureDate: '2026-12-01' },
      { mode: 'sea' as const, origin: 'CNNGB', destination: 'DEHAM', departureDate: '2026-12-03' },
    ],
  };

  it('starts from the legs the shipper asked for', () => {
    expect(confirmDefaults(booking).legs.map((l) => [l.origin, l.plannedDeparture])).toEqual([
      ['CNYIW', '2026-12-01T08:00'],
      ['CNNGB', '2026-12-03T08:00'],
    ]);
  });

  it('builds the body with each time at its offset, optional fields only when given', () => {
    const result = toConfirmation(
      {
        carrierBookingReference: ' ABC709951 ',
        carrierOrganisationId: '',
        legs: [
          {
            mode: 'sea',
            origin: 'cnngb',
            destination: 'DEHAM',
            plannedDeparture: '2026-12-03T08:00',
            plannedArrival: '2027-01-05T06:00',
            vesselName: 'King of the Seas',
            voyageNumber: ' ',
          },
        ],
        containers: [{ number: 'apzu 481209 0', sizeType: '22g1', seals: 'VET0123456' }],
      },
      (local) => (local.startsWith('2027') ? 60 : 480),
    );
    expect(result).toEqual({
      ok: true,
      body: {
        carrierBookingReference: 'ABC709951',
        legs: [
          {
            mode: 'sea',
            origin: 'CNNGB',
            destination: 'DEHAM',
            vesselName: 'King of the Seas',
            plannedDeparture: '2026-12-03T08:00:00+08:00',
            plannedArrival: '2027-01-05T06:00:00+01:00',
          },
        ],
        containers: [{ number: 'APZU4812090', sizeType: '22G1', seals: ['VET0123456'] }],
      },
    });
  });

  it('names the fields that are not date-times', () => {
    const result = toConfirmation({
      carrierBookingReference: 'X',
      legs: [
        {
          mode: 'sea',
          origin: 'CNNGB',
          destination: 'DEHAM',
          plannedDeparture: 'soon',
          plannedArrival: '2027-01-05T06:00',
        },
      ],
    });
    expect(result).toEqual({ ok: false, fields: ['legs.0.plannedDeparture'] });
  });
});
