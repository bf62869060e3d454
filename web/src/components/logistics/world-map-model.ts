import type { LegStatus, Place, ShipmentPlan, TransportMode } from '../../api/logistics.ts';

// What the world map draws, from the shipments' plans: each leg as a line between its two places,
// the current position as a marker, and the places that have no coordinates (listed beside the map
// as "position unknown" rather than drawn somewhere wrong). Pure, so it is tested without a canvas.

export type LonLat = [number, number];

export type MapRoute = {
  shipmentId: string;
  reference: string;
  legIndex: number;
  mode: TransportMode;
  status: LegStatus;
  from: string;
  to: string;
  coords: [LonLat, LonLat];
};

export type MapPlace = { code: string; name: string | null; coord: LonLat };

export type MapMarker = {
  shipmentId: string;
  reference: string;
  place: string;
  placeName: string | null;
  status: 'at' | 'between';
  nextPlace: string | null;
  asOf: string;
  coord: LonLat;
};

export type UnknownPlace = { code: string; name: string | null; references: string[] };

export type MapModel = {
  routes: MapRoute[];
  places: MapPlace[];
  markers: MapMarker[];
  /** Places of a route or position without usable coordinates. */
  unknownPlaces: UnknownPlace[];
  /** Shipments whose current place has no coordinates. */
  unplacedPositions: { shipmentId: string; reference: string; place: string }[];
};

const DECIMAL = /^[+-]?\d{1,3}(\.\d+)?$/;

/** A place's coordinates as [longitude, latitude], or null when missing or out of range. */
export const coordinateOf = (place: Pick<Place, 'latitude' | 'longitude'>): LonLat | null => {
  const { latitude, longitude } = place;
  if (latitude === null || longitude === null || !DECIMAL.test(latitude) || !DECIMAL.test(longitude)) {
    return null;
  }
  const lat = Number(latitude);
  const lon = Number(longitude);
  return Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? [lon, lat] : null;
};

export const buildMapModel = (plans: readonly ShipmentPlan[]): MapModel => {
  const routes: MapRoute[] = [];
  const places = new Map<string, MapPlace>();
  const markers: MapMarker[] = [];
  const unknown = new Map<string, UnknownPlace>();
  const unplacedPositions: MapModel['unplacedPositions'] = [];

  // A place is known if any plan gives it coordinates (an event may carry them for one shipment).
  const located = new Map<string, LonLat>();
  for (const plan of plans) {
    for (const leg of plan.legs) {
      for (const place of [leg.origin, leg.destination]) {
        const coord = coordinateOf(place);
        if (coord && !located.has(place.code)) {
          located.set(place.code, coord);
        }
      }
    }
    const position = plan.position;
    const coord = position ? coordinateOf(position.place) : null;
    if (position && coord && !located.has(position.place.code)) {
      located.set(position.place.code, coord);
    }
  }

  const note = (place: Place, reference: string) => {
    const coord = located.get(place.code);
    if (coord) {
      if (!places.has(place.code)) {
        places.set(place.code, { code: place.code, name: place.name, coord });
      }
      return coord;
    }
    const entry = unknown.get(place.code) ?? { code: place.code, name: place.name, references: [] };
    if (!entry.references.includes(reference)) {
      entry.references.push(reference);
    }
    unknown.set(place.code, entry);
    return null;
  };

  for (const plan of plans) {
    for (const leg of plan.legs) {
      const from = note(leg.origin, plan.reference);
      const to = note(leg.destination, plan.reference);
      if (from && to) {
        routes.push({
          shipmentId: plan.shipmentId,
          reference: plan.reference,
          legIndex: leg.index,
          mode: leg.mode,
          status: leg.status,
          from: leg.origin.code,
          to: leg.destination.code,
          coords: [from, to],
        });
      }
    }
    const position = plan.position;
    if (position) {
      const coord = note(position.place, plan.reference);
      if (coord) {
        markers.push({
          shipmentId: plan.shipmentId,
          reference: plan.reference,
          place: position.place.code,
          placeName: position.place.name,
          status: position.status,
          nextPlace: position.nextPlace?.code ?? null,
          asOf: position.asOf,
          coord,
        });
      } else {
        unplacedPositions.push({
          shipmentId: plan.shipmentId,
          reference: plan.reference,
          place: position.place.code,
        });
      }
    }
  }
  return {
    routes,
    places: [...places.values()],
    markers,
    unknownPlaces: [...unknown.values()].sort((a, b) => a.code.localeCompare(b.code)),
    unplacedPositions,
  };
};

/**
 * Centre and zoom that frame every drawn place with a margin; the whole world when nothing is
 * drawn. ECharts' geo zoom 1 shows the whole map, so the zoom is the world's span over the data's.
 */
export const frameOf = (model: Pick<MapModel, 'places'>): { center: LonLat; zoom: number } | null => {
  if (model.places.length === 0) {
    return null;
  }
  const lons = model.places.map((place) => place.coord[0]);
  const lats = model.places.map((place) => place.coord[1]);
  const [west, east] = [Math.min(...lons), Math.max(...lons)];
  const [south, north] = [Math.min(...lats), Math.max(...lats)];
  // Margins of 20° either way so a lone place or a short route is not zoomed to street level.
  const lonSpan = east - west + 40;
  const latSpan = north - south + 40;
  const zoom = Math.min(6, Math.max(1, Math.min(360 / lonSpan, 180 / latSpan)));
  return { center: [(west + east) / 2, (south + north) / 2], zoom: Math.round(zoom * 100) / 100 };
};

export const MODE_COLOUR: Record<TransportMode, string> = {
  sea: '#1677ff',
  rail: '#722ed1',
  road: '#fa8c16',
  air: '#13c2c2',
};
