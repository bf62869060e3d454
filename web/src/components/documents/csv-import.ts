// Batch import: one CSV row (RFC 4180, parsed by the kernel) is one document. The header names
// where each cell goes: `documentType`, `documentNumber` and `validUntil` are the document's own
// fields, every other column is a path into the subject, dotted, with numbers for list positions
// (`seller.name`, `lineItems.0.quantity`). Cells stay strings, so amounts, HS codes and numbers
// with leading zeros arrive exactly as written.
import { canonicalizeToBytes, formatCsv, isAppError, type JsonValue, parseCsv } from '@tradehub/kernel';
import type { DocumentIssueInput } from '../../api/documents.ts';
import {
  BATCH_MAX_DOCUMENTS,
  DOCUMENT_NUMBER_MAX,
  isDocumentType,
  RESERVED_SUBJECT_KEYS,
  SUBJECT_MAX_BYTES,
} from './document-types.ts';
import { completeInvoiceSubject, type InvoiceProblemCode, type JsonObject } from './invoice.ts';

/** i18n keys under `documents.import.problems` (file-level and cell-level). */
export type CsvProblemCode =
  | 'csvSyntax'
  | 'fileTooLarge'
  | 'noRows'
  | 'tooManyRows'
  | 'missingColumn'
  | 'duplicateColumn'
  | 'badColumn'
  | 'reservedColumn'
  | 'columnConflict'
  | 'columnCount'
  | 'documentType'
  | 'documentNumber'
  | 'duplicateNumber'
  | 'validUntil'
  | 'subjectTooLarge'
  | InvoiceProblemCode;

/**
 * `row` is the record's position in the file (the header is row 1), `column` the header name the
 * problem is about; either is null when the problem is about the whole file or the whole row.
 */
export type CsvProblem = { row: number | null; column: string | null; code: CsvProblemCode; detail?: string };

export type CsvImportRow = { row: number; input: DocumentIssueInput };

export type CsvImportResult = { documents: CsvImportRow[]; problems: CsvProblem[] };

/** Larger files are refused before parsing: 1,000 rich rows fit well inside this. */
export const CSV_MAX_BYTES = 8 * 1024 * 1024;

const OWN_COLUMNS = ['documentType', 'documentNumber', 'validUntil'] as const;
const NAME_SEGMENT = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// List positions up to 999: one document row does not hold more lines than that.
const INDEX_SEGMENT = /^(?:0|[1-9]\d{0,2})$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;

type Shape =
  | { kind: 'leaf'; column: number }
  | { kind: 'object'; children: Map<string, Shape> }
  | { kind: 'array'; children: Map<number, Shape> };

/**
 * `validUntil` as the server wants it (an xsd dateTime). A bare date means the end of that day in
 * UTC, the reading least likely to cut a document's validity short. Null when not a valid date.
 */
export const normaliseValidUntil = (value: string): string | null => {
  const text = value.trim();
  const candidate = DATE_ONLY.test(text) ? `${text}T23:59:59.999Z` : text;
  if (!DATE_TIME.test(candidate)) {
    return null;
  }
  const date = new Date(candidate);
  // Date accepts 2026-02-30 by rolling over; the round trip of the day catches that.
  if (Number.isNaN(date.getTime())) {
    return null;
  }
  if (DATE_ONLY.test(text) && date.toISOString().slice(0, 10) !== text) {
    return null;
  }
  return date.toISOString();
};

