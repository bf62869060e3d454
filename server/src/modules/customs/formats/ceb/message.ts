// Reading and writing whole CEB messages (CEBnnnMessage roots), driven by the compiled schema model.
import { AppError, type FieldError } from '@tradehub/kernel';
import { parseXml, renderXml, type XmlElementNode } from '../../../../platform/xml/index.ts';
import { checkCebBusinessRules } from './business-rules.ts';
import { formatCebDecimal, parseDecimalInput } from './decimal.ts';
import type { CebMessage } from './message-types.ts';
import {
  CEB_NAMESPACE,
  type CebComplexElement,
  type CebElement,
  type CebMessageType,
  cebMessageModel,
  isCebMessageType,
} from './schema-model.ts';
import { type CebRecord, ErrorSink, readComplex } from './validate.ts';

export type ParseCebOptions = {
  /**
   * Run checkCebBusinessRules as part of parsing (default true). Turn it off to read a message whose
   * schema is fine but whose business content is not (e.g. the official samples, see README.md), then
   * call checkCebBusinessRules yourself.
   */
  businessRules?: boolean;
  /** Today as YYYY-MM-DD for the ID-number birth-date check; defaults to today in China. */
  today?: string;
};

/** Largest message accepted: 10 MiB of text, counted in UTF-16 code units (as the XML reader counts). */
export const CEB_MAX_MESSAGE_CHARS = 10 * 1024 * 1024;
// A full CEB621 (100 inventories × 99 lines of ~21 fields) has about 215,000 elements, above the
// reader's default cap of 200,000; 500,000 leaves room and still bounds memory.
const XML_LIMITS = { maxChars: CEB_MAX_MESSAGE_CHARS, maxDepth: 32, maxElements: 500_000 };

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const invalid = (fieldErrors: FieldError[]): AppError =>
  new AppError('customs.message_invalid', 'The CEB message does not follow the customs schema', {
    fieldErrors,
  });

/**
 * Parses and validates a CEB message: namespace by URI (prefix or default namespace), root
 * `CEBnnnMessage`, every element against the official XSD model, then (unless turned off) the
 * business rules. Throws AppError `customs.message_invalid` with all field errors found, or the XML
 * reader's `http.validation_failed` (xml.* codes) when the text is not acceptable XML at all.
 */
export const parseCebMessage = (xml: string, options: ParseCebOptions = {}): CebMessage => {
  const message = readCebMessage(xml, {});
  if (options.businessRules !== false) {
    const errors = checkCebBusinessRules(
      message,
      options.today === undefined ? {} : { today: options.today },
    );
    if (errors.length > 0) {
      throw invalid(errors);
    }
  }
  return message;
};

const readCebMessage = (xml: string, { unsigned = false }: { unsigned?: boolean }): CebMessage => {
  const text = typeof xml === 'string' ? xml.replace(/^\uFEFF/, '') : xml;
  if (typeof text === 'string' && text.trim() === '') {
    throw invalid([{ field: 'file', code: 'customs.required', message: 'the message is empty' }]);
  }
  // A lone UTF-16 surrogate is not an XML character (and cannot be sent as UTF-8); the platform
  // reader lets it through, so it is refused here the way the reader refuses other bad characters.
  if (typeof text === 'string' && LONE_SURROGATE.test(text)) {
    throw new AppError('http.validation_failed', 'The file is not acceptable XML', {
      fieldErrors: [
        { field: 'file', code: 'xml.not_well_formed', message: 'the text holds an unpaired surrogate' },
      ],
    });
  }
  const root = parseXml(text, XML_LIMITS);
  if (root.ns !== CEB_NAMESPACE) {
    throw invalid([
      {
        field: root.name,
        code: 'customs.wrong_namespace',
        message: `the root element must be in the namespace ${CEB_NAMESPACE}`,
      },
    ]);
  }
  const code = /^(CEB\d{3})Message$/.exec(root.name)?.[1] ?? '';
  if (!isCebMessageType(code)) {
    throw invalid([
      { field: root.name, code: 'customs.unknown_message', message: `${root.name} is not a CEB message` },
    ]);
  }
  const model = cebMessageModel(code);
  const sink = new ErrorSink();
  const record = readComplex(root, model.root, '', sink);
  if (unsigned) {
    // Built messages are signed afterwards (the enveloped signature covers the rest of the message).
    sink.errors.splice(
      0,
      sink.errors.length,
      ...sink.errors.filter((error) => error.code !== 'customs.signature_required'),
    );
  }
  if (sink.errors.length > 0) {
    throw invalid(sink.errors);
  }
  const documents = record[model.document.name];
  const list = (value: unknown): CebRecord[] => (Array.isArray(value) ? value : []);
  const one = (value: unknown): CebRecord | undefined =>
    typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as CebRecord) : undefined;
  const baseTransfer = one(record.BaseTransfer);
  const baseSubscribe = list(record.BaseSubscribe);
  const extendMessage = one(record.ExtendMessage);
  return {
    messageType: code,
    direction: model.direction,
    guid: root.attributes.get('guid') ?? '',
    version: root.attributes.get('version') ?? '',
    documents: Array.isArray(documents) ? documents : documents === undefined ? [] : [one(documents) ?? {}],
    ...(baseTransfer === undefined ? {} : { baseTransfer }),
    ...(baseSubscribe.length === 0 ? {} : { baseSubscribe }),
    ...(extendMessage === undefined ? {} : { extendMessage }),
    ...(record.Signature === undefined ? {} : { signature: { present: true as const } }),
    raw: xml,
  };
};

