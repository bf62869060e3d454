import { describe, expect, it } from 'vitest';
import type { DcsaEvent, ShipmentContainer, ShipmentLeg } from '../../api/logistics.ts';
import { buildTimelines, byEventTime, legOfTransportEvent, toEntry } from './event-timeline.ts';

// Yiwu by road to Ningbo, then by sea to Hamburg: CNNGB ends leg 0 and starts leg 1.
const legs: ShipmentLeg[] = [
  {
    mode: 'road',
    origin: 'CNYIW',
    destination: 'CNNGB',
    plannedDeparture: '2026-12-01T08:00:00+08:00',
    plannedArrival: '2026-12-01T14:00:00+08:00',
  },
  {
    mode: 'sea',
    origin: 'CNNGB',
    destination: 'DEHAM',
    vesselName: 'King of the Seas',
    voyageNumber: '2103S',
    plannedDeparture: '2026-12-03T08:00:00+08:00',
    plannedArrival: '2027-01-05T06:00:00+01:00',
  },
];
const containers: ShipmentContainer[] = [
  { number: 'APZU4812090', sizeType: '22G1', seals: [] },
  { number: 'CSQU3054383', sizeType: '45G1', seals: [] },
];

const transport = (
  eventID: string,
  code: 'ARRI' | 'DEPA',
  place: string,
  at: string,
  extra: Partial<DcsaEvent> = {},
): DcsaEvent => ({
  eventID,
  eventType: 'TRANSPORT',
  eventClassifierCode: 'ACT',
  eventDateTime: at,
  transportEventTypeCode: code,
  transportCall: { UNLocationCode: place, modeOfTransport: 'VESSEL' },
  ...extra,
});

const equipment = (
  eventID: string,
  code: string,
  container: string,
  at: string,
  extra: Partial<DcsaEvent> = {},
) => ({
  eventID,
  eventType: 'EQUIPMENT',
  eventClassifierCode: 'ACT',
  eventDateTime: at,
  equipmentEventTypeCode: code,
  equipmentReference: container,
  eventLocation: { UNLocationCode: 'CNNGB', locationName: 'Beilun terminal' },
  ...extra,
});

describe('toEntry', () => {
  it('reads a DCSA transport event as DCSA nests it', () => {
    const entry = toEntry({
      eventID: '5e51e72c-d872-11ea-811c-0242ac130003',
      eventType: 'TRANSPORT',
      eventClassifierCode: 'EST',
      eventDateTime: '2019-11-12T07:41:00+08:30',
      transportEventTypeCode: 'DEPA',
      delayReasonCode: 'WEA',
      changeRemark: 'Bad weather',
      transportCall: {
        UNLocationCode: 'FRPAR',
        exportVoyageNumber: '2103S',
        vessel: { vesselIMONumber: '9321483', vesselName: 'King of the Seas' },
        location: { locationName: 'Eiffel Tower', UNLocationCode: 'FRPAR' },
      },
    });
    expect(entry).toMatchObject({
      eventType: 'TRANSPORT',
      code: 'DEPA',
      classifier: 'EST',
      location: 'FRPAR',
      locationName: 'Eiffel Tower',
      transport: 'King of the Seas / 2103S',
      delayReasonCode: 'WEA',
      remark: 'Bad weather',
      time: Date.parse('2019-11-11T23:11:00Z'),
    });
  });

  it('keeps an event without a usable time or classifier, sorted last and unclassified', () => {
    const entry = toEntry({ eventID: 'x', eventType: 'SHIPMENT', eventClassifierCode: 'XXX' });
    expect(entry.classifier).toBeNull();
    expect(entry.time).toBe(Number.POSITIVE_INFINITY);
    expect(entry.eventType).toBe('SHIPMENT');
  });
});

