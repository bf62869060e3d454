// The CEB message model, compiled once at module load from the official XSDs in ./schemas (not from
// hand-written field tables), so that what we accept and produce cannot drift from the published schema.
import { readFileSync } from 'node:fs';
import { AssertionError, assert } from '@tradehub/kernel';
import { childrenOf, parseXml, type XmlElement } from '../../../../platform/xml/index.ts';

export const CEB_NAMESPACE = 'http://www.chinaport.gov.cn/ceb';
export const XMLDSIG_NAMESPACE = 'http://www.w3.org/2000/09/xmldsig#';
const XSD_NAMESPACE = 'http://www.w3.org/2001/XMLSchema';

/** The import messages (2016-08 import schema), in the order the XSD declares them. */
export const CEB_IMPORT_MESSAGE_TYPES = [
  'CEB311',
  'CEB312',
  'CEB411',
  'CEB412',
  'CEB511',
  'CEB512',
  'CEB513',
  'CEB514',
  'CEB621',
  'CEB622',
  'CEB623',
  'CEB624',
  'CEB625',
  'CEB626',
  'CEB711',
  'CEB712',
  'CEB816',
  'CEB818',
  'CEB900',
] as const;

/** The export messages (2018-05 export schema). */
export const CEB_EXPORT_MESSAGE_TYPES = [
  'CEB303',
  'CEB304',
  'CEB403',
  'CEB404',
  'CEB505',
  'CEB506',
  'CEB507',
  'CEB508',
  'CEB509',
  'CEB510',
  'CEB603',
  'CEB604',
  'CEB605',
  'CEB606',
  'CEB607',
  'CEB608',
  'CEB701',
  'CEB702',
  'CEB792',
] as const;

export type CebImportMessageType = (typeof CEB_IMPORT_MESSAGE_TYPES)[number];
export type CebExportMessageType = (typeof CEB_EXPORT_MESSAGE_TYPES)[number];
export type CebMessageType = CebImportMessageType | CebExportMessageType;
export type CebDirection = 'import' | 'export';

/** XSD built-in types the CEB schemas restrict. */
export type CebBaseType = 'string' | 'decimal' | 'int';

/** A simple type: the base type and its facets, as written in the XSD restriction. */
export type CebSimpleType = {
  readonly base: CebBaseType;
  readonly length?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly totalDigits?: number;
  readonly fractionDigits?: number;
  readonly enumeration?: readonly string[];
  /** XSD patterns (regular expressions, implicitly anchored). */
  readonly pattern?: readonly string[];
  /** The element's `fixed` value (e.g. currency 142 on some import heads). */
  readonly fixed?: string;
  readonly defaultValue?: string;
};

type Occurs = { readonly minOccurs: number; readonly maxOccurs: number };

/** A leaf element holding text. */
export type CebSimpleElement = Occurs & {
  readonly kind: 'simple';
  readonly name: string;
  readonly type: CebSimpleType;
};
/** An element with a sequence of child elements (no CEB element uses choice, all or mixed content). */
export type CebComplexElement = Occurs & {
  readonly kind: 'complex';
  readonly name: string;
  readonly children: readonly CebElement[];
  readonly attributes: readonly CebAttribute[];
};
/**
 * An element checked for presence only: `ds:Signature` (its validity is the signing module's job) and
 * the free-form `ExtendMessage/Message` (xs:any, processContents="skip").
 */
export type CebOpaqueElement = Occurs & {
  readonly kind: 'opaque';
  readonly name: string;
  readonly ns: string;
};
export type CebElement = CebSimpleElement | CebComplexElement | CebOpaqueElement;
export type CebAttribute = {
  readonly name: string;
  readonly required: boolean;
  readonly type: CebSimpleType;
};

/** One message root and what the code around it needs to know about it. */
export type CebMessageModel = {
  readonly messageType: CebMessageType;
  readonly direction: CebDirection;
  readonly root: CebComplexElement;
  /** The repeating business document (Order, OrderReturn, Tax, MessageReturn...): the root's first child. */
  readonly document: CebElement;
  /** Enterprise-sent data messages carry BaseTransfer; receipts and CEB792 do not. */
  readonly hasBaseTransfer: boolean;
  readonly signature: 'required' | 'optional' | 'none';
};

