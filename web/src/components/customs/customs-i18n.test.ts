import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PARCEL_STATES, TRADE_MODES } from '../../api/customs.ts';
import appEn from '../../i18n/en.json';
import appZhCN from '../../i18n/zh-CN.json';
import { DOCUMENT_KINDS, SEVERITIES } from './findings.ts';
import {
  FORMAT_CHECK_STATUS_CODES,
  RETURN_STATUS_CODES,
  receiptStatusMeaning,
  TAX_BILL_STATUS_CODES,
} from './receipt-status.ts';
import { TAX_AMOUNTS, TAX_DECISIONS } from './tax-bill.ts';

// Every key the customs pages use must exist in both languages of the app's i18n JSON; the
// customs subtree must say the same things in both.
// Literal keys are found in the source like keys-used.test.ts does; computed ones
// (`customs.states.${state}`) are listed by family here.

const translations = { en: { customs: appEn.customs }, 'zh-CN': { customs: appZhCN.customs } };

const srcDir = fileURLToPath(new URL('../..', import.meta.url));
const OWN_DIRS = ['pages/customs', 'components/customs'];
const KEY_PATTERNS = [/\bt\(\s*(['"])([^'"`$]+)\1/g, /\b\w+Key:\s*(['"])([^'"`$]+)\1/g];

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );

const has = (tree: unknown, key: string) => {
  const value = lookup(tree, key);
  return typeof value === 'string' && value.trim() !== '';
};

const languages = [
  ['en', translations.en, appEn],
  ['zh-CN', translations['zh-CN'], appZhCN],
] as const;

const literalKeys = (): string[] => {
  const keys = new Set<string>();
  const files = OWN_DIRS.flatMap((dir) =>
    readdirSync(join(srcDir, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file))
      .map((file) => join(srcDir, dir, file)),
  );
  // The customs entries of the menu (layout/navigation.tsx) are ours too.
  const nav = readFileSync(join(srcDir, 'layout/navigation.tsx'), 'utf8');
  const customsNav = nav.slice(nav.indexOf('  customs: {'), nav.indexOf('  identity: {'));
  for (const text of [...files.map((file) => readFileSync(file, 'utf8')), customsNav]) {
    for (const pattern of KEY_PATTERNS) {
      for (const match of text.matchAll(pattern)) {
        if (match[2]) {
          keys.add(match[2]);
        }
      }
    }
  }
  keys.add('nav.groups.clearance');
  return [...keys];
};

const statusKeys = [
  ...RETURN_STATUS_CODES.map((code) => receiptStatusMeaning('CEB622', code)?.key),
  ...TAX_BILL_STATUS_CODES.map((code) => receiptStatusMeaning('CEB816', code)?.key),
  ...FORMAT_CHECK_STATUS_CODES.map((code) => receiptStatusMeaning('CEB900', code)?.key),
  receiptStatusMeaning('CEB900', '-99')?.key,
];

const families: [string, readonly string[]][] = [
  ['customs.states', PARCEL_STATES],
  ['customs.documents', DOCUMENT_KINDS],
  ['customs.severity', SEVERITIES],
  ['customs.tradeModes', TRADE_MODES],
  ['customs.board.stats', ['total', 'matchingFailures', 'quotaRejections', 'riskHits', 'taxWithheld']],
  ['customs.tax.amounts', TAX_AMOUNTS],
  ['customs.tax.decisions', TAX_DECISIONS],
  [
    'customs.eventKinds',
    [
      ...DOCUMENT_KINDS.flatMap((kind) => [`${kind}_received`, `${kind}_deleted`]),
      'matching_failed',
      'refused',
      'quota_refused',
      'released',
      'inspection',
      'cancelled',
      'returned',
    ],
  ],
  // Codes of server/src/modules/customs/service/views.ts and routes.ts the pages can show.
  [
    'errors.customs',
    ['parcel_not_found', 'message_not_found', 'reveal_customs_only', 'organisation_required'],
  ],
];

describe('customs translations', () => {
  it('have every key the customs pages use, in zh-CN and en', () => {
    const keys = [
      ...literalKeys(),
      ...statusKeys.filter((key): key is string => key !== undefined),
      ...families.flatMap(([prefix, codes]) => codes.map((code) => `${prefix}.${code}`)),
    ];
    // A scan that finds nothing proves nothing.
    expect(keys.length).toBeGreaterThan(150);
    expect(statusKeys.every((key) => key !== undefined)).toBe(true);
    const missing = keys.flatMap((key) =>
      languages
        .filter(([, own, app]) => !has(own, key) && !has(app, key))
        .map(([language]) => `${language}:${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('say the same things in both languages', () => {
    const leaves = (tree: unknown, prefix = ''): string[] =>
      typeof tree === 'object' && tree !== null
        ? Object.entries(tree).flatMap(([key, value]) => leaves(value, prefix ? `${prefix}.${key}` : key))
        : [prefix];
    expect(leaves(translations['zh-CN']).sort()).toEqual(leaves(translations.en).sort());
    // Interpolations must survive translation.
    for (const key of leaves(translations.en)) {
      const vars = (text: unknown) =>
        String(text)
          .match(/\{\{\w+\}\}/g)
          ?.sort() ?? [];
      expect(vars(lookup(translations['zh-CN'], key)), key).toEqual(vars(lookup(translations.en, key)));
    }
  });

  it('are actually Chinese in zh-CN', () => {
    for (const state of PARCEL_STATES) {
      expect(lookup(translations['zh-CN'], `customs.states.${state}`)).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(lookup(translations['zh-CN'], 'customs.returnStatus.800')).toBe('放行');
  });
});
