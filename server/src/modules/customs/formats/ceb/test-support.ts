// Test helpers for the CEB layer: the official samples, xmllint validation against the official
// XSDs, and a fast-check generator of valid records derived from the compiled model.
import { readdirSync, readFileSync } from 'node:fs';
import { prcIdCheckCharacter } from '@tradehub/kernel';
import fc from 'fast-check';
import { validateXML } from 'xmllint-wasm';
import { formatCebDecimal } from './decimal.ts';
import {
  type BuildCebInput,
  type CebComplexElement,
  type CebElement,
  type CebMessageType,
  type CebRecord,
  type CebSimpleElement,
  cebMessageModel,
} from './index.ts';

const officialDir = new URL('./testdata/official/', import.meta.url);

/** The 23 official samples: file name and text (BOM kept, as received). */
export const officialSamples = (): { file: string; messageType: CebMessageType; xml: string }[] =>
  readdirSync(officialDir)
    .filter((file) => file.endsWith('.xml'))
    .sort()
    .map((file) => ({
      file,
      messageType: file.slice(0, 6) as CebMessageType,
      xml: readFileSync(new URL(file, officialDir), 'utf8'),
    }));

const schemaFile = (fileName: string) => ({
  fileName,
  contents: readFileSync(new URL(`./schemas/${fileName}`, import.meta.url), 'utf8'),
});
const schemas = {
  import: schemaFile('进口业务节点报文.xsd'),
  export: schemaFile('出口业务节点报文.xsd'),
  dsig: schemaFile('xmldsig-core-schema.xsd'),
};

/** xmllint's errors for `xml` against the official XSD of this message type ([] when valid). */
export const xmllintErrors = async (xml: string, messageType: CebMessageType): Promise<string[]> => {
  const result = await validateXML({
    xml: [{ fileName: 'message.xml', contents: xml.replace(/^\uFEFF/, '') }],
    schema: [schemas[cebMessageModel(messageType).direction]],
    preload: [schemas.dsig],
  });
  return result.errors.map((error) => error.message);
};

// A structurally valid ds:Signature taken from the official CEB621 sample, to stand in for the
// signer's output where the XSD requires a signature.
const SAMPLE_SIGNATURE = (() => {
  const xml = readFileSync(new URL('CEB621Message.xml', officialDir), 'utf8');
  const match = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(xml);
  if (match === null) {
    throw new Error('the CEB621 sample has no ds:Signature');
  }
  return match[0].includes('xmlns:ds=')
    ? match[0]
    : match[0].replace('<ds:Signature', '<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"');
})();

/** Inserts the sample signature where the XSD puts it (after BaseSubscribe/ExtendMessage on import). */
export const withSampleSignature = (xml: string, messageType: CebMessageType): string => {
  const closing = `</ceb:${messageType}Message>`;
  if (cebMessageModel(messageType).direction === 'import') {
    return xml.replace(closing, `${SAMPLE_SIGNATURE}\n${closing}`);
  }
  // Export: Signature comes before ExtendMessage.
  return xml.includes('<ceb:ExtendMessage>')
    ? xml.replace('<ceb:ExtendMessage>', `${SAMPLE_SIGNATURE}\n<ceb:ExtendMessage>`)
    : xml.replace(closing, `${SAMPLE_SIGNATURE}\n${closing}`);
};

/** A valid PRC identity number with the given 3-digit sequence. */
export const validIdNumber = (sequence: number): string => {
  const first17 = `11010519900307${String(sequence % 1000).padStart(3, '0')}`;
  return `${first17}${prcIdCheckCharacter(first17)}`;
};

const GUID_CHARS = '0123456789ABCDEF';
const guidArbitrary = fc
  .array(fc.constantFrom(...GUID_CHARS), { minLength: 32, maxLength: 32 })
  .map(
    (c) =>
      `${c.slice(0, 8).join('')}-${c.slice(8, 12).join('')}-${c.slice(12, 16).join('')}-${c.slice(16, 20).join('')}-${c.slice(20).join('')}`,
  );

