import type { FieldError } from '@tradehub/kernel';
import type { ErrorObject } from 'ajv';
import {
  ajvFieldErrors,
  compileJsonSchema,
  openApiToJsonSchema,
} from '../../../../platform/json-schema/index.ts';
import openApiExtract from './schema/tnt-v2.2.0-events.openapi.json' with { type: 'json' };

/** The DCSA Track & Trace version whose event schemas tradehub validates against. */
export const DCSA_TNT_VERSION = '2.2.0';

export const dcsaEventTypes = ['SHIPMENT', 'TRANSPORT', 'EQUIPMENT'] as const;
export type DcsaEventType = (typeof dcsaEventTypes)[number];

const schemaNameOf: Record<DcsaEventType, string> = {
  SHIPMENT: 'ShipmentEvent',
  TRANSPORT: 'TransportEvent',
  EQUIPMENT: 'EquipmentEvent',
};

const definitions = openApiToJsonSchema(openApiExtract.components.schemas);

// One validator per event type: the discriminator picks the schema, so that an error names the
// fields of that type and not the failures of all three.
const validators = Object.fromEntries(
  dcsaEventTypes.map((type) => [
    type,
    compileJsonSchema({
      $id: `https://tradehub.invalid/dcsa/tnt-${DCSA_TNT_VERSION}/${schemaNameOf[type]}.json`,
      definitions,
      allOf: [{ $ref: `#/definitions/${schemaNameOf[type]}` }],
    }),
  ]),
) as Record<DcsaEventType, ReturnType<typeof compileJsonSchema>>;

/** A value outside a DCSA code list is an unknown code, not a malformed one. */
const codeOf = (error: ErrorObject) => (error.keyword === 'enum' ? 'kernel.unknown_code' : undefined);

/** A DCSA T&T 2.2 event that passed its schema: plain JSON, kept as received. */
export type DcsaEvent = { eventType: DcsaEventType } & Record<string, unknown>;

const isDcsaEventType = (value: unknown): value is DcsaEventType =>
  typeof value === 'string' && (dcsaEventTypes as readonly string[]).includes(value);

/** Validates a JSON value against the official DCSA T&T 2.2.0 schema of its `eventType`. */
export const validateDcsaEvent = (
  json: unknown,
): { ok: true; event: DcsaEvent } | { ok: false; errors: FieldError[] } => {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return {
      ok: false,
      errors: [{ field: 'body', code: 'kernel.invalid_format', message: 'a DCSA event object' }],
    };
  }
  const eventType = (json as Record<string, unknown>).eventType;
  if (eventType === undefined) {
    return {
      ok: false,
      errors: [{ field: 'eventType', code: 'kernel.required', message: 'SHIPMENT, TRANSPORT or EQUIPMENT' }],
    };
  }
  if (!isDcsaEventType(eventType)) {
    return {
      ok: false,
      errors: [
        { field: 'eventType', code: 'kernel.unknown_code', message: 'SHIPMENT, TRANSPORT or EQUIPMENT' },
      ],
    };
  }
  const validate = validators[eventType];
  if (validate(json)) {
    return { ok: true, event: json as DcsaEvent };
  }
  return {
    ok: false,
    errors: ajvFieldErrors(validate.errors ?? [], {
      schemaName: `DCSA T&T ${DCSA_TNT_VERSION} ${schemaNameOf[eventType]}`,
      codeOf,
    }),
  };
};
