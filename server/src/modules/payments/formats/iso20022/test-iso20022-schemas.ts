import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

// The official ISO 20022 schemas (schemas/README.md says where each came from), run by libxml2
// compiled to WebAssembly: a validator that is not tradehub's.

export type Iso20022Schema = 'pacs.008.001.08' | 'pacs.002.001.10' | 'camt.053.001.08';

const schemaDir = new URL('./schemas/', import.meta.url);

/** The schema errors of each file against the official schema, in one xmllint run. */
export const validateIso20022Files = async (schema: Iso20022Schema, files: string[]): Promise<string[][]> => {
  const names = files.map((_, i) => `document-${i}.xml`);
  const result = await validateXML({
    xml: files.map((contents, i) => ({ fileName: names[i] ?? '', contents })),
    schema: [
      { fileName: `${schema}.xsd`, contents: readFileSync(new URL(`${schema}.xsd`, schemaDir), 'utf8') },
    ],
  });
  // xmllint closes each invalid file with a summary line of no location; its errors are placed.
  const summaries = new Set(names.map((name) => `${name} fails to validate`));
  const unplaced = result.errors.filter(
    (error) => !names.includes(error.loc?.fileName ?? '') && !summaries.has(error.message.trim()),
  );
  if (unplaced.length > 0) {
    // A schema that does not compile reports against no document: never read that as "valid".
    throw new Error(`xmllint: ${unplaced.map((error) => error.message).join('\n')}`);
  }
  return names.map((name) =>
    result.errors.filter((error) => error.loc?.fileName === name).map((error) => error.message),
  );
};

/** The schema errors of one file; [] when it is valid. */
export const validateIso20022 = async (schema: Iso20022Schema, xml: string): Promise<string[]> =>
  (await validateIso20022Files(schema, [xml]))[0] ?? [];

/** The Document element of a file that wraps it in an envelope with a business application header. */
export const documentOf = (xml: string): string => {
  const start = xml.search(/<Document[\s>]/);
  const end = xml.lastIndexOf('</Document>');
  if (start < 0 || end < 0) {
    throw new Error('no Document element');
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n${xml.slice(start, end + '</Document>'.length)}\n`;
};
