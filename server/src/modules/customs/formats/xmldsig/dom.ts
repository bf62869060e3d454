import { DOMParser, type Document, type Element, type Node, onWarningStopParsing } from '@xmldom/xmldom';
import { C14nCanonicalization } from 'xml-crypto';
import { parseXml } from '../../../../platform/xml/index.ts';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';
export const C14N_URI = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const ENVELOPED_URI = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
const CDATA_SECTION_NODE = 4;
const PROCESSING_INSTRUCTION_NODE = 7;
const COMMENT_NODE = 8;

/** Thrown by the helpers here for input that is not a usable XML document; callers map it to a code. */
export class UnusableXmlError extends Error {
  override readonly name: string = 'UnusableXmlError';
}

/** Strips a leading byte-order mark, which several official samples carry. */
export const withoutBom = (xml: string): string => (xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml);

/**
 * Parses a CEB message into a DOM for canonicalisation. The platform's saxes reader goes first: it
 * refuses any DOCTYPE or entity declaration and bounds size, depth and element count, so xmldom
 * (which has no such limits) only ever sees a document already known to be plain and small.
 */
export const parseCebDocument = (xml: string): Document => {
  try {
    parseXml(xml);
  } catch (error) {
    const fieldMessage =
      error !== null &&
      typeof error === 'object' &&
      'fieldErrors' in error &&
      Array.isArray(error.fieldErrors)
        ? String((error.fieldErrors[0] as { message?: unknown } | undefined)?.message ?? '')
        : '';
    throw new UnusableXmlError(`not acceptable XML: ${fieldMessage || String(error)}`);
  }
  let document: Document;
  try {
    document = new DOMParser({ onError: onWarningStopParsing }).parseFromString(xml, 'text/xml');
  } catch (error) {
    throw new UnusableXmlError(
      `not well-formed XML: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const root = document.documentElement;
  if (root === null) {
    throw new UnusableXmlError('no root element');
  }
  assertCanonicalisable(root);
  return document;
};

/*
 * xml-crypto's canonicaliser renders a processing instruction inside the root as if it were text,
 * which would make our digest differ from every other implementation's. No CEB message has one,
 * so one is refused rather than mis-hashed.
 */
const assertCanonicalisable = (root: Element): void => {
  const stack: Node[] = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.nodeType === PROCESSING_INSTRUCTION_NODE) {
      throw new UnusableXmlError('processing instructions inside the message are not supported');
    }
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      stack.push(child);
    }
  }
};

/** Element children of `parent`, in order. */
export const elementChildren = (parent: Node): Element[] => {
  const children: Element[] = [];
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === ELEMENT_NODE) {
      children.push(child as Element);
    }
  }
  return children;
};

/** True when `parent` has character data other than whitespace between its children. */
export const hasNonWhitespaceText = (parent: Node): boolean => {
  for (let child = parent.firstChild; child !== null; child = child.nextSibling) {
    if (
      (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) &&
      (child.nodeValue ?? '').trim() !== ''
    ) {
      return true;
    }
  }
  return false;
};

/** The text of a leaf element (comments skipped); throws when it has element children. */
export const textContentOf = (element: Element): string => {
  let text = '';
  for (let child = element.firstChild; child !== null; child = child.nextSibling) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      text += child.nodeValue ?? '';
    } else if (child.nodeType !== COMMENT_NODE) {
      throw new UnusableXmlError(`${element.localName} must hold text only`);
    }
  }
  return text;
};

type NamespaceDeclaration = { prefix: string; namespaceURI: string };

// Inclusive C14N of a subset (SignedInfo) carries every namespace in scope at its apex, including
// those declared on the Signature and on the message root (xmlns:ceb, xmlns:xsi).
const namespacesInScopeAbove = (element: Element): NamespaceDeclaration[] => {
  const seen = new Set<string>();
  const declarations: NamespaceDeclaration[] = [];
  for (
    let node = element.parentNode;
    node !== null && node.nodeType === ELEMENT_NODE;
    node = node.parentNode
  ) {
    const attributes = (node as Element).attributes;
    for (let i = 0; i < attributes.length; i += 1) {
      const attribute = attributes.item(i);
      if (attribute === null) {
        continue;
      }
      const prefix =
        attribute.name === 'xmlns'
          ? ''
          : attribute.prefix === 'xmlns'
            ? (attribute.localName ?? undefined)
            : undefined;
      if (prefix === undefined || seen.has(prefix)) {
        continue;
      }
      seen.add(prefix);
      // xmlns="" undeclares the default namespace: nothing to render for it.
      if (attribute.value !== '') {
        declarations.push({ prefix, namespaceURI: attribute.value });
      }
    }
  }
  return declarations;
};

const canonicaliser = new C14nCanonicalization();

/** Inclusive C14N 1.0 without comments of `element`, with the namespaces in scope above it. */
export const canonicalise = (element: Element): Buffer =>
  Buffer.from(
    // xml-crypto types its parameter as the DOM lib's Node; xmldom's Element is that shape.
    canonicaliser.process(element as unknown as Parameters<C14nCanonicalization['process']>[0], {
      ancestorNamespaces: namespacesInScopeAbove(element),
    }),
    'utf8',
  );
