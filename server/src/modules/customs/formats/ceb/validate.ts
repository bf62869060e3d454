// Checks a parsed XML element tree against the compiled model and turns it into plain records.
// Every problem becomes a field error with a path such as `Order[0].OrderHead.orderNo`; checking goes
// on after a problem so the sender sees all of them (up to MAX_ERRORS) at once.
import type { FieldError } from '@tradehub/kernel';
import type { XmlElement } from '../../../../platform/xml/index.ts';
import { decimalDigits, parseCebDecimal } from './decimal.ts';
import {
  CEB_NAMESPACE,
  type CebAttribute,
  type CebComplexElement,
  type CebElement,
  type CebSimpleType,
  XMLDSIG_NAMESPACE,
} from './schema-model.ts';

/** A CEB business record in schema terms: leaf values are strings, repeating elements arrays. */
export type CebRecord = { [elementLocalName: string]: string | CebRecord | CebRecord[] };

/** Stop collecting after this many errors: enough to fix a message, bounded for hostile input. */
export const MAX_ERRORS = 50;

/** The field error codes of this module (translated under fieldErrors.customs.* in the web app). */
export const CEB_FIELD_ERROR_CODES = [
  'customs.required',
  'customs.too_long',
  'customs.too_short',
  'customs.wrong_length',
  'customs.not_decimal',
  'customs.not_integer',
  'customs.too_many_digits',
  'customs.too_many_decimals',
  'customs.not_in_code_list',
  'customs.pattern_mismatch',
  'customs.unexpected_element',
  'customs.unexpected_text',
  'customs.unexpected_attribute',
  'customs.out_of_order',
  'customs.too_many',
  'customs.wrong_namespace',
  'customs.unknown_message',
  'customs.signature_required',
  'customs.invalid_guid',
  'customs.invalid_date',
  'customs.amount_mismatch',
  'customs.id_number_invalid',
] as const;
export type CebFieldErrorCode = (typeof CEB_FIELD_ERROR_CODES)[number];

/** Collects field errors up to MAX_ERRORS. */
export class ErrorSink {
  readonly errors: FieldError[] = [];
  add(field: string, code: CebFieldErrorCode, message: string): void {
    if (this.errors.length < MAX_ERRORS) {
      this.errors.push({ field, code, message });
    }
  }
  get full(): boolean {
    return this.errors.length >= MAX_ERRORS;
  }
}

const INT_MIN = -2147483648n;
const INT_MAX = 2147483647n;
const characterCount = (value: string): number => [...value].length;
const joinPath = (parent: string, name: string): string => (parent === '' ? name : `${parent}.${name}`);

// XSD patterns are anchored and use a regex dialect close to JavaScript's for the simple cases a
// schema like this one would use; compiled once per pattern.
const patternCache = new Map<string, RegExp>();
const xsdPattern = (pattern: string): RegExp => {
  let regex = patternCache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(`^(?:${pattern})$`, 'u');
    patternCache.set(pattern, regex);
  }
  return regex;
};

/** Checks one simple value; `value` is the element's text (or an attribute's value). */
export const checkSimpleValue = (value: string, type: CebSimpleType, path: string, sink: ErrorSink): void => {
  // xs:decimal and xs:int collapse whitespace; xs:string keeps it, so it counts towards lengths.
  const text = type.base === 'string' ? value : value.trim();
  const length = characterCount(text);
  if (type.length !== undefined && length !== type.length) {
    sink.add(path, 'customs.wrong_length', `must be exactly ${type.length} characters, got ${length}`);
  }
  if (type.maxLength !== undefined && length > type.maxLength) {
    sink.add(path, 'customs.too_long', `must be at most ${type.maxLength} characters, got ${length}`);
  }
  if (type.minLength !== undefined && length < type.minLength) {
    sink.add(path, 'customs.too_short', `must be at least ${type.minLength} characters, got ${length}`);
  }
  if (type.base === 'decimal') {
    const decimal = parseCebDecimal(text);
    if (decimal === null) {
      sink.add(path, 'customs.not_decimal', 'must be a decimal number such as 12.5 (no exponent)');
    } else {
      const digits = decimalDigits(decimal);
      if (type.totalDigits !== undefined && digits.total > type.totalDigits) {
        sink.add(path, 'customs.too_many_digits', `must have at most ${type.totalDigits} digits in total`);
      }
      if (type.fractionDigits !== undefined && digits.fraction > type.fractionDigits) {
        sink.add(
          path,
          'customs.too_many_decimals',
          `must have at most ${type.fractionDigits} decimal places`,
        );
      }
    }
  }
  if (type.base === 'int') {
    const integer = /^[+-]?\d{1,20}$/.test(text) ? BigInt(text) : null;
    if (integer === null || integer < INT_MIN || integer > INT_MAX) {
      sink.add(path, 'customs.not_integer', 'must be a whole number between -2147483648 and 2147483647');
    } else if (
      type.totalDigits !== undefined &&
      (integer < 0n ? -integer : integer).toString().length > type.totalDigits
    ) {
      sink.add(path, 'customs.too_many_digits', `must have at most ${type.totalDigits} digits`);
    }
  }
  if (type.fixed !== undefined && text !== type.fixed) {
    sink.add(path, 'customs.not_in_code_list', `must be ${type.fixed}`);
  }
  if (type.enumeration !== undefined && !type.enumeration.includes(text)) {
    sink.add(path, 'customs.not_in_code_list', `must be one of ${type.enumeration.join(', ')}`);
  }
  for (const pattern of type.pattern ?? []) {
    if (!xsdPattern(pattern).test(text)) {
      sink.add(path, 'customs.pattern_mismatch', `must match the pattern ${pattern}`);
    }
  }
};

