// Rules of the CEB specification that the XSD does not express (reference §1, §2.2–2.5). They run
// on a message that already passed the schema, so every field here has the shape the XSD demands.
import { type FieldError, validatePrcIdNumber } from '@tradehub/kernel';
import {
  addDecimals,
  type CebDecimal,
  decimalEquals,
  formatCebDecimal,
  multiplyDecimals,
  negateDecimal,
  parseCebDecimal,
} from './decimal.ts';
import type { CebMessage } from './message-types.ts';
import {
  type CebComplexElement,
  type CebElement,
  type CebMessageType,
  cebMessageModel,
} from './schema-model.ts';
import { type CebRecord, ErrorSink } from './validate.ts';

export type CebBusinessRuleOptions = {
  /** Today as YYYY-MM-DD for the ID-number birth-date check; defaults to today in China. */
  today?: string;
  /** Skip the signature rule: the message is about to be signed (used by buildCebMessage). */
  unsigned?: boolean;
};

// The spec asks for 36 uppercase characters; official samples use non-hex letters (5923DGGB-…), so
// this is deliberately not a UUID check.
const GUID = /^[0-9A-Z-]{36}$/;

/** Messages whose declarations (appStatus 2) must carry ds:Signature (XSD annotation, reference §1). */
const SIGNED_WHEN_DECLARED: readonly CebMessageType[] = ['CEB621', 'CEB623', 'CEB625', 'CEB711'];

const isRealDateTime = (value: string): boolean => {
  if (!/^\d+$/.test(value)) {
    return false;
  }
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(4, 6));
  const day = Number(value.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  const dateOk =
    year >= 1900 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (value.length === 8) {
    return dateOk;
  }
  const hour = Number(value.slice(8, 10));
  const minute = Number(value.slice(10, 12));
  const second = Number(value.slice(12, 14));
  return dateOk && hour <= 23 && minute <= 59 && second <= 59;
};

const DATE_FORMATS: Record<number, string> = { 8: 'YYYYMMDD', 14: 'YYYYMMDDhhmmss', 17: 'YYYYMMDDhhmmssSSS' };

const decimalOf = (record: CebRecord, name: string): CebDecimal | null => {
  const value = record[name];
  return typeof value === 'string' ? parseCebDecimal(value.trim()) : null;
};

const recordsOf = (value: CebRecord[string] | undefined): CebRecord[] =>
  value === undefined || typeof value === 'string' ? [] : Array.isArray(value) ? value : [value];

/** Checks one record's leaf fields against the field rules that apply to every message. */
const checkFields = (
  record: CebRecord,
  model: CebComplexElement,
  path: string,
  direction: CebMessage['direction'],
  options: CebBusinessRuleOptions,
  sink: ErrorSink,
): void => {
  for (const child of model.children) {
    const value = record[child.name];
    if (value === undefined) {
      continue;
    }
    if (child.kind === 'complex') {
      recordsOf(value).forEach((item, index) => {
        const name = child.maxOccurs > 1 ? `${child.name}[${index}]` : child.name;
        checkFields(item, child, path === '' ? name : `${path}.${name}`, direction, options, sink);
      });
      continue;
    }
    if (typeof value !== 'string' || child.kind !== 'simple') {
      continue;
    }
    checkLeaf(child, value, `${path}.${child.name}`, direction, sink);
  }
  checkIdNumber(record, 'buyerIdType', 'buyerIdNumber', path, options, sink);
  checkIdNumber(record, 'payerIdType', 'payerIdNumber', path, options, sink);
};

const checkLeaf = (
  child: CebElement & { kind: 'simple' },
  value: string,
  path: string,
  direction: CebMessage['direction'],
  sink: ErrorSink,
): void => {
  const format = DATE_FORMATS[child.type.length ?? 0];
  if (child.name === 'guid' && !GUID.test(value)) {
    sink.add(path, 'customs.invalid_guid', 'must be 36 characters of 0-9, A-Z and "-" (upper case)');
  } else if (
    format !== undefined &&
    /(Time|Date)$/.test(child.name) &&
    value !== '' &&
    !isRealDateTime(value)
  ) {
    sink.add(path, 'customs.invalid_date', `must be a real date and time written ${format}`);
  } else if (child.name === 'currency' && direction === 'import' && value !== '142') {
    sink.add(path, 'customs.not_in_code_list', 'must be 142 (CNY) on import');
  } else if (child.name === 'appType' && !['1', '2', '3'].includes(value)) {
    sink.add(path, 'customs.not_in_code_list', 'must be 1 (new), 2 (change) or 3 (delete)');
  } else if (child.name === 'appStatus' && !['1', '2'].includes(value)) {
    sink.add(path, 'customs.not_in_code_list', 'must be 1 (save) or 2 (declare)');
  }
};

