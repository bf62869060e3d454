import { describe, expect, it } from 'vitest';
import { buildMapOption } from './map-option.ts';
import { DUISBURG, HAMBURG, leg, NINGBO, place, plan, YIWU } from './plan-fixtures.test-support.ts';
import { buildMapModel, coordinateOf, frameOf } from './world-map-model.ts';

describe('coordinateOf', () => {
  it('reads decimal degrees as [longitude, latitude]', () => {
    expect(coordinateOf({ latitude: '53.55', longitude: '9.99' })).toEqual([9.99, 53.55]);
    expect(coordinateOf({ latitude: '-33.9', longitude: '-151.2' })).toEqual([-151.2, -33.9]);
  });

  it('refuses what is missing, not a decimal or off the globe', () => {
    expect(coordinateOf({ latitude: null, longitude: '9.99' })).toBeNull();
    expect(coordinateOf({ latitude: '5333N', longitude: '00959E' })).toBeNull();
    expect(coordinateOf({ latitude: '91', longitude: '0' })).toBeNull();
    expect(coordinateOf({ latitude: '0', longitude: '181' })).toBeNull();
    expect(coordinateOf({ latitude: '', longitude: '' })).toBeNull();
  });
});

describe('buildMapModel', () => {
  const seaPlan = plan(
    'YW-1',
    [
      leg(0, YIWU, NINGBO, { mode: 'road', status: 'arrived' }),
      leg(1, NINGBO, HAMBURG, { mode: 'sea', status: 'departed' }),
    ],
    {
      position: {
        place: NINGBO,
        legIndex: 1,
        status: 'between',
        nextPlace: HAMBURG,
        asOf: '2026-12-03T09:00:00+08:00',
      },
    },
  );
  const railPlan = plan('YW-2', [leg(0, YIWU, DUISBURG, { mode: 'rail' })], {
    position: { place: DUISBURG, legIndex: 0, status: 'at', asOf: '2026-12-20T09:00:00+01:00' },
  });

  it('draws a line per leg between known places and the position as a marker', () => {
    const model = buildMapModel([seaPlan]);
    expect(model.routes.map((r) => [r.from, r.to, r.mode, r.status])).toEqual([
      ['CNYIW', 'CNNGB', 'road', 'arrived'],
      ['CNNGB', 'DEHAM', 'sea', 'departed'],
    ]);
    expect(model.routes[1]?.coords).toEqual([
      [121.55, 29.87],
      [9.99, 53.55],
    ]);
    expect(model.places.map((p) => p.code)).toEqual(['CNYIW', 'CNNGB', 'DEHAM']);
    expect(model.markers).toEqual([
      {
        shipmentId: 'shp_YW-1',
        reference: 'YW-1',
        place: 'CNNGB',
        placeName: null,
        status: 'between',
        nextPlace: 'DEHAM',
        asOf: '2026-12-03T09:00:00+08:00',
        coord: [121.55, 29.87],
      },
    ]);
    expect(model.unknownPlaces).toEqual([]);
  });

  it('lists places without coordinates instead of drawing them, with the shipments through them', () => {
    const model = buildMapModel([seaPlan, railPlan]);
    expect(model.routes).toHaveLength(2);
    expect(model.unknownPlaces).toEqual([{ code: 'DEDUI', name: null, references: ['YW-2'] }]);
    expect(model.unplacedPositions).toEqual([{ shipmentId: 'shp_YW-2', reference: 'YW-2', place: 'DEDUI' }]);
  });

  it('uses coordinates one plan has for a place another plan lacks them for', () => {
    const withCoords = plan('A', [leg(0, YIWU, place('DEDUI', '51.43', '6.76'))]);
    const model = buildMapModel([railPlan, withCoords]);
    expect(model.unknownPlaces).toEqual([]);
    expect(model.markers[0]?.coord).toEqual([6.76, 51.43]);
  });

  it('frames the drawn places, or nothing for an empty map', () => {
    expect(frameOf({ places: [] })).toBeNull();
    const frame = frameOf(buildMapModel([seaPlan]));
    expect(frame?.center[0]).toBeCloseTo((9.99 + 121.55) / 2);
    expect(frame?.zoom).toBeGreaterThanOrEqual(1);
    expect(frame?.zoom).toBeLessThanOrEqual(6);
  });
});

describe('buildMapOption', () => {
  const texts = {
    route: (r: { from: string; to: string }) => `${r.from}-${r.to}`,
    place: (p: { code: string }) => p.code,
    marker: (m: { reference: string }) => `<b>${m.reference}</b>`,
  };
  const model = buildMapModel([
    plan(
      'YW-1',
      [
        leg(0, YIWU, NINGBO, { mode: 'road', status: 'arrived' }),
        leg(1, NINGBO, HAMBURG, { status: 'departed' }),
      ],
      {
        position: {
          place: NINGBO,
          legIndex: 1,
          status: 'between',
          nextPlace: HAMBURG,
          asOf: '2026-12-03T09:00:00+08:00',
        },
      },
    ),
    plan('YW-3', [leg(0, NINGBO, HAMBURG, { status: 'planned' })]),
  ]);
  const option = buildMapOption(model, texts);
  const series = (id: string) => {
    const found = (
      option.series as { id: string; data: unknown[]; effect?: unknown; symbol?: unknown }[]
    ).find((s) => s.id === id);
    if (!found) {
      throw new Error(`no series ${id}`);
    }
    return found;
  };

  it('draws the world outline the setup registers, with plain-text tooltips', () => {
    expect(option.geo).toMatchObject({ map: 'world', roam: true });
    expect(option.tooltip).toMatchObject({ renderMode: 'richText' });
  });

  it('puts legs under way in the moving series, plans dashed, and the position as a marker', () => {
    const still = series('routes').data as { lineStyle: { type: string }; name: string }[];
    expect(still.map((d) => [d.name, d.lineStyle.type])).toEqual([
      ['YW-1 CNYIW-CNNGB', 'solid'],
      ['YW-3 CNNGB-DEHAM', 'dashed'],
    ]);
    const moving = series('routes-travelling');
    expect(moving.effect).toBeUndefined();
    expect(moving.symbol).toEqual(['none', 'arrow']);
    expect((moving.data as { name: string }[]).map((d) => d.name)).toEqual(['YW-1 CNNGB-DEHAM']);
    expect(series('positions').data).toEqual([
      { name: 'YW-1', value: [121.55, 29.87], tooltip: { formatter: '<b>YW-1</b>' } },
    ]);
    expect((series('places').data as { name: string }[]).map((d) => d.name)).toEqual([
      'CNYIW',
      'CNNGB',
      'DEHAM',
    ]);
  });
});
