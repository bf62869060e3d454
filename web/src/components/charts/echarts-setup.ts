import {
  BarChart,
  EffectScatterChart,
  FunnelChart,
  LineChart,
  LinesChart,
  MapChart,
  PieChart,
  ScatterChart,
} from 'echarts/charts';
import {
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { feature } from 'topojson-client';
import countries from 'world-atlas/countries-110m.json';
import { WORLD_ISO_NUMERIC_PROPERTY, WORLD_MAP_NAME } from './world-outline.ts';

// Loaded on demand by the charts (dynamic import from e-chart.tsx), so ECharts and the world
// outline stay out of the bundle of every page without a chart. Only the pieces the logistics and
// statistics charts use are registered.

echarts.use([
  GeoComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  BarChart,
  LineChart,
  MapChart,
  LinesChart,
  ScatterChart,
  EffectScatterChart,
  FunnelChart,
  // The policy-measure board's status donut.
  PieChart,
  CanvasRenderer,
]);

// Natural Earth 1:110m (public domain) as TopoJSON from world-atlas, bundled by Vite: the map
// fetches no tiles or outlines from the internet.
const topology = countries as unknown as Parameters<typeof feature>[0];
const countryShapes = topology.objects.countries;
if (countryShapes === undefined) {
  throw new Error('world-atlas countries-110m.json has no countries object');
}
const outline = feature(topology, countryShapes);
// world-atlas keeps the ISO numeric code as the feature id, which ECharts does not read: copied
// into the properties, a choropleth can name its data by code.
for (const shape of 'features' in outline ? outline.features : []) {
  shape.properties = { ...shape.properties, [WORLD_ISO_NUMERIC_PROPERTY]: String(shape.id ?? '') };
}
echarts.registerMap(WORLD_MAP_NAME, outline as unknown as Parameters<typeof echarts.registerMap>[1]);

export { echarts };
