import type { FieldError } from '@tradehub/kernel';
import {
  ajvFieldErrors,
  compileJsonSchema,
  openApiToJsonSchema,
} from '../../../../platform/json-schema/index.ts';
import openApiExtract from './schema/ebl-v3.0.3-transport-document.openapi.json' with { type: 'json' };

/** The DCSA eBL version whose TransportDocument schema tradehub validates against. */
export const DCSA_EBL_VERSION = '3.0.3';

/** The TransportDocument schema of DCSA eBL 3.0.3 as one self-contained JSON Schema document. */
export const transportDocumentJsonSchema = {
  $id: 'https://tradehub.invalid/dcsa/ebl-3.0.3/transport-document.json',
  definitions: openApiToJsonSchema(openApiExtract.components.schemas),
  allOf: [{ $ref: '#/definitions/TransportDocument' }],
};

const validate = compileJsonSchema(transportDocumentJsonSchema);

/** Validates a JSON value against the official DCSA eBL 3.0.3 TransportDocument schema. */
export const validateDcsaTransportDocument = (
  json: unknown,
): { valid: true } | { valid: false; errors: FieldError[] } => {
  if (validate(json)) {
    return { valid: true };
  }
  return {
    valid: false,
    errors: ajvFieldErrors(validate.errors ?? [], {
      schemaName: `DCSA eBL ${DCSA_EBL_VERSION} TransportDocument`,
    }),
  };
};
