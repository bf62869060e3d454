/** An element of an XML document being built. */
export type XmlElementNode = {
  name: string;
  attributes: [string, string][];
  children: XmlNode[];
  text?: string;
};
/** A child slot: an element, or nothing (left out when a value is absent). */
export type XmlNode = XmlElementNode | undefined;

// XML 1.0 allows tab, line feed, carriage return and everything from U+0020 except the surrogate
// block and U+FFFE/U+FFFF; anything else would make the output not well-formed, so it is dropped.
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

// A literal carriage return would be normalised to a line feed by every reader, so it is escaped.
const escapeText = (value: string): string =>
  value
    .replace(NOT_XML_CHAR, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;');

const escapeAttribute = (value: string): string =>
  escapeText(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

/** An element with child elements (absent children are skipped). */
export const el = (
  name: string,
  children: XmlNode[],
  attributes: Record<string, string | undefined> = {},
): XmlElementNode => ({
  name,
  attributes: Object.entries(attributes).filter((entry): entry is [string, string] => entry[1] !== undefined),
  children,
});

/** An element holding text, or nothing when the value is undefined or empty. */
export const leaf = (
  name: string,
  value: string | undefined,
  attributes: Record<string, string | undefined> = {},
): XmlNode =>
  value === undefined || value === ''
    ? undefined
    : {
        name,
        attributes: Object.entries(attributes).filter(
          (entry): entry is [string, string] => entry[1] !== undefined,
        ),
        children: [],
        text: value,
      };

const render = (node: XmlElementNode, indent: string, out: string[]): void => {
  const attributes = node.attributes.map(([key, value]) => ` ${key}="${escapeAttribute(value)}"`).join('');
  const children = node.children.filter((child): child is XmlElementNode => child !== undefined);
  if (node.text !== undefined) {
    out.push(`${indent}<${node.name}${attributes}>${escapeText(node.text)}</${node.name}>`);
  } else if (children.length === 0) {
    out.push(`${indent}<${node.name}${attributes}/>`);
  } else {
    out.push(`${indent}<${node.name}${attributes}>`);
    for (const child of children) {
      render(child, `${indent}  `, out);
    }
    out.push(`${indent}</${node.name}>`);
  }
};

/** The document as UTF-8 XML text with a declaration, two-space indented. */
export const renderXml = (root: XmlElementNode): string => {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, '', out);
  return `${out.join('\n')}\n`;
};