const schemaText = (fileName: string): string =>
  readFileSync(new URL(`./schemas/${fileName}`, import.meta.url), 'utf8').replace(/^\uFEFF/, '');

const xsdChildren = (element: XmlElement, name: string): XmlElement[] =>
  childrenOf(element, XSD_NAMESPACE, name);
const xsdChild = (element: XmlElement, name: string): XmlElement | undefined => xsdChildren(element, name)[0];

const occursOf = (element: XmlElement): Occurs => {
  const min = element.attributes.get('minOccurs') ?? '1';
  const max = element.attributes.get('maxOccurs') ?? '1';
  return { minOccurs: Number(min), maxOccurs: max === 'unbounded' ? Number.POSITIVE_INFINITY : Number(max) };
};

const BASE_TYPES: Record<string, CebBaseType> = {
  'xs:string': 'string',
  'xs:decimal': 'decimal',
  'xs:int': 'int',
};

const baseTypeOf = (qname: string): CebBaseType => {
  const base = BASE_TYPES[qname];
  if (base === undefined) {
    // A new XSD revision with another built-in type must be modelled on purpose, not guessed.
    throw new AssertionError(`CEB schema: unsupported base type ${qname}`);
  }
  return base;
};

const simpleTypeOf = (simpleType: XmlElement, extra: Partial<CebSimpleType>): CebSimpleType => {
  const restriction = xsdChild(simpleType, 'restriction');
  assert(restriction !== undefined, 'CEB schema: simpleType without restriction');
  const facet = (name: string): number | undefined => {
    const value = xsdChild(restriction, name)?.attributes.get('value');
    return value === undefined ? undefined : Number(value);
  };
  const values = (name: string): string[] | undefined => {
    const list = xsdChildren(restriction, name).map((e) => e.attributes.get('value') ?? '');
    return list.length === 0 ? undefined : list;
  };
  const type: { -readonly [K in keyof CebSimpleType]: CebSimpleType[K] } = {
    base: baseTypeOf(restriction.attributes.get('base') ?? ''),
    ...extra,
  };
  const facets = {
    length: facet('length'),
    minLength: facet('minLength'),
    maxLength: facet('maxLength'),
    totalDigits: facet('totalDigits'),
    fractionDigits: facet('fractionDigits'),
    enumeration: values('enumeration'),
    pattern: values('pattern'),
  };
  for (const [key, value] of Object.entries(facets)) {
    if (value !== undefined) {
      Object.assign(type, { [key]: value });
    }
  }
  return type;
};

const valueConstraints = (element: XmlElement): Partial<CebSimpleType> => {
  const fixed = element.attributes.get('fixed');
  const defaultValue = element.attributes.get('default');
  return {
    ...(fixed === undefined ? {} : { fixed }),
    ...(defaultValue === undefined ? {} : { defaultValue }),
  };
};

