import { describe, expect, it } from 'vitest';
import {
  ASSET_TYPES,
  IP_RIGHT_KINDS,
  PARTY_SCHEMES,
  REGISTRATION_STATUSES,
  REGISTRY_ANSWERS,
  RISK_LEVELS,
} from '../../api/finance.ts';
import { ACCOUNT_KINDS, PENDING_STATUSES, TRANSFER_KINDS } from '../../api/payments.ts';
import appEn from '../../i18n/en.json';
import appZhCN from '../../i18n/zh-CN.json';
import type { AmountProblem } from './ledger-model.ts';

// Keys the payments and registry pages build at run time (`payments.kinds.${kind}`), which
// keys-used.test.ts cannot see: every code of each family must read well in both languages.

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );

const AMOUNT_PROBLEMS: readonly AmountProblem[] = [
  'required',
  'decimal',
  'positive',
  'tooManyDecimals',
  'currency',
];

const families: [string, readonly string[]][] = [
  ['payments.kinds', ACCOUNT_KINDS],
  ['payments.transferKinds', TRANSFER_KINDS],
  ['payments.pendingStatuses', PENDING_STATUSES],
  ['payments.validation', AMOUNT_PROBLEMS],
  ['payments.columns', ['balance', 'available', 'pendingOut', 'pendingIn']],
  ['financeRegistry.answer', REGISTRY_ANSWERS],
  ['financeRegistry.explain', REGISTRY_ANSWERS],
  ['financeRegistry.risk', RISK_LEVELS],
  ['financeRegistry.status', REGISTRATION_STATUSES],
  ['financeRegistry.schemes', PARTY_SCHEMES],
  ['financeRegistry.form', ['sellerScheme', 'sellerId', 'buyerScheme', 'buyerId']],
  ['financeRegistry.assetTypes', ASSET_TYPES],
  ['financeRegistry.ipCheck.answer', ['no_match', 'exact_match']],
  ['financeRegistry.ipCheck.explain', ['no_match', 'exact_match']],
  ['expoIp.kinds', IP_RIGHT_KINDS],
];

describe('payments and registry translations', () => {
  it.each(Object.entries({ en: appEn, 'zh-CN': appZhCN }))('cover every computed key in %s', (_, tree) => {
    const missing = families.flatMap(([prefix, codes]) =>
      codes
        .map((code) => `${prefix}.${code}`)
        .filter((key) => {
          const value = lookup(tree, key);
          return typeof value !== 'string' || value.trim() === '';
        }),
    );
    expect(missing).toEqual([]);
  });

  it('differ between the languages (nothing left untranslated)', () => {
    const same = families.flatMap(([prefix, codes]) =>
      codes
        .map((code) => `${prefix}.${code}`)
        .filter(
          (key) => key !== 'financeRegistry.schemes.lei' && lookup(appEn, key) === lookup(appZhCN, key),
        ),
    );
    expect(same).toEqual([]);
  });
});
