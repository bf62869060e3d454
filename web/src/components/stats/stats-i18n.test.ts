import { describe, expect, it } from 'vitest';
import {
  BREAKDOWN_DIMENSIONS,
  CONTENT_TYPES,
  CUSTOMS_MODES,
  EBOPS_CATEGORIES,
  ZHEJIANG_CITY_CODES,
} from '../../api/stats.ts';
import appEn from '../../i18n/en.json';
import appZhCN from '../../i18n/zh-CN.json';
import type { TargetKey } from '../../pages/stats/stats-model.ts';

// Keys the statistics pages build at run time (`stats.cities.${code}`), which keys-used.test.ts
// cannot see: every code the server classifies facts by must read in both languages.

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );

const TARGETS: readonly TargetKey[] = ['digitalTrade', 'growth', 'cbecShare', 'digitalServicesShare'];

const families: [string, readonly string[]][] = [
  ['stats.modes', CUSTOMS_MODES],
  ['stats.cities', ZHEJIANG_CITY_CODES],
  ['stats.ebops', EBOPS_CATEGORIES],
  ['stats.contentTypes', CONTENT_TYPES],
  ['stats.dimensions', BREAKDOWN_DIMENSIONS],
];

describe('statistics texts', () => {
  it('name every customs mode, city, EBOPS category, content type and dimension in both languages', () => {
    const missing: string[] = [];
    for (const [prefix, codes] of families) {
      expect(codes.length, prefix).toBeGreaterThan(0);
      for (const code of codes) {
        for (const [locale, tree] of [
          ['en', appEn],
          ['zh-CN', appZhCN],
        ] as const) {
          const text = lookup(tree, `${prefix}.${code}`);
          if (typeof text !== 'string' || text.trim() === '') {
            missing.push(`${locale}: ${prefix}.${code}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('title every target card in both languages, and the Chinese names are Chinese', () => {
    for (const target of TARGETS) {
      for (const tree of [appEn, appZhCN]) {
        expect(lookup(tree, `stats.targets.${target}.title`), target).toEqual(expect.any(String));
      }
      expect(lookup(appZhCN, `stats.targets.${target}.title`)).not.toBe(
        lookup(appEn, `stats.targets.${target}.title`),
      );
    }
    expect(lookup(appZhCN, 'stats.cities.330100')).toBe('杭州');
    expect(lookup(appZhCN, 'stats.modes.9710')).toMatch(/^9710 · .*直接出口/);
  });
});