/** What buildCebMessage writes; records are in the same shape parseCebMessage returns. */
export type BuildCebInput = {
  guid: string;
  version?: string;
  documents: CebRecord[];
  baseTransfer?: CebRecord;
  baseSubscribe?: CebRecord[];
  extendMessage?: CebRecord;
};

const PREFIX = 'ceb';

/**
 * Writes a record under `model`, children in XSD sequence order. Keys the model does not know are
 * reported, so a typo in a field name is not silently dropped.
 */
const writeComplex = (
  model: CebComplexElement,
  record: CebRecord,
  path: string,
  sink: ErrorSink,
): XmlElementNode => {
  const children: XmlElementNode[] = [];
  for (const key of Object.keys(record)) {
    if (!model.children.some((child) => child.name === key)) {
      sink.add(
        path === '' ? key : `${path}.${key}`,
        'customs.unexpected_element',
        `${model.name} has no element ${key}`,
      );
    }
  }
  for (const child of model.children) {
    const value = record[child.name];
    if (value === undefined) {
      continue;
    }
    const values = Array.isArray(value) ? value : [value];
    values.forEach((item, index) => {
      const childPath = `${path === '' ? '' : `${path}.`}${child.maxOccurs > 1 ? `${child.name}[${index}]` : child.name}`;
      children.push(writeElement(child, item, childPath, sink));
    });
  }
  return { name: `${PREFIX}:${model.name}`, attributes: [], children };
};

const writeElement = (
  model: CebElement,
  value: string | CebRecord,
  path: string,
  sink: ErrorSink,
): XmlElementNode => {
  if (model.kind === 'opaque') {
    // Only ExtendMessage/Message can be written (empty); a signature is inserted by the signer.
    return { name: `${PREFIX}:${model.name}`, attributes: [], children: [] };
  }
  if (model.kind === 'complex') {
    if (typeof value === 'string') {
      sink.add(path, 'customs.unexpected_text', `${model.name} holds elements, not text`);
      return { name: `${PREFIX}:${model.name}`, attributes: [], children: [] };
    }
    return writeComplex(model, value, path, sink);
  }
  if (typeof value !== 'string') {
    sink.add(path, 'customs.unexpected_element', `${model.name} holds text, not elements`);
    return { name: `${PREFIX}:${model.name}`, attributes: [], children: [], text: '' };
  }
  let text = value;
  if (model.type.base === 'decimal') {
    text = writeDecimal(value.trim(), model.type.fractionDigits);
  }
  return { name: `${PREFIX}:${model.name}`, attributes: [], children: [], text };
};

/**
 * A decimal in plain notation as the XSD wants it: an exponent ("1.5E3") is written out, and zeros
 * beyond the allowed decimal places are dropped ("1.5000000" → "1.50000"); otherwise the value is
 * kept as given ("200.50" stays), so that a round trip does not rewrite amounts. Anything that is
 * not a number is left for the validator to refuse.
 */
