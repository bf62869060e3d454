// Codes that reach the trust pages from the verifier or the server and are translated by a computed
// key, which the i18n usage scan cannot see: each family is checked here in both languages.
import { readFileSync } from 'node:fs';
import { TradeLogEntryKind, VERIFICATION_CHECKS, VERIFICATION_REASONS } from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { REVOCATION_REASONS, SIGNING_KEY_STATUSES } from '../../api/keys.ts';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { CHECK_ORDER, CHECK_VERDICTS, OVERALL_VERDICTS, reasonKey } from './report-model.ts';

const languages: [string, unknown][] = [
  ['en', en],
  ['zh-CN', zhCN],
];

const lookup = (tree: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => {
    if (typeof node === 'object' && node !== null && part in node) {
      return (node as Record<string, unknown>)[part];
    }
    return undefined;
  }, tree);

/** Keys missing or empty in either language, as `lang:key`. */
const missing = (keys: readonly string[]): string[] =>
  keys.flatMap((key) =>
    languages
      .filter(([, tree]) => {
        const value = lookup(tree, key);
        return typeof value !== 'string' || value.trim() === '';
      })
      .map(([language]) => `${language}:${key}`),
  );

describe('trust page translations', () => {
  it("explain every reason code of the verifier's reports", () => {
    expect(VERIFICATION_REASONS.length).toBeGreaterThan(30);
    expect(missing(VERIFICATION_REASONS.map(reasonKey))).toEqual([]);
  });

  it('name and describe every check, in the order the verifier reports them', () => {
    expect([...CHECK_ORDER]).toEqual([...VERIFICATION_CHECKS]);
    const keys = VERIFICATION_CHECKS.flatMap((check) => [
      `verify.checks.${check}.name`,
      `verify.checks.${check}.description`,
    ]);
    expect(missing(keys)).toEqual([]);
  });

  it('translate every verdict', () => {
    const keys = [
      ...OVERALL_VERDICTS.flatMap((v) => [`verify.verdict.${v}.title`, `verify.verdict.${v}.description`]),
      ...CHECK_VERDICTS.map((v) => `verify.checkVerdict.${v}`),
    ];
    expect(missing(keys)).toEqual([]);
  });

  it('name every log entry kind', () => {
    const kinds = Object.keys(TradeLogEntryKind);
    expect(kinds).toContain('ISSUE');
    expect(missing(kinds.map((kind) => `logExplorer.kinds.${kind}`))).toEqual([]);
  });

  it('translate key statuses and revocation reasons', () => {
    const keys = [
      ...SIGNING_KEY_STATUSES.map((status) => `keys.status.${status}`),
      ...REVOCATION_REASONS.map((reason) => `keys.reasons.${reason}`),
    ];
    expect(missing(keys)).toEqual([]);
  });

  // The server's own lists: a code added there without a translation fails here.
  it('translate every error code of the identity and transparency-log modules', () => {
    const codes = ['identity', 'transparency-log'].flatMap((module) => {
      const source = readFileSync(
        new URL(`../../../../server/src/modules/${module}/errors.ts`, import.meta.url),
        'utf8',
      );
      return [...source.matchAll(/^\s*'([a-z-]+\.[a-z_]+)':\s*\d{3},/gm)].map((match) => match[1] ?? '');
    });
    expect(codes.length).toBeGreaterThan(10);
    expect(missing(codes.map((code) => `errors.${code}`))).toEqual([]);
  });
});
