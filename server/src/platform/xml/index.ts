export { FieldIssues, textOf } from './field-issues.ts';
export type { XmlElement, XmlLimits } from './xml-reader.ts';
export { childOf, childrenOf, parseXml, xmlFieldErrorCodes } from './xml-reader.ts';
export type { XmlElementNode, XmlNode } from './xml-writer.ts';
export { el, leaf, renderXml } from './xml-writer.ts';
