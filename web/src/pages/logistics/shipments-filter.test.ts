import { describe, expect, it } from 'vitest';
import type { ShipmentPlan, ShipmentSummary } from '../../api/logistics.ts';
import {
  DUISBURG,
  HAMBURG,
  leg,
  NINGBO,
  plan,
  YIWU,
} from '../../components/logistics/plan-fixtures.test-support.ts';
import { filterShipments } from './shipments-filter.ts';

const summary = (reference: string): ShipmentSummary => ({
  id: `shp_${reference}`,
  reference,
  shipperOrganisationId: 'org_a',
  carrierBookingReference: `BKG-${reference}`,
  transportDocumentReference: null,
  legs: 1,
  containers: 0,
  createdAt: '2026-11-27T00:00:00Z',
});

const summaries = [summary('SEA'), summary('RAIL'), summary('NOPLAN')];
const plans = new Map<string, ShipmentPlan>([
  [
    'shp_SEA',
    plan('SEA', [
      leg(0, YIWU, NINGBO, { mode: 'road', status: 'arrived' }),
      leg(1, NINGBO, HAMBURG, { status: 'departed' }),
    ]),
  ],
  ['shp_RAIL', plan('RAIL', [leg(0, YIWU, DUISBURG, { mode: 'rail', carrierName: 'Zhe-Euro Rail' })])],
]);
const refs = (rows: ShipmentSummary[]) => rows.map((row) => row.reference);

describe('filterShipments', () => {
  it('keeps everything without filters', () => {
    expect(refs(filterShipments(summaries, plans, { text: '', status: null, mode: null }))).toEqual([
      'SEA',
      'RAIL',
      'NOPLAN',
    ]);
  });

  it('finds by reference, booking, place or carrier, ignoring case', () => {
    expect(refs(filterShipments(summaries, plans, { text: 'deham', status: null, mode: null }))).toEqual([
      'SEA',
    ]);
    expect(refs(filterShipments(summaries, plans, { text: 'zhe-euro', status: null, mode: null }))).toEqual([
      'RAIL',
    ]);
    expect(refs(filterShipments(summaries, plans, { text: 'bkg-noplan', status: null, mode: null }))).toEqual(
      ['NOPLAN'],
    );
  });

  it('filters by status and mode from the plan, leaving out shipments whose plan is not known', () => {
    expect(refs(filterShipments(summaries, plans, { text: '', status: 'in_transit', mode: null }))).toEqual([
      'SEA',
    ]);
    expect(refs(filterShipments(summaries, plans, { text: '', status: 'planned', mode: null }))).toEqual([
      'RAIL',
    ]);
    expect(refs(filterShipments(summaries, plans, { text: '', status: null, mode: 'road' }))).toEqual([
      'SEA',
    ]);
    expect(refs(filterShipments(summaries, plans, { text: '', status: null, mode: 'air' }))).toEqual([]);
  });
});
