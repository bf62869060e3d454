import { describe, expect, it } from 'vitest';
import type { ShipmentLeg } from '../../domain/shipment.ts';
import { buildPlan, matchLeg, transportObservationOf, type UnlocodeLookup } from './route-plan.ts';

// Yiwu by road to Ningbo, then by sea to Hamburg; times in China (+08:00) and Germany (+01:00).
const legs: ShipmentLeg[] = [
  {
    mode: 'road',
    origin: 'CNYIW',
    destination: 'CNNGB',
    plannedDeparture: '2026-10-01T08:00:00+08:00',
    plannedArrival: '2026-10-01T14:00:00+08:00',
  },
  {
    mode: 'sea',
    origin: 'CNNGB',
    destination: 'DEHAM',
    vesselName: 'Ever Given',
    vesselIMONumber: '9811000',
    voyageNumber: '012W',
    plannedDeparture: '2026-10-03T10:00:00+08:00',
    plannedArrival: '2026-11-05T06:00:00+01:00',
  },
];

const places: Record<string, { name: string; coordinates: { lat: number; lon: number } | null }> = {
  CNYIW: { name: 'Yiwu', coordinates: { lat: 29.3, lon: 120.066667 } },
  CNNGB: { name: 'Ningbo', coordinates: { lat: 29.866667, lon: 121.55 } },
  DEHAM: { name: 'Hamburg', coordinates: null },
};
const lookup: UnlocodeLookup = (code) => places[code];

let counter = 0;
const transport = (
  code: 'DEPA' | 'ARRI',
  classifier: 'ACT' | 'EST' | 'PLN',
  at: string,
  location: string,
  extra: Record<string, unknown> = {},
  created = '2026-09-30T00:00:00Z',
) => {
  counter += 1;
  return {
    eventID: `00000000-0000-4000-8000-${String(counter).padStart(12, '0')}`,
    eventType: 'TRANSPORT',
    eventClassifierCode: classifier,
    transportEventTypeCode: code,
    eventDateTime: at,
    eventCreatedDateTime: created,
    transportCall: { transportCallID: 'x', modeOfTransport: 'VESSEL', UNLocationCode: location, ...extra },
  };
};

const observe = (bodies: Record<string, unknown>[]) =>
  bodies.flatMap((body, order) => {
    const found = transportObservationOf(body, order);
    return found === undefined ? [] : [found];
  });