const checkIdNumber = (
  record: CebRecord,
  typeField: string,
  numberField: string,
  path: string,
  options: CebBusinessRuleOptions,
  sink: ErrorSink,
): void => {
  const number = record[numberField];
  if (record[typeField] !== '1' || typeof number !== 'string') {
    return;
  }
  const result = validatePrcIdNumber(number, options.today === undefined ? {} : { today: options.today });
  if (!result.ok) {
    sink.add(
      `${path}.${numberField}`,
      'customs.id_number_invalid',
      `${typeField} 1 requires a valid PRC resident identity number (GB 11643): ${result.message}`,
    );
  }
};

const checkLineTotals = (lines: CebRecord[], path: string, name: string, sink: ErrorSink): void => {
  lines.forEach((line, index) => {
    const price = decimalOf(line, 'price');
    const qty = decimalOf(line, 'qty');
    const total = decimalOf(line, 'totalPrice');
    if (
      price !== null &&
      qty !== null &&
      total !== null &&
      !decimalEquals(total, multiplyDecimals(price, qty))
    ) {
      sink.add(
        `${path}.${name}[${index}].totalPrice`,
        'customs.amount_mismatch',
        `must equal price × qty = ${formatCebDecimal(multiplyDecimals(price, qty))}`,
      );
    }
  });
};

const checkOrderAmounts = (head: CebRecord, path: string, sink: ErrorSink): void => {
  const [goodsValue, freight, taxTotal, discount, paid] = [
    'goodsValue',
    'freight',
    'taxTotal',
    'discount',
    'acturalPaid',
  ].map((name) => decimalOf(head, name));
  if (goodsValue && freight && taxTotal && discount && paid) {
    const expected = addDecimals(
      addDecimals(goodsValue, freight),
      addDecimals(taxTotal, negateDecimal(discount)),
    );
    if (!decimalEquals(paid, expected)) {
      sink.add(
        `${path}.acturalPaid`,
        'customs.amount_mismatch',
        `must equal goodsValue + freight + taxTotal − discount = ${formatCebDecimal(expected)}`,
      );
    }
  }
};

/**
 * The business rules beyond the XSD. Returns the field errors (empty when the message passes), so
 * callers can tell them from schema errors, which parseCebMessage raises first.
 */
export const checkCebBusinessRules = (
  message: Pick<CebMessage, 'messageType' | 'guid' | 'documents' | 'signature'> & Partial<CebMessage>,
  options: CebBusinessRuleOptions = {},
): FieldError[] => {
  const model = cebMessageModel(message.messageType);
  const sink = new ErrorSink();
  if (!GUID.test(message.guid)) {
    sink.add('@guid', 'customs.invalid_guid', 'must be 36 characters of 0-9, A-Z and "-" (upper case)');
  }
  const document = model.document;
  message.documents.forEach((record, index) => {
    const path = document.maxOccurs > 1 ? `${document.name}[${index}]` : document.name;
    if (document.kind === 'complex') {
      checkFields(record, document, path, model.direction, options, sink);
    }
    // Flat documents (InvtCancel) carry appStatus themselves; the others in their *Head record.
    const head =
      record.appStatus === undefined
        ? (Object.values(record).find((value) => typeof value === 'object' && !Array.isArray(value)) as
            | CebRecord
            | undefined)
        : record;
    if (message.messageType === 'CEB311') {
      const orderHead = recordsOf(record.OrderHead)[0];
      if (orderHead !== undefined) {
        checkOrderAmounts(orderHead, `${path}.OrderHead`, sink);
      }
      checkLineTotals(recordsOf(record.OrderList), path, 'OrderList', sink);
    }
    if (message.messageType === 'CEB621') {
      checkLineTotals(recordsOf(record.InventoryList), path, 'InventoryList', sink);
    }
    if (
      !options.unsigned &&
      SIGNED_WHEN_DECLARED.includes(message.messageType) &&
      head?.appStatus === '2' &&
      message.signature === undefined &&
      !sink.errors.some((error) => error.code === 'customs.signature_required')
    ) {
      sink.add(
        'Signature',
        'customs.signature_required',
        'a declaration (appStatus 2) must carry ds:Signature',
      );
    }
  });
  for (const [name, value] of [
    ['BaseTransfer', message.baseTransfer],
    ['BaseSubscribe', message.baseSubscribe],
  ] as const) {
    const child = model.root.children.find((c) => c.name === name);
    if (child?.kind === 'complex') {
      recordsOf(value).forEach((record, index) => {
        checkFields(
          record,
          child,
          child.maxOccurs > 1 ? `${name}[${index}]` : name,
          model.direction,
          options,
          sink,
        );
      });
    }
  }
  return sink.errors;
};