describe('legOfTransportEvent', () => {
  it('gives an arrival at a transshipment point to the leg ending there, the departure to the next', () => {
    expect(legOfTransportEvent(transport('a', 'DEPA', 'CNYIW', '2026-12-01T08:10:00+08:00'), legs)).toBe(0);
    expect(legOfTransportEvent(transport('b', 'ARRI', 'CNNGB', '2026-12-01T15:00:00+08:00'), legs)).toBe(0);
    expect(legOfTransportEvent(transport('c', 'DEPA', 'CNNGB', '2026-12-03T09:00:00+08:00'), legs)).toBe(1);
    expect(legOfTransportEvent(transport('d', 'ARRI', 'DEHAM', '2027-01-06T06:00:00+01:00'), legs)).toBe(1);
  });

  it('answers -1 for a place no leg starts or ends at', () => {
    expect(legOfTransportEvent(transport('e', 'ARRI', 'NLRTM', '2026-12-20T06:00:00+01:00'), legs)).toBe(-1);
  });

  it('lets the mode of transport decide between legs that both qualify (a round trip)', () => {
    const roundTrip: ShipmentLeg[] = [
      { ...legs[0], mode: 'rail', origin: 'CNYIW', destination: 'DEDUI' } as ShipmentLeg,
      { ...legs[0], mode: 'road', origin: 'DEDUI', destination: 'CNYIW' } as ShipmentLeg,
      { ...legs[0], mode: 'sea', origin: 'CNYIW', destination: 'DEHAM' } as ShipmentLeg,
    ];
    const byVessel = transport('f', 'DEPA', 'CNYIW', '2026-12-01T08:00:00+08:00');
    expect(legOfTransportEvent(byVessel, roundTrip)).toBe(2);
    const byRail = transport('g', 'DEPA', 'CNYIW', '2026-12-01T08:00:00+08:00', {
      transportCall: { UNLocationCode: 'CNYIW', modeOfTransport: 'RAIL' },
    });
    expect(legOfTransportEvent(byRail, roundTrip)).toBe(0);
  });
});

describe('buildTimelines', () => {
  it('groups by leg, container and documents, each in event-time order whatever the arrival order', () => {
    const events: DcsaEvent[] = [
      // Received late: it happened first (08:10 in Yiwu is 00:10 UTC).
      transport('arr-ngb', 'ARRI', 'CNNGB', '2026-12-01T15:00:00+08:00'),
      transport('dep-yiw', 'DEPA', 'CNYIW', '2026-12-01T08:10:00+08:00'),
      equipment('load', 'LOAD', 'APZU4812090', '2026-12-02T20:00:00+08:00'),
      // 13:30 in Hamburg time is 20:30 in Ningbo: after the load above.
      equipment('gate-in', 'GTIN', 'APZU4812090', '2026-12-02T10:00:00+01:00', {
        eventClassifierCode: 'PLN',
      }),
      equipment('stuff', 'STUF', 'OTHER0000000', '2026-12-02T09:00:00+08:00', {
        references: [{ referenceType: 'EQ', referenceValue: 'CSQU 305438 3' }],
      }),
      {
        eventID: 'conf',
        eventType: 'SHIPMENT',
        eventClassifierCode: 'ACT',
        eventDateTime: '2026-11-28T09:00:00+08:00',
        shipmentEventTypeCode: 'CONF',
        documentTypeCode: 'BKG',
        documentID: 'ABC709951',
      },
      transport('nowhere', 'ARRI', 'NLRTM', '2026-12-20T06:00:00+01:00'),
    ];
    const groups = buildTimelines(events, legs, containers);
    expect(groups.map((group) => group.key)).toEqual([
      'leg-0',
      'container-APZU4812090',
      'container-CSQU3054383',
      'shipment',
      'unassigned',
    ]);
    const ids = Object.fromEntries(
      groups.map((group) => [group.key, group.entries.map((entry) => entry.eventId)]),
    );
    expect(ids['leg-0']).toEqual(['dep-yiw', 'arr-ngb']);
    expect(ids['container-APZU4812090']).toEqual(['gate-in', 'load']);
    expect(ids['container-CSQU3054383']).toEqual(['stuff']);
    expect(ids.shipment).toEqual(['conf']);
    // An equipment event naming a container that is not the shipment's, and a call at a place on
    // no leg, still show (nothing received is hidden).
    expect(ids.unassigned).toEqual(['nowhere']);
  });

  it('puts an equipment event for an unknown container under other events', () => {
    const groups = buildTimelines(
      [equipment('x', 'LOAD', 'MSCU1234566', '2026-12-02T20:00:00+08:00')],
      legs,
      containers,
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]?.kind).toBe('unassigned');
  });

  it('returns nothing for no events', () => {
    expect(buildTimelines([], legs, containers)).toEqual([]);
  });
});

describe('byEventTime', () => {
  it('keeps the server order for equal instants', () => {
    const a = toEntry({ eventID: 'a', eventDateTime: '2026-12-01T08:00:00+08:00' });
    const b = toEntry({ eventID: 'b', eventDateTime: '2026-12-01T01:00:00+01:00' });
    expect(byEventTime([a, b]).map((e) => e.eventId)).toEqual(['a', 'b']);
    expect(byEventTime([b, a]).map((e) => e.eventId)).toEqual(['b', 'a']);
  });
});