// Builds the tree of subject paths the header describes, reporting names that cannot be paths and
// paths that would put a value and an object (or a list) in the same place.
const shapeOfHeader = (header: readonly string[], problems: CsvProblem[]): Map<string, Shape> => {
  const root: Map<string, Shape> = new Map();
  header.forEach((name, column) => {
    if ((OWN_COLUMNS as readonly string[]).includes(name)) {
      return;
    }
    const segments = name.split('.');
    const [first] = segments;
    if (
      first === undefined ||
      !NAME_SEGMENT.test(first) ||
      segments.some((s) => !NAME_SEGMENT.test(s) && !INDEX_SEGMENT.test(s))
    ) {
      problems.push({ row: 1, column: name, code: 'badColumn' });
      return;
    }
    if ((RESERVED_SUBJECT_KEYS as readonly string[]).includes(first)) {
      problems.push({ row: 1, column: name, code: 'reservedColumn' });
      return;
    }
    let children: Map<string, Shape> | Map<number, Shape> = root;
    for (let i = 0; i < segments.length; i++) {
      const segment = segments[i] as string;
      const last = i === segments.length - 1;
      const nextIsIndex = !last && INDEX_SEGMENT.test(segments[i + 1] as string);
      const wanted: Shape['kind'] = last ? 'leaf' : nextIsIndex ? 'array' : 'object';
      const isIndex = INDEX_SEGMENT.test(segment) && i > 0;
      const existing: Shape | undefined = isIndex
        ? (children as Map<number, Shape>).get(Number(segment))
        : (children as Map<string, Shape>).get(segment);
      if (existing !== undefined && (existing.kind !== wanted || wanted === 'leaf')) {
        problems.push({ row: 1, column: name, code: 'columnConflict' });
        return;
      }
      const node: Shape =
        existing ??
        (wanted === 'leaf'
          ? { kind: 'leaf', column }
          : wanted === 'array'
            ? { kind: 'array', children: new Map<number, Shape>() }
            : { kind: 'object', children: new Map<string, Shape>() });
      if (existing === undefined) {
        if (isIndex) {
          (children as Map<number, Shape>).set(Number(segment), node);
        } else {
          (children as Map<string, Shape>).set(segment, node);
        }
      }
      if (node.kind !== 'leaf') {
        children = node.children;
      }
    }
  });
  return root;
};

