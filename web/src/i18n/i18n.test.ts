import { describe, expect, it } from 'vitest';
import {
  API_ERROR_CODES,
  API_KEY_SCOPES,
  AUDIT_ACTIONS,
  AUDIT_ACTOR_TYPES,
  AUDIT_OBJECT_TYPES,
  AUDIT_OUTCOMES,
  FIELD_ERROR_CODES,
  INVITATION_STATUSES,
  ORGANISATION_KINDS,
  ROLES,
} from '../api/types.ts';
import en from './en.json';
import { localeFromLanguages } from './locale.ts';
import zhCN from './zh-CN.json';

type Tree = { [key: string]: string | Tree };

/** Every leaf of a translation tree as [dotted key, value]. */
const leaves = (tree: Tree, prefix = ''): [string, unknown][] =>
  Object.entries(tree).flatMap(([key, value]): [string, unknown][] => {
    const path = prefix ? `${prefix}.${key}` : key;
    return typeof value === 'object' && value !== null ? leaves(value, path) : [[path, value]];
  });

const lookup = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => {
    if (typeof node === 'object' && node !== null && part in node) {
      return (node as Tree)[part];
    }
    return undefined;
  }, tree);

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();

const languages: [string, Tree][] = [
  ['zh-CN', zhCN],
  ['en', en],
];

describe('translation files', () => {
  const zhLeaves = new Map(leaves(zhCN));
  const enLeaves = new Map(leaves(en));

  it('have the same keys in both languages', () => {
    const onlyZh = [...zhLeaves.keys()].filter((key) => !enLeaves.has(key));
    const onlyEn = [...enLeaves.keys()].filter((key) => !zhLeaves.has(key));
    expect(onlyZh, 'keys only in zh-CN.json').toEqual([]);
    expect(onlyEn, 'keys only in en.json').toEqual([]);
    console.info(`i18n: compared ${zhLeaves.size} keys in zh-CN and en`);
    // Guards against a comparison that silently saw nothing (e.g. an import returning {}).
    expect(zhLeaves.size).toBeGreaterThan(100);
  });

  it('have no empty or non-string values', () => {
    for (const [language, tree] of languages) {
      const bad = leaves(tree)
        .filter(([, value]) => typeof value !== 'string' || value.trim() === '')
        .map(([key]) => `${language}:${key}`);
      expect(bad).toEqual([]);
    }
  });

  it('use the same interpolation placeholders in both languages', () => {
    const mismatched = [...zhLeaves.entries()]
      .filter(([key, value]) => {
        const other = enLeaves.get(key);
        return typeof value === 'string' && typeof other === 'string'
          ? placeholders(value).join() !== placeholders(other).join()
          : false;
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  // Codes arrive from the server and are translated by a computed key, which the usage scan
  // cannot see; each family is checked here against the lists in api/types.ts.
  it('translate every code of the API contract', () => {
    const families: [string, readonly string[]][] = [
      ['errors', API_ERROR_CODES],
      ['fieldErrors', FIELD_ERROR_CODES],
      ['role', ROLES],
      ['organisationKind', ORGANISATION_KINDS],
      ['invitationStatus', INVITATION_STATUSES],
      ['apiKeyScope', API_KEY_SCOPES],
      ['auditOutcome', AUDIT_OUTCOMES],
      ['auditActorType', AUDIT_ACTOR_TYPES],
      ['auditObjectType', AUDIT_OBJECT_TYPES],
      ['auditAction', AUDIT_ACTIONS],
    ];
    let checked = 0;
    const missing: string[] = [];
    for (const [prefix, codes] of families) {
      for (const code of codes) {
        for (const [language, tree] of languages) {
          checked += 1;
          const value = lookup(tree, `${prefix}.${code}`);
          if (typeof value !== 'string' || value.trim() === '') {
            missing.push(`${language}:${prefix}.${code}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    console.info(`i18n: checked ${checked} contract code translations`);
    expect(checked).toBeGreaterThan(0);
  });

  it('translate the twelve identity audit actions of the brief', () => {
    expect(AUDIT_ACTIONS).toHaveLength(12);
  });
});

describe('localeFromLanguages', () => {
  it('maps any Chinese variant to zh-CN', () => {
    expect(localeFromLanguages(['zh-TW'])).toBe('zh-CN');
    expect(localeFromLanguages(['zh'])).toBe('zh-CN');
    expect(localeFromLanguages(['fr-FR', 'zh-CN', 'en'])).toBe('zh-CN');
  });

  it('falls back to English', () => {
    expect(localeFromLanguages(['en-GB'])).toBe('en');
    expect(localeFromLanguages(['de-DE'])).toBe('en');
    expect(localeFromLanguages([])).toBe('en');
  });
});
