/**
 * The dimensions a trade fact is classified by: the Handbook on Measuring Digital Trade's flags,
 * China's customs supervision modes for cross-border e-commerce, EBOPS 2010 service categories,
 * the content types of the policy, and Zhejiang's 11 prefecture-level cities.
 */

/** Zhejiang's 11 prefecture-level cities, by their administrative division codes (GB/T 2260). */
export const zhejiangCities = [
  { code: '330100', zh: '杭州', en: 'Hangzhou' },
  { code: '330200', zh: '宁波', en: 'Ningbo' },
  { code: '330300', zh: '温州', en: 'Wenzhou' },
  { code: '330400', zh: '嘉兴', en: 'Jiaxing' },
  { code: '330500', zh: '湖州', en: 'Huzhou' },
  { code: '330600', zh: '绍兴', en: 'Shaoxing' },
  { code: '330700', zh: '金华', en: 'Jinhua' },
  { code: '330800', zh: '衢州', en: 'Quzhou' },
  { code: '330900', zh: '舟山', en: 'Zhoushan' },
  { code: '331000', zh: '台州', en: 'Taizhou' },
  { code: '331100', zh: '丽水', en: 'Lishui' },
] as const;
export type CityCode = (typeof zhejiangCities)[number]['code'];

/** 9610 retail parcels, 9710 B2B direct export, 9810 export to overseas warehouses, 1210 bonded
 * retail import; 0110 general trade (not e-commerce, the rest of goods trade). */
export const customsModes = ['9610', '9710', '9810', '1210', '0110'] as const;
export type CustomsMode = (typeof customsModes)[number];
export const crossBorderEcommerceModes: ReadonlySet<string> = new Set(['9610', '9710', '9810', '1210']);

/** EBOPS 2010 main service categories (SA … SL). */
export const ebopsCategories = [
  'SA',
  'SB',
  'SC',
  'SD',
  'SE',
  'SF',
  'SG',
  'SH',
  'SI',
  'SJ',
  'SK',
  'SL',
] as const;
export type EbopsCategory = (typeof ebopsCategories)[number];

/** The policy's content types of digital trade; `traditional` is trade that is neither. */
export const contentTypes = [
  'digital_technology',
  'digital_services',
  'digital_products',
  'data',
  'digitally_ordered_goods',
  'traditional',
] as const;
export type ContentType = (typeof contentTypes)[number];

/** RCEP's 15 parties (ISO 3166-1 alpha-2). */
export const rcepMembers: ReadonlySet<string> = new Set([
  'AU',
  'BN',
  'KH',
  'CN',
  'ID',
  'JP',
  'KR',
  'LA',
  'MY',
  'MM',
  'NZ',
  'PH',
  'SG',
  'TH',
  'VN',
]);

/** The European Union's 27 member states. */
export const euMembers: ReadonlySet<string> = new Set([
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
]);

export const partnerGroups = (country: string): string[] => [
  ...(rcepMembers.has(country) ? ['RCEP'] : []),
  ...(euMembers.has(country) ? ['EU'] : []),
];
