import type { FieldError } from '@tradehub/kernel';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import openApiExtract from './schema/ebl-v3.0.3-transport-document.openapi.json' with { type: 'json' };

/** The DCSA eBL version whose TransportDocument schema tradehub validates against. */
export const DCSA_EBL_VERSION = '3.0.3';

type SchemaNode = { [key: string]: unknown };

const isNode = (value: unknown): value is SchemaNode =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Rewrites one OpenAPI 3.0 schema object as JSON Schema draft-07, the dialect Ajv compiles: the
 * boolean `exclusiveMinimum` of OpenAPI 3.0 becomes draft-07's numeric bound, the annotation
 * `deprecated` goes, and `#/components/schemas/X` references point at `#/definitions/X`.
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
    if (key === 'deprecated' || (key === 'exclusiveMinimum' && typeof value === 'boolean')) {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
      continue;
    }
    out[key] = openApiToJsonSchema(value);
  }
  if (node.exclusiveMinimum === true && typeof node.minimum === 'number') {
    out.exclusiveMinimum = node.minimum;
    delete out.minimum;
  }
  return out;
};

/** The TransportDocument schema of DCSA eBL 3.0.3 as one self-contained JSON Schema document. */
export const transportDocumentJsonSchema = {
  $id: 'https://tradehub.invalid/dcsa/ebl-3.0.3/transport-document.json',
  definitions: openApiToJsonSchema(openApiExtract.components.schemas),
  allOf: [{ $ref: '#/definitions/TransportDocument' }],
};

// ajv-formats is CommonJS with a default export; under Node's ESM interop the plugin can arrive
// wrapped in `default`.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, unicodeRegExp: true });
addFormats(ajv);
const validate = ajv.compile(transportDocumentJsonSchema);

/** `/documentParties/shipper/partyName` -> `documentParties.shipper.partyName`. */
const dottedPath = (pointer: string): string =>
  pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');

const toFieldError = (error: ErrorObject): FieldError => {
  const base = dottedPath(error.instancePath);
  if (error.keyword === 'required') {
    const missing = String((error.params as { missingProperty?: unknown }).missingProperty);
    return {
      field: base === '' ? missing : `${base}.${missing}`,
      code: 'kernel.required',
      message: `is required by the DCSA eBL ${DCSA_EBL_VERSION} TransportDocument schema`,
    };
  }
  return {
    field: base === '' ? 'body' : base,
    code:
      error.keyword === 'maxLength' || error.keyword === 'maxItems'
        ? 'kernel.too_long'
        : 'kernel.invalid_format',
    message: error.message ?? 'does not match the DCSA schema',
  };
};

/** Validates a JSON value against the official DCSA eBL 3.0.3 TransportDocument schema. */
export const validateDcsaTransportDocument = (
  json: unknown,
): { valid: true } | { valid: false; errors: FieldError[] } => {
  if (validate(json)) {
    return { valid: true };
  }
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const error of validate.errors ?? []) {
    const fieldError = toFieldError(error);
    const key = `${fieldError.field}|${fieldError.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(fieldError);
    }
  }
  return { valid: false, errors };
};
