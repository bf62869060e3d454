import type { FieldError } from '@tradehub/kernel';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type SchemaNode = { [key: string]: unknown };

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Annotations Ajv's strict mode would refuse as unknown keywords; they never change what validates.
const isAnnotation = (key: string): boolean =>
  key === 'deprecated' || key === 'example' || key.startsWith('x-');

/**
 * Rewrites one OpenAPI 3.0 schema object as JSON Schema draft-07, the dialect Ajv compiles: the
 * boolean `exclusiveMinimum` of OpenAPI 3.0 becomes draft-07's numeric bound, annotations
 * (`deprecated`, `example`, `x-…` vendor extensions) go, and `#/components/schemas/X` references
 * point at `#/definitions/X`.
 */
export const openApiToJsonSchema = (node: unknown): unknown => {
  if (Array.isArray(node)) {
    return node.map(openApiToJsonSchema);
  }
  if (!isNode(node)) {
    return node;
  }
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (isAnnotation(key) || (key === 'exclusiveMinimum' && typeof value === 'boolean')) {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
      continue;
    }
    // Property names are data, not keywords: a property called `example` stays.
    out[key] =
      key === 'properties' && isNode(value)
        ? Object.fromEntries(
            Object.entries(value).map(([name, schema]) => [name, openApiToJsonSchema(schema)]),
          )
        : openApiToJsonSchema(value);
  }
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  return out;
};

// ajv-formats is CommonJS with a default export; under Node's ESM interop the plugin can arrive
// wrapped in `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

/**
 * Compiles a JSON Schema (draft-07) with Ajv in strict mode and the standard string formats.
 * `strictRequired: false` is for a schema copied verbatim from a standards body that lists in
 * `required` a property declared in a sibling subschema (GS1's EPCIS 2.0 schema does): that Ajv
 * rule is a lint of the schema's style, not JSON Schema semantics, and the copy must stay as published.
 */
export const compileJsonSchema = (
  schema: object,
  options: { strictRequired?: boolean } = {},
): ValidateFunction => {
  const ajv = new Ajv({
    allErrors: true,
    strict: true,
    strictTypes: false,
    strictRequired: options.strictRequired ?? true,
    unicodeRegExp: true,
  });
  addFormats(ajv);
  return ajv.compile(schema);
};

/** `/documentParties/shipper/partyName` -> `documentParties.shipper.partyName`. */
export const dottedPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

/**
 * Ajv's errors as field errors, one per field and message: `required` names the missing field,
 * lengths are `kernel.too_long`, anything else `kernel.invalid_format` unless `codeOf` says
 * otherwise. `schemaName` goes into the message of a missing field.
 */
export const ajvFieldErrors = (
  errors: readonly ErrorObject[],
  options: { schemaName: string; codeOf?: (error: ErrorObject) => string | undefined },
): FieldError[] => {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const error of errors) {
    const base = dottedPath(error.instancePath);
    let fieldError: FieldError;
    if (error.keyword === 'required') {
      const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
      fieldError = {
        field: base === '' ? missing : `${base}.${missing}`,
        code: 'kernel.required',
        message: `is required by the ${options.schemaName} schema`,
      };
    } else {
      fieldError = {
        field: base === '' ? 'body' : base,
        code:
          options.codeOf?.(error) ??
          (error.keyword === 'maxLength' || error.keyword === 'maxItems'
            ? 'kernel.too_long'
            : 'kernel.invalid_format'),
        message: error.message ?? 'does not match the schema',
      };
    }
    const key = `${fieldError.field}|${fieldError.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(fieldError);
    }
  }
  return out;
};
