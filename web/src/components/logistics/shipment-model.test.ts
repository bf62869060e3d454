import { describe, expect, it } from 'vitest';
import { HAMBURG, leg, NINGBO, plan, YIWU } from './plan-fixtures.test-support.ts';
import {
  carrierNamesOf,
  delayLevel,
  durationParts,
  exportRow,
  modesOf,
  nextArrival,
  routeCodes,
  shipmentStatus,
  transportMeans,
} from './shipment-model.ts';

const road = leg(0, YIWU, NINGBO, {
  mode: 'road',
  carrierName: 'Yiwu Trucking',
  plannedArrival: '2026-12-01T14:00:00+08:00',
});
const sea = leg(1, NINGBO, HAMBURG, {
  mode: 'sea',
  carrierName: 'COSCO',
  plannedArrival: '2027-01-05T06:00:00+01:00',
});
const roadThenSea = [road, sea];

describe('route and modes', () => {
  it('lists the origin then where each leg ends, the modes and carriers once each', () => {
    expect(
      routeCodes([
        { origin: 'CNYIW', destination: 'CNNGB' },
        { origin: 'CNNGB', destination: 'DEHAM' },
      ]),
    ).toEqual(['CNYIW', 'CNNGB', 'DEHAM']);
    expect(routeCodes([])).toEqual([]);
    expect(modesOf([{ mode: 'road' }, { mode: 'sea' }, { mode: 'road' }])).toEqual(['road', 'sea']);
    expect(carrierNamesOf([{ carrierName: 'A' }, {}, { carrierName: 'A' }, { carrierName: 'B' }])).toEqual([
      'A',
      'B',
    ]);
  });

  it('names the means of transport of a leg', () => {
    expect(transportMeans({ vesselName: 'King of the Seas', voyageNumber: '2103S' })).toBe(
      'King of the Seas / 2103S',
    );
    expect(transportMeans({ trainNumber: 'X8024' })).toBe('X8024');
    expect(transportMeans({})).toBeNull();
  });
});

describe('shipmentStatus', () => {
  it('is planned until a leg departs, in transit until the last arrives', () => {
    expect(shipmentStatus([{ status: 'planned' }, { status: 'planned' }])).toBe('planned');
    expect(shipmentStatus([{ status: 'departed' }, { status: 'planned' }])).toBe('in_transit');
    expect(shipmentStatus([{ status: 'arrived' }, { status: 'planned' }])).toBe('in_transit');
    expect(shipmentStatus([{ status: 'arrived' }, { status: 'arrived' }])).toBe('arrived');
    expect(shipmentStatus([])).toBe('planned');
  });
});

describe('nextArrival', () => {
  it('is the first leg not yet arrived, its estimate before its plan', () => {
    expect(nextArrival(plan('A', roadThenSea))).toEqual({
      place: 'CNNGB',
      at: '2026-12-01T14:00:00+08:00',
      estimated: false,
      legIndex: 0,
    });
    const underWay = [
      { ...road, status: 'arrived' as const },
      { ...sea, status: 'departed' as const, estimatedArrival: '2027-01-07T10:00:00+01:00' },
    ];
    expect(nextArrival(plan('A', underWay))).toEqual({
      place: 'DEHAM',
      at: '2027-01-07T10:00:00+01:00',
      estimated: true,
      legIndex: 1,
    });
  });

  it('is null once everything arrived', () => {
    expect(nextArrival(plan('A', [leg(0, YIWU, NINGBO, { status: 'arrived' })]))).toBeNull();
  });
});

describe('delayLevel', () => {
  it('reads minutes late as on time, early, late and (beyond a day) very late', () => {
    expect(delayLevel(undefined)).toBeNull();
    expect(delayLevel(0)).toBe('on_time');
    expect(delayLevel(-30)).toBe('early');
    expect(delayLevel(1)).toBe('late');
    expect(delayLevel(1440)).toBe('late');
    expect(delayLevel(1441)).toBe('very_late');
  });

  it('splits durations into days, hours and minutes', () => {
    expect(durationParts(0)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(durationParts(1505)).toEqual({ days: 1, hours: 1, minutes: 5 });
    expect(durationParts(-90)).toEqual({ days: 0, hours: 1, minutes: 30 });
  });
});

describe('exportRow', () => {
  it('flattens a shipment and its plan, and leaves the plan columns empty without one', () => {
    const summary = { id: 'shp_1', reference: 'YW-1', createdAt: '2026-11-27T00:00:00Z' };
    expect(exportRow(summary, plan('YW-1', roadThenSea))).toEqual({
      id: 'shp_1',
      reference: 'YW-1',
      route: 'CNYIW → CNNGB → DEHAM',
      modes: 'road, sea',
      carriers: 'Yiwu Trucking, COSCO',
      status: 'planned',
      nextArrivalPlace: 'CNNGB',
      nextArrivalAt: '2026-12-01T14:00:00+08:00',
      createdAt: '2026-11-27T00:00:00Z',
    });
    expect(exportRow(summary, undefined)).toMatchObject({ route: '', status: null, nextArrivalPlace: '' });
  });
});