// xsi:schemaLocation and friends are allowed on any element by XSD; parseXml keys attributes by
// local name only, so they are recognised by name.
const XSI_ATTRIBUTES = new Set(['schemaLocation', 'noNamespaceSchemaLocation', 'type', 'nil']);

const checkAttributes = (
  element: XmlElement,
  attributes: readonly CebAttribute[],
  path: string,
  sink: ErrorSink,
): void => {
  for (const attribute of attributes) {
    const value = element.attributes.get(attribute.name);
    const attributePath = path === '' ? `@${attribute.name}` : `${path}.@${attribute.name}`;
    if (value === undefined) {
      if (attribute.required) {
        sink.add(attributePath, 'customs.required', `the attribute ${attribute.name} is required`);
      }
    } else {
      checkSimpleValue(value, attribute.type, attributePath, sink);
    }
  }
  for (const name of element.attributes.keys()) {
    if (!attributes.some((attribute) => attribute.name === name) && !XSI_ATTRIBUTES.has(name)) {
      sink.add(
        path === '' ? `@${name}` : `${path}.@${name}`,
        'customs.unexpected_attribute',
        `unknown attribute ${name}`,
      );
    }
  }
};

const expectedNamespace = (model: CebElement): string => (model.kind === 'opaque' ? model.ns : CEB_NAMESPACE);

/**
 * Validates `element` against a complex model and returns its record. `path` is the element's own path
 * ('' for the root). Children are matched to the XSD sequence in order.
 */
export const readComplex = (
  element: XmlElement,
  model: CebComplexElement,
  path: string,
  sink: ErrorSink,
  options: { missingSignatureCode?: CebFieldErrorCode } = {},
): CebRecord => {
  const record: CebRecord = {};
  checkAttributes(element, model.attributes, path, sink);
  if (element.text.trim() !== '') {
    sink.add(path || '@text', 'customs.unexpected_text', `${model.name} holds elements, not text`);
  }
  const counts = new Array<number>(model.children.length).fill(0);
  let position = 0;
  const checkMissing = (from: number, to: number): void => {
    for (let index = from; index < to; index += 1) {
      const child = model.children[index] as CebElement;
      const count = counts[index] ?? 0;
      if (count < child.minOccurs) {
        const missingPath = joinPath(path, child.maxOccurs > 1 ? `${child.name}[${count}]` : child.name);
        if (child.kind === 'opaque' && child.ns === XMLDSIG_NAMESPACE) {
          sink.add(
            missingPath,
            options.missingSignatureCode ?? 'customs.signature_required',
            `a ds:Signature is required on ${model.name}`,
          );
        } else {
          sink.add(missingPath, 'customs.required', `${child.name} is required`);
        }
      }
    }
  };
  for (const child of element.children) {
    if (sink.full) {
      break;
    }
    const index = model.children.findIndex((m) => m.name === child.name && expectedNamespace(m) === child.ns);
    if (index < 0) {
      const sameName = model.children.some((m) => m.name === child.name);
      const childPath = joinPath(path, child.name);
      if (sameName) {
        sink.add(
          childPath,
          'customs.wrong_namespace',
          `${child.name} must be in the CEB namespace ${CEB_NAMESPACE}`,
        );
      } else {
        sink.add(childPath, 'customs.unexpected_element', `${model.name} has no element ${child.name}`);
      }
      continue;
    }
    const childModel = model.children[index] as CebElement;
    const count = counts[index] ?? 0;
    const childPath = joinPath(
      path,
      childModel.maxOccurs > 1 ? `${childModel.name}[${count}]` : childModel.name,
    );
    if (index < position) {
      // Counted, so it is not also reported missing: the sender has it, just in the wrong place.
      counts[index] = count + 1;
      const next = model.children[position] as CebElement;
      sink.add(childPath, 'customs.out_of_order', `${childModel.name} must come before ${next.name}`);
      continue;
    }
    position = index;
    counts[index] = count + 1;
    if (count + 1 > childModel.maxOccurs) {
      sink.add(childPath, 'customs.too_many', `at most ${childModel.maxOccurs} ${childModel.name} allowed`);
      continue;
    }
    const value = readElement(child, childModel, childPath, sink);
    if (childModel.maxOccurs > 1) {
      const list = record[childModel.name];
      if (Array.isArray(list)) {
        list.push(value as CebRecord);
      } else {
        record[childModel.name] = [value as CebRecord];
      }
    } else {
      record[childModel.name] = value;
    }
  }
  // Missing elements are reported last, once the whole sequence has been seen.
  checkMissing(0, model.children.length);
  return record;
};

const readElement = (
  element: XmlElement,
  model: CebElement,
  path: string,
  sink: ErrorSink,
): string | CebRecord => {
  switch (model.kind) {
    case 'opaque':
      // Presence only: see CebOpaqueElement.
      return {};
    case 'complex':
      return readComplex(element, model, path, sink);
    case 'simple': {
      for (const child of element.children) {
        sink.add(
          joinPath(path, child.name),
          'customs.unexpected_element',
          `${model.name} holds text, not elements`,
        );
      }
      if (element.attributes.size > 0) {
        checkAttributes(element, [], path, sink);
      }
      checkSimpleValue(element.text, model.type, path, sink);
      return model.type.base === 'string' ? element.text : element.text.trim();
    }
  }
};
