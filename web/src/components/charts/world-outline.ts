// The world outline's name and region naming, kept apart from echarts-setup.ts so chart options
// can refer to them without loading ECharts.

/** Registered under this name by echarts-setup.ts. */
export const WORLD_MAP_NAME = 'world';

/**
 * The region property holding the ISO 3166-1 numeric code (`156` for China); a choropleth names
 * its data by it (`nameProperty`), since the outline's English names are not codes.
 */
export const WORLD_ISO_NUMERIC_PROPERTY = 'isoNumeric';