/** Compiles the element declarations of one XSD file. */
const compileSchema = (fileName: string): Map<string, CebElement> => {
  const schema = parseXml(schemaText(fileName));
  const globals = new Map<string, XmlElement>();
  for (const element of xsdChildren(schema, 'element')) {
    globals.set(element.attributes.get('name') ?? '', element);
  }
  const compileElement = (decl: XmlElement, occurs: Occurs): CebElement => {
    const ref = decl.attributes.get('ref');
    if (ref !== undefined) {
      if (ref.startsWith('ds:')) {
        return { kind: 'opaque', name: ref.slice(3), ns: XMLDSIG_NAMESPACE, ...occurs };
      }
      const target = globals.get(ref.replace(/^ceb:/, ''));
      assert(target !== undefined, `CEB schema ${fileName}: unknown element ${ref}`);
      return compileElement(target, occurs);
    }
    const name = decl.attributes.get('name') ?? '';
    const typeName = decl.attributes.get('type');
    if (typeName === 'ceb:XMLElement') {
      return { kind: 'opaque', name, ns: CEB_NAMESPACE, ...occurs };
    }
    if (typeName !== undefined || xsdChild(decl, 'simpleType') !== undefined) {
      // Records hold one string per leaf; a repeating leaf would need a different record shape.
      assert(occurs.maxOccurs === 1, `CEB schema ${fileName}: repeating leaf element ${name}`);
    }
    if (typeName !== undefined) {
      return {
        kind: 'simple',
        name,
        ...occurs,
        type: { base: baseTypeOf(typeName), ...valueConstraints(decl) },
      };
    }
    const simpleType = xsdChild(decl, 'simpleType');
    if (simpleType !== undefined) {
      return { kind: 'simple', name, ...occurs, type: simpleTypeOf(simpleType, valueConstraints(decl)) };
    }
    const complexType = xsdChild(decl, 'complexType');
    assert(complexType !== undefined, `CEB schema ${fileName}: element ${name} has no type`);
    const sequence = xsdChild(complexType, 'sequence');
    const children = (sequence === undefined ? [] : xsdChildren(sequence, 'element')).map((child) =>
      compileElement(child, occursOf(child)),
    );
    const attributes = xsdChildren(complexType, 'attribute').map((attribute): CebAttribute => {
      const attributeType = xsdChild(attribute, 'simpleType');
      return {
        name: attribute.attributes.get('name') ?? '',
        required: attribute.attributes.get('use') === 'required',
        type: attributeType === undefined ? { base: 'string' } : simpleTypeOf(attributeType, {}),
      };
    });
    return { kind: 'complex', name, ...occurs, children, attributes };
  };
  const roots = new Map<string, CebElement>();
  for (const [name, decl] of globals) {
    if (/^CEB\d{3}Message$/.test(name)) {
      roots.set(name.slice(0, 6), compileElement(decl, { minOccurs: 1, maxOccurs: 1 }));
    }
  }
  return roots;
};

const compileMessages = (): Map<CebMessageType, CebMessageModel> => {
  const models = new Map<CebMessageType, CebMessageModel>();
  const files: [string, CebDirection, readonly CebMessageType[]][] = [
    ['进口业务节点报文.xsd', 'import', CEB_IMPORT_MESSAGE_TYPES],
    ['出口业务节点报文.xsd', 'export', CEB_EXPORT_MESSAGE_TYPES],
  ];
  for (const [fileName, direction, expected] of files) {
    const roots = compileSchema(fileName);
    assert(
      [...roots.keys()].sort().join() === [...expected].sort().join(),
      `CEB schema ${fileName}: message roots differ from the ones this module knows`,
    );
    for (const messageType of expected) {
      const root = roots.get(messageType);
      assert(
        root?.kind === 'complex' && root.children[0] !== undefined,
        `CEB schema: ${messageType} is empty`,
      );
      const signature = root.children.find(
        (child) => child.kind === 'opaque' && child.ns === XMLDSIG_NAMESPACE,
      );
      models.set(messageType, {
        messageType,
        direction,
        root,
        document: root.children[0],
        hasBaseTransfer: root.children.some((child) => child.name === 'BaseTransfer'),
        signature: signature === undefined ? 'none' : signature.minOccurs > 0 ? 'required' : 'optional',
      });
    }
  }
  return models;
};

const MODELS = compileMessages();

/** True when `value` names a CEB message this module knows (e.g. `CEB311`). */
export const isCebMessageType = (value: string): value is CebMessageType =>
  MODELS.has(value as CebMessageType);

/** The compiled model of one message type. */
export const cebMessageModel = (messageType: CebMessageType): CebMessageModel => {
  const model = MODELS.get(messageType);
  assert(model !== undefined, `unknown CEB message type ${messageType}`);
  return model;
};

/** Every compiled message model, import first. */
export const cebMessageModels = (): CebMessageModel[] => [...MODELS.values()];