const writeDecimal = (value: string, fractionDigits: number | undefined): string => {
  const plain = /^[+-]?\d*(?:\.(\d*))?$/.exec(value);
  if (plain === null) {
    const decimal = parseDecimalInput(value);
    return decimal === null ? value : formatCebDecimal(decimal);
  }
  const fraction = plain[1] ?? '';
  const allowed = fractionDigits ?? fraction.length;
  if (fraction.length > allowed && /^0*$/.test(fraction.slice(allowed))) {
    const trimmed = value.slice(0, value.length - (fraction.length - allowed));
    return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
  }
  return value;
};

/**
 * Builds a CEB message from records, driven by the compiled model, and refuses (AppError
 * `customs.message_invalid`) anything the parser would refuse. Messages that the XSD requires to be
 * signed (CEB621/623/625/711) are returned unsigned, ready for the signer to insert ds:Signature as
 * the root's last child.
 */
export const buildCebMessage = (
  messageType: CebMessageType,
  input: BuildCebInput,
  options: ParseCebOptions = {},
): string => {
  if (!isCebMessageType(messageType)) {
    throw invalid([
      {
        field: 'messageType',
        code: 'customs.unknown_message',
        message: `${messageType} is not a CEB message`,
      },
    ]);
  }
  const model = cebMessageModel(messageType);
  const sink = new ErrorSink();
  const rootRecord: CebRecord = {
    [model.document.name]: model.document.maxOccurs > 1 ? input.documents : (input.documents[0] ?? {}),
    ...(input.baseTransfer === undefined ? {} : { BaseTransfer: input.baseTransfer }),
    ...(input.baseSubscribe === undefined ? {} : { BaseSubscribe: input.baseSubscribe }),
    ...(input.extendMessage === undefined ? {} : { ExtendMessage: input.extendMessage }),
  };
  if (model.document.maxOccurs <= 1 && input.documents.length > 1) {
    sink.add(`${model.document.name}[1]`, 'customs.too_many', `at most 1 ${model.document.name} allowed`);
  }
  const root = writeComplex(model.root, rootRecord, '', sink);
  if (sink.errors.length > 0) {
    throw invalid(sink.errors);
  }
  root.attributes = [
    ['xmlns:ceb', CEB_NAMESPACE],
    ['guid', input.guid],
    ['version', input.version ?? '1.0'],
  ];
  const xml = renderXml(root);
  // The same validator as for incoming messages: whatever we send, we would accept.
  const message = readCebMessage(xml, { unsigned: true });
  if (options.businessRules !== false) {
    const errors = checkCebBusinessRules(message, {
      ...(options.today === undefined ? {} : { today: options.today }),
      unsigned: true,
    });
    if (errors.length > 0) {
      throw invalid(errors);
    }
  }
  return xml;
};

/** Receipt and customs-sent messages: no BaseTransfer, no signature. */
export const CEB_RECEIPT_MESSAGE_TYPES = [
  'CEB312',
  'CEB412',
  'CEB512',
  'CEB514',
  'CEB622',
  'CEB624',
  'CEB626',
  'CEB712',
  'CEB816',
  'CEB818',
  'CEB900',
  'CEB304',
  'CEB404',
  'CEB506',
  'CEB508',
  'CEB510',
  'CEB604',
  'CEB606',
  'CEB608',
  'CEB702',
  'CEB792',
] as const satisfies readonly CebMessageType[];
export type CebReceiptMessageType = (typeof CEB_RECEIPT_MESSAGE_TYPES)[number];

/**
 * Builds a receipt (CEB312, 622, 304...), the CEB816 tax bill / CEB818 tax status or the CEB900
 * format-check receipt: `returns` are the root's documents (OrderReturn, InventoryReturn, Tax,
 * MessageReturn...) in schema terms.
 */
export const buildCebReceipt = (
  messageType: CebReceiptMessageType,
  input: { guid: string; version?: string; returns: CebRecord[] },
): string =>
  buildCebMessage(messageType, {
    guid: input.guid,
    ...(input.version === undefined ? {} : { version: input.version }),
    documents: input.returns,
  });

export type { CebMessage };
