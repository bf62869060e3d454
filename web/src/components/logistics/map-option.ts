import type { EChartsOption } from 'echarts';
import { WORLD_MAP_NAME } from '../charts/world-outline.ts';
import {
  frameOf,
  type MapMarker,
  type MapModel,
  type MapPlace,
  type MapRoute,
  MODE_COLOUR,
} from './world-map-model.ts';

// The ECharts option of the world map, a pure function of the map model and the texts, so what
// is drawn (which lines, dashed or solid, which markers) is tested without a canvas.

export type MapTexts = {
  route: (route: MapRoute) => string;
  place: (place: MapPlace) => string;
  marker: (marker: MapMarker) => string;
};

const lineData = (routes: readonly MapRoute[], texts: MapTexts) =>
  routes.map((route) => ({
    name: `${route.reference} ${route.from}-${route.to}`,
    coords: route.coords,
    lineStyle: {
      color: MODE_COLOUR[route.mode],
      // A leg not yet under way is a plan: dashed; one travelled or travelling is solid.
      type: route.status === 'planned' ? ('dashed' as const) : ('solid' as const),
      width: route.status === 'departed' ? 3 : 2,
      opacity: route.status === 'arrived' ? 0.55 : 0.9,
    },
    tooltip: { formatter: texts.route(route) },
  }));

export const buildMapOption = (model: MapModel, texts: MapTexts): EChartsOption => {
  const frame = frameOf(model);
  const moving = model.routes.filter((route) => route.status === 'departed');
  const still = model.routes.filter((route) => route.status !== 'departed');
  return {
    // Plain text tooltips: references and place names come from users and must not be HTML.
    tooltip: { trigger: 'item', renderMode: 'richText' },
    geo: {
      map: WORLD_MAP_NAME,
      roam: true,
      silent: true,
      ...(frame ? { center: frame.center, zoom: frame.zoom } : {}),
      itemStyle: { areaColor: '#eef2f7', borderColor: '#b7c2d0' },
    },
    series: [
      {
        type: 'lines',
        id: 'routes',
        coordinateSystem: 'geo',
        zlevel: 1,
        data: lineData(still, texts),
      },
      {
        // Legs under way are drawn bolder (width 3) with an arrowhead towards where the shipment goes. Not
        // ECharts' moving "effect" symbol: its animation reads each line's layout on every frame
        // and throws (null layout) when the data or the size changes under it, and it costs the
        // reader's CPU for as long as the page is open.
        type: 'lines',
        id: 'routes-travelling',
        coordinateSystem: 'geo',
        zlevel: 2,
        symbol: ['none', 'arrow'],
        symbolSize: 9,
        data: lineData(moving, texts),
      },
      {
        type: 'scatter',
        id: 'places',
        coordinateSystem: 'geo',
        zlevel: 3,
        symbolSize: 7,
        itemStyle: { color: '#595959' },
        label: { show: true, position: 'right', formatter: '{b}', fontSize: 10, color: '#434343' },
        data: model.places.map((place) => ({
          name: place.code,
          value: place.coord,
          tooltip: { formatter: texts.place(place) },
        })),
      },
      {
        // A still pin, not a ripple: the moving legs already show travel, and every extra
        // animation costs the reader's CPU for as long as the page is open.
        type: 'scatter',
        id: 'positions',
        coordinateSystem: 'geo',
        zlevel: 4,
        symbol: 'pin',
        symbolSize: 26,
        itemStyle: { color: '#f5222d' },
        data: model.markers.map((marker) => ({
          name: marker.reference,
          value: marker.coord,
          tooltip: { formatter: texts.marker(marker) },
        })),
      },
    ],
  };
};
