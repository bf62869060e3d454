import type { FieldError } from '@tradehub/kernel';
import { ajvFieldErrors, compileJsonSchema } from '../../../../platform/json-schema/index.ts';
import epcisJsonSchema from './schema/EPCIS-JSON-Schema.json' with { type: 'json' };

/**
 * GS1's EPCIS 2.0 JSON schema declares draft-07 (`$schema`), so the default Ajv class compiles it:
 * Ajv2019 would be the one for a 2019-09 schema and would need draft-07 added back. The copy is
 * kept as published; its `required` lists name properties of sibling subschemas, which only
 * Ajv's strictRequired lint refuses (see schema/README.md).
 */
const validate = compileJsonSchema(epcisJsonSchema, { strictRequired: false });

/**
 * Validates a JSON value (an EPCISDocument, an EPCISQueryDocument or a single event) against the
 * official GS1 EPCIS 2.0 JSON schema; a refusal names each failing member by its dotted path
 * (`epcisBody.eventList.0.eventTimeZoneOffset`).
 */
export const validateEpcisJson = (json: unknown): { ok: true } | { ok: false; errors: FieldError[] } => {
  if (validate(json)) {
    return { ok: true };
  }
  return {
    ok: false,
    errors: ajvFieldErrors(validate.errors ?? [], { schemaName: 'GS1 EPCIS 2.0 JSON' }),
  };
};
