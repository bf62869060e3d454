import type { ParserOptions } from '@electric-sql/pglite';
import pg from 'pg';

// Both engines must hand the same JS values to the modules, so each column type is decided here:
//   int2/int4/float: number      int8, numeric: string (never lose precision)
//   bool: boolean                timestamptz: Date
//   json/jsonb: parsed value     bytea: Uint8Array (pg's Buffer is narrowed to a plain Uint8Array)
//   date, timestamp (without time zone), interval, time: the text PostgreSQL sent, because turning
//   them into a Date would invent a time zone
//   arrays: arrays of the element mapping
const OID = {
  bytea: 17,
  int8: 20,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  interval: 1186,
  byteaArray: 1001,
  textArray: 1009,
  int8Array: 1016,
  timestampArray: 1115,
  dateArray: 1182,
  intervalArray: 1187,
  numericArray: 1231,
} as const;

const asText = (value: string): string => value;

// PGlite builds its array parsers from the element parsers, so only scalars need overriding; its
// defaults already give strings for numeric and Uint8Array for bytea.
export const pgliteParsers: ParserOptions = {
  [OID.int8]: asText,
  [OID.date]: asText,
  [OID.time]: asText,
  [OID.timestamp]: asText,
  [OID.interval]: asText,
};

type TextParser = (value: string) => unknown;

const toUint8Array = (value: unknown): unknown =>
  value instanceof Buffer ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;

const pgDefault = (oid: number): TextParser => pg.types.getTypeParser(oid, 'text');
const parseTextArray = pgDefault(OID.textArray);
const parseByteaArray = pgDefault(OID.byteaArray);
const parseBytea = pgDefault(OID.bytea);

const pgOverrides: Record<number, TextParser> = {
  [OID.int8]: asText,
  [OID.int8Array]: parseTextArray,
  // pg's default turns numeric[] into floats.
  [OID.numericArray]: parseTextArray,
  [OID.date]: asText,
  [OID.dateArray]: parseTextArray,
  [OID.time]: asText,
  [OID.timestamp]: asText,
  [OID.timestampArray]: parseTextArray,
  [OID.interval]: asText,
  [OID.intervalArray]: parseTextArray,
  [OID.bytea]: (value) => toUint8Array(parseBytea(value)),
  [OID.byteaArray]: (value) => {
    const parsed = parseByteaArray(value);
    return Array.isArray(parsed) ? parsed.map(toUint8Array) : parsed;
  },
};

/** Per-pool type parsers for `pg`, so the process-wide `pg.types` registry stays untouched. */
export const pgTypeParsers: pg.CustomTypesConfig = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text'
      ? (pgOverrides[oid] ?? pgDefault(oid))
      : pg.types.getTypeParser(oid, format),
};