// The value a shape takes in one row; empty cells, objects and lists are left out, so a template
// with room for ten invoice lines is fine for an invoice with three.
const cellValue = (shape: Shape, cells: readonly string[]): JsonValue | undefined => {
  if (shape.kind === 'leaf') {
    const cell = (cells[shape.column] ?? '').trim();
    return cell === '' ? undefined : cell;
  }
  if (shape.kind === 'array') {
    const items = [...shape.children.entries()]
      .sort(([a], [b]) => a - b)
      .map(([, child]) => cellValue(child, cells))
      .filter((item): item is JsonValue => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  return objectOf(shape.children, cells);
};

const objectOf = (children: Map<string, Shape>, cells: readonly string[]): JsonObject | undefined => {
  const out: JsonObject = {};
  for (const [key, child] of children) {
    const value = cellValue(child, cells);
    if (value !== undefined) {
      out[key] = value;
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
};

const byteLength = (text: string): number => new TextEncoder().encode(text).length;

/**
 * The text of an uploaded CSV file. Excel's "CSV UTF-8" is read as such; a file that is not valid
 * UTF-8 is read as GB 18030, the encoding Excel uses for a plain "CSV" on Chinese Windows, so a
 * Chinese user's export is not turned into mojibake.
 */
export const decodeCsvBytes = (bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'gb18030' } => {
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
  }
};

/** Maps a CSV file to the batch request's documents, or says for each row and column what is wrong. */
export const mapCsvDocuments = (text: string): CsvImportResult => {
  const problems: CsvProblem[] = [];
  if (byteLength(text) > CSV_MAX_BYTES) {
    return { documents: [], problems: [{ row: null, column: null, code: 'fileTooLarge' }] };
  }
  let rows: string[][];
  try {
    rows = parseCsv(text);
  } catch (error) {
    const detail = isAppError(error) ? error.message : String(error);
    return { documents: [], problems: [{ row: null, column: null, code: 'csvSyntax', detail }] };
  }
  const header = (rows[0] ?? []).map((name) => name.trim());
  for (const required of ['documentType', 'documentNumber']) {
    if (!header.includes(required)) {
      problems.push({ row: 1, column: required, code: 'missingColumn' });
    }
  }
  const seen = new Set<string>();
  for (const name of header) {
    if (seen.has(name)) {
      problems.push({ row: 1, column: name, code: 'duplicateColumn' });
    }
    seen.add(name);
  }
  const shape = shapeOfHeader(header, problems);
  if (problems.length > 0) {
    return { documents: [], problems };
  }

  const dataRows = rows
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(1)
    .filter(({ cells }) => cells.some((cell) => cell.trim() !== ''));
  if (dataRows.length === 0) {
    return { documents: [], problems: [{ row: null, column: null, code: 'noRows' }] };
  }
  if (dataRows.length > BATCH_MAX_DOCUMENTS) {
    return {
      documents: [],
      problems: [{ row: null, column: null, code: 'tooManyRows', detail: String(dataRows.length) }],
    };
  }

  const cellOf = (cells: readonly string[], name: string): string =>
    (cells[header.indexOf(name)] ?? '').trim();
  const numbers = new Map<string, number>();
  const documents: CsvImportRow[] = [];
  for (const { cells, row } of dataRows) {
    const before = problems.length;
    if (cells.length !== header.length) {
      problems.push({ row, column: null, code: 'columnCount', detail: `${cells.length}/${header.length}` });
      continue;
    }
    const documentType = cellOf(cells, 'documentType');
    if (!isDocumentType(documentType)) {
      problems.push({ row, column: 'documentType', code: 'documentType', detail: documentType });
    }
    const documentNumber = cellOf(cells, 'documentNumber');
    if (documentNumber === '' || documentNumber.length > DOCUMENT_NUMBER_MAX) {
      problems.push({ row, column: 'documentNumber', code: 'documentNumber' });
    } else if (numbers.has(documentNumber)) {
      problems.push({
        row,
        column: 'documentNumber',
        code: 'duplicateNumber',
        detail: String(numbers.get(documentNumber)),
      });
    } else {
      numbers.set(documentNumber, row);
    }
    let validUntil: string | null = null;
    if (header.includes('validUntil') && cellOf(cells, 'validUntil') !== '') {
      validUntil = normaliseValidUntil(cellOf(cells, 'validUntil'));
      if (validUntil === null) {
        problems.push({ row, column: 'validUntil', code: 'validUntil' });
      }
    }
    let subject: JsonObject = objectOf(shape, cells) ?? {};
    if (documentType === 'CommercialInvoice') {
      const completed = completeInvoiceSubject(subject);
      subject = completed.subject;
      // Paths count list positions among the lines that have cells, which is the header's own
      // numbering unless a line is left empty in the middle.
      for (const problem of completed.problems) {
        problems.push({ row, column: problem.path, code: problem.code });
      }
    }
    if (canonicalizeToBytes(subject).length > SUBJECT_MAX_BYTES) {
      problems.push({ row, column: null, code: 'subjectTooLarge' });
    }
    if (problems.length === before && isDocumentType(documentType)) {
      const input: DocumentIssueInput = { documentType, documentNumber, subject };
      if (validUntil !== null) {
        input.validUntil = validUntil;
      }
      documents.push({ row, input });
    }
  }
  return problems.length > 0 ? { documents: [], problems } : { documents, problems };
};

/**
 * The CSV row a server field error is about: the batch answers `documents.<i>.<field>` for the
 * i-th document sent, which came from `documents[i].row` of the file. Null for other fields.
 */
export const rowOfBatchField = (
  field: string,
  sent: readonly CsvImportRow[],
): { row: number; column: string } | null => {
  const match = /^\/?documents[./](\d+)(?:[./](.*))?$/.exec(field);
  const sentRow = match ? sent[Number(match[1])] : undefined;
  if (!match || sentRow === undefined) {
    return null;
  }
  // `subject.seller.name` is the column `seller.name`; the document's own fields keep their name.
  const column = (match[2] ?? '').replaceAll('/', '.').replace(/^subject\.?/, '');
  return { row: sentRow.row, column };
};

/** A starting file: the header for an invoice with two lines and one filled-in example row. */
export const csvTemplate = (): string =>
  formatCsv([
    [
      'documentType',
      'documentNumber',
      'validUntil',
      'invoiceDate',
      'currency',
      'incoterms',
      'seller.name',
      'seller.country',
      'buyer.name',
      'buyer.country',
      'lineItems.0.description',
      'lineItems.0.hsCode',
      'lineItems.0.quantity',
      'lineItems.0.unitCode',
      'lineItems.0.unitPrice',
      'lineItems.1.description',
      'lineItems.1.hsCode',
      'lineItems.1.quantity',
      'lineItems.1.unitCode',
      'lineItems.1.unitPrice',
    ],
    [
      'CommercialInvoice',
      'INV-2026-0001',
      '',
      '2026-03-04',
      'USD',
      'FOB',
      'Yiwu Commodities Co., Ltd.',
      'CN',
      'Elbe Handelshaus GmbH',
      'DE',
      'Ceramic mugs',
      '6912.00',
      '1200',
      'H87',
      '1.85',
      'Gift boxes',
      '4819.20',
      '100',
      'H87',
      '0.3250',
    ],
  ]);
