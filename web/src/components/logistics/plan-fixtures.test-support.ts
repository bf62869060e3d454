import type { Place, PlanLeg, ShipmentPlan } from '../../api/logistics.ts';

// Plans as the plan API answers them, for the view-model tests.

export const place = (
  code: string,
  latitude: string | null = null,
  longitude: string | null = null,
): Place => ({
  code,
  name: null,
  latitude,
  longitude,
});

export const YIWU = place('CNYIW', '29.30', '120.07');
export const NINGBO = place('CNNGB', '29.87', '121.55');
export const HAMBURG = place('DEHAM', '53.55', '9.99');
export const DUISBURG = place('DEDUI');

export const leg = (
  index: number,
  origin: Place,
  destination: Place,
  overrides: Partial<PlanLeg> = {},
): PlanLeg => ({
  index,
  mode: 'sea',
  origin,
  destination,
  plannedDeparture: '2026-12-01T08:00:00+08:00',
  plannedArrival: '2026-12-02T08:00:00+08:00',
  status: 'planned',
  ...overrides,
});

export const plan = (
  reference: string,
  legs: PlanLeg[],
  overrides: Partial<ShipmentPlan> = {},
): ShipmentPlan => ({
  shipmentId: `shp_${reference}`,
  reference,
  legs,
  transshipmentPoints: [],
  plannedTransitMinutes: 0,
  position: null,
  ...overrides,
});
