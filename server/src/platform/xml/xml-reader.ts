import { AppError } from '@tradehub/kernel';
import { SaxesParser } from 'saxes';

/** One element of a parsed XML file: namespace URI, local name, attributes by local name, text, children. */
export type XmlElement = {
  readonly ns: string;
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: XmlElement[];
  /** The element's own character data (CDATA included), not trimmed. */
  text: string;
  /** 1-based line of the start tag in the source, for error messages that point into the file. */
  readonly line: number;
};

/** Limits that keep a hostile file from exhausting memory or the stack before any rule is checked. */
export type XmlLimits = { maxChars: number; maxDepth: number; maxElements: number };
const XML_LIMITS: XmlLimits = { maxChars: 5_000_000, maxDepth: 48, maxElements: 200_000 };

/** The field error codes parseXml answers with (translated under fieldErrors.xml in the web app). */
export const xmlFieldErrorCodes = ['xml.not_well_formed', 'xml.doctype_forbidden', 'xml.too_large'] as const;

const fileError = (code: string, message: string): AppError =>
  new AppError('http.validation_failed', 'The file is not acceptable XML', {
    fieldErrors: [{ field: 'file', code, message }],
  });

class StopParsing extends Error {}

/**
 * Parses `xml` into an element tree with namespaces resolved. It is a plain, non-validating parse:
 * no DTD is read (any DOCTYPE is refused outright, before parsing), no entity other than the five
 * predefined ones and character references is expanded, nothing is fetched. Throws AppError
 * `http.validation_failed` with a `file` field error for input that is not well-formed.
 */
export const parseXml = (xml: string, limits: Partial<XmlLimits> = {}): XmlElement => {
  const { maxChars, maxDepth, maxElements } = { ...XML_LIMITS, ...limits };
  if (typeof xml !== 'string' || xml.length === 0) {
    throw fileError('kernel.required', 'the file is empty');
  }
  if (xml.length > maxChars) {
    throw fileError('xml.too_large', `the file is larger than ${maxChars} characters`);
  }
  // A DOCTYPE is the only way to declare entities or point at external resources; no trade format
  // tradehub reads (UBL, Peppol, CEB, DXP) needs one.
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) {
    throw fileError('xml.doctype_forbidden', 'a DOCTYPE or entity declaration is not allowed');
  }
  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let failure: AppError | undefined;
  const stop = (error: AppError): never => {
    failure = error;
    throw new StopParsing();
  };
  parser.on('doctype', () => stop(fileError('xml.doctype_forbidden', 'a DOCTYPE is not allowed')));
  parser.on('opentag', (tag) => {
    count += 1;
    if (count > maxElements) {
      stop(fileError('xml.too_large', `more than ${maxElements} elements`));
    }
    if (stack.length >= maxDepth) {
      stop(fileError('xml.too_large', `elements nested deeper than ${maxDepth}`));
    }
    const attributes = new Map<string, string>();
    for (const attribute of Object.values(tag.attributes)) {
      // Namespace declarations are structure, not data.
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') {
        attributes.set(attribute.local, attribute.value);
      }
    }
    const element: XmlElement = {
      ns: tag.uri,
      name: tag.local,
      attributes,
      children: [],
      text: '',
      line: parser.line,
    };
    const parent = stack.at(-1);
    if (parent === undefined) {
      root = element;
    } else {
      parent.children.push(element);
    }
    stack.push(element);
  });
  const onText = (text: string) => {
    const current = stack.at(-1);
    if (current !== undefined) {
      current.text += text;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.on('error', (error) => {
    stop(fileError('xml.not_well_formed', error.message));
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof StopParsing && failure !== undefined) {
      throw failure;
    }
    if (error instanceof Error && !(error instanceof AppError)) {
      throw fileError('xml.not_well_formed', error.message);
    }
    throw error;
  }
  if (root === undefined) {
    throw fileError('xml.not_well_formed', 'no root element');
  }
  return root;
};

/** Child elements of `parent` with this namespace and local name, in document order. */
export const childrenOf = (parent: XmlElement | undefined, ns: string, name: string): XmlElement[] =>
  parent === undefined ? [] : parent.children.filter((child) => child.ns === ns && child.name === name);

/** The first child element with this namespace and local name. */
export const childOf = (parent: XmlElement | undefined, ns: string, name: string): XmlElement | undefined =>
  parent?.children.find((child) => child.ns === ns && child.name === name);
