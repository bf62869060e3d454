import { readdirSync, readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

// The OASIS UBL 2.4 runtime schemas (schemas/ubl-2.4/README.md says what was copied and the three
// small changes made), run by libxml2 compiled to WebAssembly: a validator that is not tradehub's.

export type UblDocumentType = 'Order' | 'OrderResponse' | 'Invoice' | 'CreditNote';

const schemaDir = new URL('./schemas/ubl-2.4/', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, schemaDir), 'utf8');

// Paths as the main schemas import them (../common/...): xmllint-wasm lays files out by name.
const common = readdirSync(new URL('common/', schemaDir)).map((name) => ({
  fileName: `common/${name}`,
  contents: read(`common/${name}`),
}));

/**
 * The schema errors of each file against the official schema of its document type, in one
 * xmllint run (compiling the 650 KB schema set takes far longer than validating a file).
 */
export const validateUblFiles = async (type: UblDocumentType, files: string[]): Promise<string[][]> => {
  const names = files.map((_, i) => `document-${i}.xml`);
  const result = await validateXML({
    xml: files.map((contents, i) => ({ fileName: names[i] ?? '', contents })),
    schema: [{ fileName: `maindoc/UBL-${type}-2.4.xsd`, contents: read(`maindoc/UBL-${type}-2.4.xsd`) }],
    preload: common,
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
export const validateUbl = async (type: UblDocumentType, xml: string): Promise<string[]> =>
  (await validateUblFiles(type, [xml]))[0] ?? [];
