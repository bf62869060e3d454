import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { StatusAction } from '../../api/documents.ts';
import en from '../../i18n/en.json';
import zhCN from '../../i18n/zh-CN.json';
import type { CsvProblemCode } from './csv-import.ts';
import { DOCUMENT_STATUSES, DOCUMENT_TYPES } from './document-types.ts';
import type { InvoiceProblemCode } from './invoice.ts';
import { UNIT_CODES } from './issue-model.ts';
import type { PayloadProblemCode } from './json-payload.ts';

// Keys the documents pages build at run time (`documents.types.${type}`), which the scan of literal
// keys cannot see. Each record is checked by the compiler to name every member of its union, so a
// new code without a translation fails here.
const invoiceProblems = {
  required: true,
  decimal: true,
  positive: true,
  tooManyDecimals: true,
  currency: true,
  hsCode: true,
  lineItems: true,
  notObject: true,
  totalMismatch: true,
} satisfies Record<InvoiceProblemCode, true>;

const csvProblems = {
  ...invoiceProblems,
  csvSyntax: true,
  fileTooLarge: true,
  noRows: true,
  tooManyRows: true,
  missingColumn: true,
  duplicateColumn: true,
  badColumn: true,
  reservedColumn: true,
  columnConflict: true,
  columnCount: true,
  documentType: true,
  documentNumber: true,
  duplicateNumber: true,
  validUntil: true,
  subjectTooLarge: true,
} satisfies Record<CsvProblemCode, true>;

const payloadProblems = {
  syntax: true,
  notObject: true,
  reserved: true,
  nonIntegerNumber: true,
  tooLarge: true,
} satisfies Record<PayloadProblemCode, true>;

const statusActions = { revoke: true, suspend: true, unsuspend: true } satisfies Record<StatusAction, true>;

type Tree = { [key: string]: string | Tree };

const lookup = (tree: Tree, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => {
    if (typeof node === 'object' && node !== null && part in node) {
      return (node as Tree)[part];
    }
    return undefined;
  }, tree);

// The server's error codes, read from its source so a code added there is caught here.
const serverErrorCodes = (): string[] => {
  const path = fileURLToPath(new URL('../../../../server/src/modules/documents/errors.ts', import.meta.url));
  return [
    ...new Set([...readFileSync(path, 'utf8').matchAll(/'(documents\.[a-z_]+)'/g)].map((m) => m[1] ?? '')),
  ];
};

describe('documents translations', () => {
  const keys = [
    ...DOCUMENT_TYPES.map((type) => `documents.types.${type}`),
    ...DOCUMENT_STATUSES.map((status) => `documents.statuses.${status}`),
    ...UNIT_CODES.map((unit) => `documents.units.${unit}`),
    ...Object.keys(invoiceProblems).map((code) => `documents.validation.${code}`),
    ...Object.keys(csvProblems).map((code) => `documents.import.problems.${code}`),
    ...Object.keys(payloadProblems).map((code) => `documents.json.problems.${code}`),
    ...Object.keys(statusActions).flatMap((action) =>
      ['Title', 'Consequence', 'Confirm', 'Done'].map((suffix) => `documents.actions.${action}${suffix}`),
    ),
    ...['revocation', 'suspension'].map((purpose) => `documents.detail.statusPurpose.${purpose}`),
    ...['seller', 'buyer'].flatMap((party) => [
      `documents.invoice.${party}`,
      `documents.invoice.${party}Name`,
    ]),
    ...serverErrorCodes().map((code) => `errors.${code}`),
  ];

  it('exist in both languages for every code the pages compute a key for', () => {
    const missing = keys.flatMap((key) =>
      [
        ['zh-CN', zhCN],
        ['en', en],
      ].flatMap(([language, tree]) => {
        const value = lookup(tree as Tree, key);
        return typeof value === 'string' && value.trim() !== '' ? [] : [`${language}:${key}`];
      }),
    );
    expect(missing).toEqual([]);
    console.info(`i18n: checked ${keys.length} computed documents keys`);
  });

  it('cover every error code of the documents module', () => {
    // Eight problem codes and four field codes when this was written; fewer means the scan broke.
    expect(serverErrorCodes().length).toBeGreaterThanOrEqual(12);
  });
});