const dateArbitrary = (length: number) =>
  fc
    .record({
      date: fc.date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2099-12-31T23:59:59Z'),
        noInvalidDate: true,
      }),
      ms: fc.integer({ min: 0, max: 999 }),
    })
    .map(({ date, ms }) => {
      const iso = date.toISOString();
      const text = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}${String(ms).padStart(3, '0')}`;
      return text.slice(0, length);
    });

// Text characters that exercise escaping and non-ASCII, without whitespace at the edges of a value
// (xs:string keeps it, but a leading space is easy to lose in other tools).
const TEXT_CHARS = ['A', 'z', '0', '9', '中', '国', '&', '<', '>', '"', "'", '-', '/'];

const stringArbitrary = (element: CebSimpleElement) => {
  const { length, minLength = 0, maxLength } = element.type;
  const min = length ?? Math.max(minLength, 1);
  const max = length ?? Math.min(maxLength ?? 20, Math.max(min, 20));
  return fc
    .array(fc.constantFrom(...TEXT_CHARS), { minLength: min, maxLength: max })
    .map((chars) => chars.join(''));
};

const decimalArbitrary = (totalDigits = 19, fractionDigits = 5, maxWhole = 8) => {
  const whole = Math.min(totalDigits - fractionDigits, maxWhole);
  return fc
    .record({
      unscaled: fc.bigInt({ min: 0n, max: 10n ** BigInt(whole + fractionDigits) - 1n }),
      scale: fc.integer({ min: 0, max: fractionDigits }),
    })
    .filter(({ unscaled, scale }) => unscaled < 10n ** BigInt(whole + scale))
    .map(({ unscaled, scale }) => formatCebDecimal({ unscaled, scale }));
};

const simpleArbitrary = (element: CebSimpleElement, direction: 'import' | 'export'): fc.Arbitrary<string> => {
  const { name, type } = element;
  if (type.fixed !== undefined) {
    return fc.constant(type.fixed);
  }
  if (type.enumeration !== undefined) {
    return fc.constantFrom(...type.enumeration);
  }
  if (name === 'guid' && type.length === 36) {
    return guidArbitrary;
  }
  if (/(Time|Date)$/.test(name) && (type.length === 8 || type.length === 14 || type.length === 17)) {
    return dateArbitrary(type.length);
  }
  if (name === 'currency' && direction === 'import') {
    return fc.constant('142');
  }
  if (name === 'appType') {
    return fc.constantFrom('1', '2', '3');
  }
  if (name === 'appStatus') {
    return fc.constantFrom('1', '2');
  }
  if (name === 'buyerIdType' || name === 'payerIdType') {
    return fc.constantFrom('1', '2');
  }
  if (name === 'buyerIdNumber' || name === 'payerIdNumber') {
    return fc.integer({ min: 0, max: 999 }).map(validIdNumber);
  }
  if (type.base === 'decimal') {
    return decimalArbitrary(type.totalDigits, type.fractionDigits);
  }
  if (type.base === 'int') {
    const max =
      type.totalDigits === undefined ? 2147483647 : Math.min(10 ** type.totalDigits - 1, 2147483647);
    return fc.integer({ min: 0, max }).map(String);
  }
  return stringArbitrary(element);
};

/** Arbitrary valid value of one element (record for complex, string for simple). */
const elementArbitrary = (
  element: CebElement,
  direction: 'import' | 'export',
): fc.Arbitrary<string | CebRecord> => {
  if (element.kind === 'simple') {
    return simpleArbitrary(element, direction);
  }
  if (element.kind === 'opaque') {
    return fc.constant({});
  }
  return complexArbitrary(element, direction);
};

const complexArbitrary = (
  element: CebComplexElement,
  direction: 'import' | 'export',
): fc.Arbitrary<CebRecord> => {
  const shape: Record<string, fc.Arbitrary<string | CebRecord | CebRecord[]>> = {};
  const required: string[] = [];
  for (const child of element.children) {
    if (child.kind === 'opaque' && child.name === 'Signature') {
      continue;
    }
    const item = elementArbitrary(child, direction);
    shape[child.name] =
      child.maxOccurs > 1
        ? fc.array(item as fc.Arbitrary<CebRecord>, {
            minLength: Math.max(child.minOccurs, 1),
            maxLength: Math.max(Math.min(child.maxOccurs, 3), 1),
          })
        : item;
    if (child.minOccurs > 0) {
      required.push(child.name);
    }
  }
  return fc.record(shape, { requiredKeys: required }) as fc.Arbitrary<CebRecord>;
};

// Amount rules of checkCebBusinessRules, applied after generation so the record passes them.
const fixAmounts = (messageType: CebMessageType, document: CebRecord): CebRecord => {
  const fixLines = (lines: unknown): void => {
    for (const line of Array.isArray(lines) ? (lines as CebRecord[]) : []) {
      // Bound price and qty so that price × qty keeps within N19,5.
      const p = bound(toDecimal(String(line.price ?? '0')), 2, 10n ** 8n);
      const q = bound(toDecimal(String(line.qty ?? '0')), 3, 10n ** 6n);
      line.price = formatCebDecimal(p);
      line.qty = formatCebDecimal(q);
      line.totalPrice = formatCebDecimal({ unscaled: p.unscaled * q.unscaled, scale: p.scale + q.scale });
    }
  };
  if (messageType === 'CEB311') {
    fixLines(document.OrderList);
    const head = document.OrderHead as CebRecord;
    const [g, f, t, d] = ['goodsValue', 'freight', 'taxTotal', 'discount'].map((n) =>
      toDecimal(String(head[n])),
    );
    const scale = Math.max(g?.scale ?? 0, f?.scale ?? 0, t?.scale ?? 0, d?.scale ?? 0);
    const at = (x: { unscaled: bigint; scale: number } | undefined) =>
      x === undefined ? 0n : x.unscaled * 10n ** BigInt(scale - x.scale);
    // Keep acturalPaid non-negative: the discount may not exceed the rest.
    const rest = at(g) + at(f) + at(t);
    let discount = at(d);
    if (discount > rest) {
      discount = rest;
    }
    head.discount = formatCebDecimal({ unscaled: discount, scale });
    head.acturalPaid = formatCebDecimal({ unscaled: rest - discount, scale });
  }
  if (messageType === 'CEB621') {
    fixLines(document.InventoryList);
  }
  return document;
};

const bound = (value: { unscaled: bigint; scale: number }, maxScale: number, limit: bigint) => {
  const scale = Math.min(value.scale, maxScale);
  return { unscaled: (value.unscaled / 10n ** BigInt(value.scale - scale)) % limit, scale };
};

const toDecimal = (text: string): { unscaled: bigint; scale: number } => {
  const [whole = '0', fraction = ''] = text.split('.');
  return { unscaled: BigInt(`${whole}${fraction}`), scale: fraction.length };
};

/** Arbitrary valid input for buildCebMessage(messageType, ...), derived from the compiled model. */
export const messageInputArbitrary = (messageType: CebMessageType): fc.Arbitrary<BuildCebInput> => {
  const model = cebMessageModel(messageType);
  const byName = (name: string) => model.root.children.find((child) => child.name === name);
  const document = elementArbitrary(model.document, model.direction) as fc.Arbitrary<CebRecord>;
  const baseTransfer = byName('BaseTransfer');
  const baseSubscribe = byName('BaseSubscribe');
  const extendMessage = byName('ExtendMessage');
  return fc.record(
    {
      guid: guidArbitrary,
      documents: fc
        .array(document, { minLength: 1, maxLength: Math.min(model.document.maxOccurs, 3) })
        .map((documents) => documents.map((d) => fixAmounts(messageType, d))),
      ...(baseTransfer === undefined
        ? {}
        : { baseTransfer: elementArbitrary(baseTransfer, model.direction) as fc.Arbitrary<CebRecord> }),
      ...(baseSubscribe === undefined
        ? {}
        : {
            baseSubscribe: fc.array(
              elementArbitrary(baseSubscribe, model.direction) as fc.Arbitrary<CebRecord>,
              {
                minLength: 1,
                maxLength: 2,
              },
            ),
          }),
      ...(extendMessage === undefined
        ? {}
        : { extendMessage: elementArbitrary(extendMessage, model.direction) as fc.Arbitrary<CebRecord> }),
    },
    { requiredKeys: ['guid', 'documents', ...(baseTransfer === undefined ? [] : ['baseTransfer' as const])] },
  ) as fc.Arbitrary<BuildCebInput>;
};

/**
 * xmllint's errors for many messages at once (one schema compilation per direction), each error
 * prefixed with the message's name; [] when all are valid.
 */
export const xmllintErrorsMany = async (
  messages: { name: string; xml: string; messageType: CebMessageType }[],
): Promise<string[]> => {
  const errors: string[] = [];
  for (const direction of ['import', 'export'] as const) {
    const batch = messages.filter((m) => cebMessageModel(m.messageType).direction === direction);
    if (batch.length === 0) {
      continue;
    }
    const result = await validateXML({
      xml: batch.map((m) => ({ fileName: `${m.name}.xml`, contents: m.xml.replace(/^\uFEFF/, '') })),
      schema: [schemas[direction]],
      preload: [schemas.dsig],
    });
    errors.push(...result.errors.map((error) => `${error.loc?.fileName ?? '?'}: ${error.message}`));
  }
  return errors;
};