describe('multimodal plan', () => {
  it('is planned only before any event: places from the list, transshipment dwell, transit time, no position', () => {
    const plan = buildPlan({ id: 'shp_1', reference: 'YW-1', legs }, [], lookup);
    expect(plan.legs.map((l) => l.status)).toEqual(['planned', 'planned']);
    expect(plan.legs[0]?.origin).toEqual({
      code: 'CNYIW',
      name: 'Yiwu',
      latitude: '29.300000',
      longitude: '120.066667',
    });
    expect(plan.legs[1]?.destination).toEqual({
      code: 'DEHAM',
      name: 'Hamburg',
      latitude: null,
      longitude: null,
    });
    // Arrives in Ningbo 14:00, leaves 2 days later at 10:00: 44 hours.
    expect(plan.transshipmentPoints).toEqual([
      {
        code: 'CNNGB',
        name: 'Ningbo',
        latitude: '29.866667',
        longitude: '121.550000',
        afterLegIndex: 0,
        dwellMinutes: 44 * 60,
      },
    ]);
    // 2026-10-01T00:00Z to 2026-11-05T05:00Z.
    expect(plan.plannedTransitMinutes).toBe((35 * 24 + 5) * 60);
    expect(plan.position).toBeNull();
    expect(plan.actualTransitMinutes).toBeUndefined();
  });

  it('places actual and estimated times per leg, with delays, actual dwell and the furthest position', () => {
    const plan = buildPlan(
      { id: 'shp_1', reference: 'YW-1', legs },
      observe([
        transport('DEPA', 'ACT', '2026-10-01T09:30:00+08:00', 'CNYIW', { modeOfTransport: 'TRUCK' }),
        transport('ARRI', 'ACT', '2026-10-01T15:00:00+08:00', 'CNNGB', { modeOfTransport: 'TRUCK' }),
        transport('ARRI', 'EST', '2026-11-06T06:00:00+01:00', 'DEHAM', {}, '2026-10-02T00:00:00Z'),
        // A later estimate replaces the first, whatever its event time.
        transport('ARRI', 'EST', '2026-11-05T18:00:00+01:00', 'DEHAM', {}, '2026-10-04T00:00:00Z'),
        transport('DEPA', 'ACT', '2026-10-03T12:00:00+08:00', 'CNNGB', {
          location: { latitude: '30.1', longitude: '122.2' },
        }),
        // A planned event changes nothing.
        transport('ARRI', 'PLN', '2026-12-01T00:00:00Z', 'DEHAM'),
      ]),
      lookup,
    );
    const [road, sea] = plan.legs;
    expect(road).toMatchObject({
      status: 'arrived',
      actualDeparture: '2026-10-01T09:30:00+08:00',
      actualArrival: '2026-10-01T15:00:00+08:00',
      departureDelayMinutes: 90,
      arrivalDelayMinutes: 60,
    });
    expect(sea).toMatchObject({
      status: 'departed',
      actualDeparture: '2026-10-03T12:00:00+08:00',
      estimatedArrival: '2026-11-05T18:00:00+01:00',
      departureDelayMinutes: 120,
      arrivalDelayMinutes: 12 * 60,
    });
    expect(sea?.actualArrival).toBeUndefined();
    expect(plan.transshipmentPoints[0]).toMatchObject({ dwellMinutes: 44 * 60, actualDwellMinutes: 45 * 60 });
    expect(plan.position).toEqual({
      // The event's own coordinates win over the list's.
      place: { code: 'CNNGB', name: 'Ningbo', latitude: '30.1', longitude: '122.2' },
      legIndex: 1,
      status: 'between',
      nextPlace: { code: 'DEHAM', name: 'Hamburg', latitude: null, longitude: null },
      asOf: '2026-10-03T12:00:00+08:00',
    });
  });

  it('keeps the furthest position when an earlier leg reports late, and is at the destination once arrived', () => {
    const plan = buildPlan(
      { id: 'shp_1', reference: 'YW-1', legs },
      observe([
        transport('DEPA', 'ACT', '2026-10-01T08:00:00+08:00', 'CNYIW'),
        transport('ARRI', 'ACT', '2026-11-05T06:00:00+01:00', 'DEHAM'),
        transport('DEPA', 'ACT', '2026-10-03T10:00:00+08:00', 'CNNGB'),
      ]),
      lookup,
    );
    expect(plan.position).toMatchObject({ place: { code: 'DEHAM' }, legIndex: 1, status: 'at' });
    expect(plan.position?.nextPlace).toBeUndefined();
    expect(plan.actualTransitMinutes).toBe(plan.plannedTransitMinutes);
  });

  it('matches an event by place and milestone, narrows by mode and vessel, and leaves unknown places unmatched', () => {
    // A loop: Ningbo is the origin of leg 0 and of leg 2.
    const loop: ShipmentLeg[] = [
      { ...(legs[1] as ShipmentLeg), destination: 'KRPUS', plannedArrival: '2026-10-06T10:00:00+09:00' },
      {
        mode: 'sea',
        origin: 'KRPUS',
        destination: 'CNNGB',
        vesselName: 'Other',
        plannedDeparture: '2026-10-07T10:00:00+09:00',
        plannedArrival: '2026-10-09T10:00:00+08:00',
      },
      {
        ...(legs[0] as ShipmentLeg),
        origin: 'CNNGB',
        destination: 'CNYIW',
        plannedDeparture: '2026-10-09T12:00:00+08:00',
        plannedArrival: '2026-10-09T18:00:00+08:00',
      },
    ];
    const at = (value: string) => Date.parse(value);
    const base = { milestone: 'departure' as const, location: 'CNNGB', mode: undefined, vessel: undefined };
    // Nearest planned time when nothing else tells them apart.
    expect(matchLeg(loop, { ...base, atMs: at('2026-10-09T11:00:00+08:00') })).toBe(2);
    expect(matchLeg(loop, { ...base, atMs: at('2026-10-03T11:00:00+08:00') })).toBe(0);
    // A truck leaving Ningbo is the road leg, whatever the time.
    expect(matchLeg(loop, { ...base, mode: 'road', atMs: at('2026-10-03T11:00:00+08:00') })).toBe(2);
    // The vessel picks the sea leg; an unknown vessel does not unmatch the place.
    expect(matchLeg(loop, { ...base, vessel: 'ever given', atMs: at('2026-10-09T11:00:00+08:00') })).toBe(0);
    expect(matchLeg(loop, { ...base, vessel: 'Nobody', atMs: at('2026-10-09T11:00:00+08:00') })).toBe(2);
    expect(
      matchLeg(loop, { ...base, location: 'NLRTM', atMs: at('2026-10-09T11:00:00+08:00') }),
    ).toBeUndefined();
    expect(matchLeg(loop, { ...base, milestone: 'arrival', atMs: at('2026-10-09T11:00:00+08:00') })).toBe(1);
  });

  it('reads only transport departures and arrivals with a time, and ignores positions that are not decimal degrees', () => {
    expect(transportObservationOf({ ...transport('DEPA', 'ACT', 'x', 'CNNGB') }, 0)).toBeUndefined();
    expect(
      transportObservationOf({ eventType: 'EQUIPMENT', equipmentEventTypeCode: 'LOAD' }, 0),
    ).toBeUndefined();
    const odd = transportObservationOf(
      transport('ARRI', 'ACT', '2026-10-01T09:30:00+08:00', 'cnngb', {
        modeOfTransport: 'BARGE',
        vessel: 'Ever Given',
        location: { latitude: '95.0', longitude: '10.0' },
      }),
      3,
    );
    expect(odd).toMatchObject({
      location: 'CNNGB',
      mode: 'sea',
      vessel: 'Ever Given',
      milestone: 'arrival',
      order: 3,
    });
    expect(odd?.position).toBeUndefined();
  });
});
