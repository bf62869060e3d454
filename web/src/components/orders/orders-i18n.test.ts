import { describe, expect, it } from 'vitest';
import {
  INCOTERMS_2020,
  ORDER_ACTIONS,
  ORDER_DOCUMENT_KINDS,
  ORDER_ROLES,
  ORDER_STATUSES,
  PARTY_ROLES,
} from '../../api/orders.ts';
import { RECORD_LIST_ROLES, RECORD_STATUSES, TITLE_ACTIONS } from '../../api/transferable-records.ts';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import { PACKAGE_TYPES } from './document-overrides.ts';
import { COMMON_UNIT_CODES } from './unit-codes.ts';

// The order and eBL pages translate codes by computed keys (`orders.status.${status}`), which the
// source scan of keys-used.test.ts cannot see; every code of each list is checked here.
const families: [string, readonly string[]][] = [
  ['orders.status', ORDER_STATUSES],
  ['orders.roles', [...ORDER_ROLES, ...PARTY_ROLES]],
  ['orders.actions', ORDER_ACTIONS],
  ['orders.confirm', ORDER_ACTIONS],
  ['orders.historyActions', ORDER_ACTIONS],
  ['orders.documentKinds', ORDER_DOCUMENT_KINDS],
  ['orders.incoterms', INCOTERMS_2020],
  ['orders.units', COMMON_UNIT_CODES],
  ['orders.invitation', ['pending', 'claimed']],
  ['orders.validation.quantity', ['required', 'invalid', 'not_positive']],
  ['orders.validation.price', ['required', 'invalid', 'too_many_decimals', 'negative']],
  // Codes of server/src/modules/trade/errors.ts, translated by labels.errorMessage / fieldError.
  [
    'errors.trade',
    [
      'order_not_found',
      'transition_not_allowed',
      'not_your_move',
      'not_a_party',
      'version_conflict',
      'not_editable',
      'share_not_found',
      'document_not_found',
      'document_not_issuable',
      'no_order_response',
      'not_an_invoice',
    ],
  ],
  [
    'fieldErrors.trade',
    [
      'currency_mismatch',
      'quantity_not_positive',
      'negative_price',
      'total_mismatch',
      'unknown_organisation',
      'same_organisation',
    ],
  ],
  ['orders.issue.packageTypes', PACKAGE_TYPES],
  ['orders.issue.packing', ['packageCount', 'packageType', 'grossWeightKg', 'netWeightKg', 'volumeM3']],
  ['orders.issue.errors', ['required', 'invalid', 'net_over_gross', 'json']],
  // Codes of the transferable-record routes (server/src/modules/documents/errors.ts).
  [
    'errors.documents',
    ['title_record_exists', 'title_not_holder', 'title_stale_head', 'title_action_not_allowed'],
  ],
  ['ebl.status', RECORD_STATUSES],
  ['ebl.lists', RECORD_LIST_ROLES],
  ['ebl.actions', TITLE_ACTIONS],
  ['ebl.confirm', TITLE_ACTIONS],
];

const lookup = (tree: unknown, key: string): unknown =>
  key
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined,
      tree,
    );

describe('order and eBL code translations', () => {
  it('exist in zh-CN and en for every code', () => {
    const missing: string[] = [];
    let checked = 0;
    for (const [prefix, codes] of families) {
      for (const code of codes) {
        for (const [language, tree] of [
          ['zh-CN', zhCN],
          ['en', en],
        ] as const) {
          checked += 1;
          const value = lookup(tree, `${prefix}.${code}`);
          if (typeof value !== 'string' || value.trim() === '') {
            missing.push(`${language}:${prefix}.${code}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(checked).toBeGreaterThan(100);
  });

  it('are actually Chinese in zh-CN', () => {
    for (const status of ORDER_STATUSES) {
      expect(lookup(zhCN, `orders.status.${status}`)).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
