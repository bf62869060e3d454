import { AppError, assert } from './errors.ts';

/** The registered id prefixes, one per kind of object, so two kinds never share a prefix. */
export const ID_PREFIXES = {
  organisation: 'org',
  user: 'usr',
  membership: 'mbr',
  invitation: 'inv',
  apiKey: 'key',
  session: 'ses',
  audit: 'aud',
  event: 'evt',
  request: 'req',
  document: 'doc',
  documentDraft: 'drf',
  transferableRecord: 'etr',
  order: 'ord',
  declaration: 'dec',
  customsMessage: 'cbm',
  parcel: 'pcl',
  customsReceipt: 'rct',
  messageBatch: 'mbt',
  shipment: 'shp',
  transfer: 'trf',
} as const;

/** One of the registered id prefixes. */
export type IdPrefix = (typeof ID_PREFIXES)[keyof typeof ID_PREFIXES];

/** An id of the kind named by prefix P, e.g. `Id<'org'>`; the brand stops one kind being passed for another. */
export type Id<P extends string> = string & { readonly __idPrefix: P };

/** Id of an organisation. */
export type OrganisationId = Id<'org'>;
/** Id of a user. */
export type UserId = Id<'usr'>;
/** Id of a membership of a user in an organisation. */
export type MembershipId = Id<'mbr'>;
/** Id of an invitation. */
export type InvitationId = Id<'inv'>;
/** Id of an API key. */
export type ApiKeyId = Id<'key'>;
/** Id of a session. */
export type SessionId = Id<'ses'>;
/** Id of an audit entry. */
export type AuditId = Id<'aud'>;
/** Id of a domain event. */
export type EventId = Id<'evt'>;
/** Id of an HTTP request. */
export type RequestId = Id<'req'>;
/** Id of a trade document. */
export type DocumentId = Id<'doc'>;
/** Id of an order. */
export type OrderId = Id<'ord'>;
/** Id of a customs declaration. */
export type DeclarationId = Id<'dec'>;
/** Id of a shipment. */
export type ShipmentId = Id<'shp'>;
/** Id of a payment transfer. */
export type TransferId = Id<'trf'>;

/** Where newId gets the time and randomness from; tests pass fixed ones. */
export type NewIdOptions = {
  /** Milliseconds since the Unix epoch; defaults to Date.now. */
  now?: () => number;
  /** `byteCount` random bytes; defaults to globalThis.crypto.getRandomValues. */
  random?: (byteCount: number) => Uint8Array;
};

// Crockford base32: no I, L, O or U, so ids survive being read aloud or typed.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PREFIX_PATTERN = /^[a-z][a-z0-9]{1,7}$/;
// 10 characters of timestamp (the first at most 7, as 48 bits fill 50) and 16 of randomness.
const BODY_PATTERN = /^[0-7][0-9A-HJKMNP-TV-Z]{25}$/;
const TIME_CHARS = 10;
const RANDOM_CHARS = 16;
const RANDOM_BYTES = 10;
const MAX_TIME_MS = 2 ** 48 - 1;
const RANDOM_LIMIT = 1n << 80n;

type ClockState = { lastMs: number; lastRandom: bigint };
// Monotonic order is kept per clock, so a test's fixed clock is not disturbed by ids made elsewhere.
const clockStates = new WeakMap<() => number, ClockState>();

type RandomSource = { getRandomValues(array: Uint8Array): Uint8Array };

function defaultRandom(byteCount: number): Uint8Array {
  const source = (globalThis as unknown as { crypto?: RandomSource }).crypto;
  assert(source !== undefined, 'newId: globalThis.crypto.getRandomValues is missing; pass options.random');
  return source.getRandomValues(new Uint8Array(byteCount));
}

function randomBits(random: (byteCount: number) => Uint8Array): bigint {
  const bytes = random(RANDOM_BYTES);
  assert(bytes.length === RANDOM_BYTES, `newId: random(${RANDOM_BYTES}) returned ${bytes.length} bytes`);
  return bytes.reduce((value, byte) => (value << 8n) | BigInt(byte), 0n);
}

function encode(value: bigint, chars: number): string {
  let out = '';
  let rest = value;
  for (let i = 0; i < chars; i++) {
    out = CROCKFORD[Number(rest & 31n)] + out;
    rest >>= 5n;
  }
  return out;
}

// The next (time, randomness) pair: fresh randomness in a new millisecond; otherwise the previous
// randomness plus one, so ids made in the same millisecond (or while the clock steps back) still sort.
function nextComponents(now: () => number, random: (byteCount: number) => Uint8Array): ClockState {
  const timeMs = now();
  assert(
    Number.isInteger(timeMs) && timeMs >= 0 && timeMs <= MAX_TIME_MS,
    `newId: bad clock value ${timeMs}`,
  );
  const last = clockStates.get(now);
  let next: ClockState = { lastMs: timeMs, lastRandom: randomBits(random) };
  if (last !== undefined && timeMs <= last.lastMs) {
    const incremented = last.lastRandom + 1n;
    next =
      incremented < RANDOM_LIMIT
        ? { lastMs: last.lastMs, lastRandom: incremented }
        : { lastMs: last.lastMs + 1, lastRandom: randomBits(random) };
  }
  clockStates.set(now, next);
  return next;
}

function assertPrefix(prefix: string): void {
  assert(
    PREFIX_PATTERN.test(prefix),
    `Id prefixes are 2-8 lower-case letters or digits, got ${JSON.stringify(prefix)}`,
  );
}

/**
 * A new time-sortable id such as `org_01JD5Z3K8Q6V2W9XKM4T7B1N0C`: the prefix, `_`, then a ULID
 * (48-bit millisecond timestamp and 80 random bits in Crockford base32), monotonic per clock.
 */
export function newId<P extends string>(prefix: P, options: NewIdOptions = {}): Id<P> {
  assertPrefix(prefix);
  const { lastMs, lastRandom } = nextComponents(options.now ?? Date.now, options.random ?? defaultRandom);
  return `${prefix}_${encode(BigInt(lastMs), TIME_CHARS)}${encode(lastRandom, RANDOM_CHARS)}` as Id<P>;
}

/** True when `value` is a well-formed id with this prefix. */
export function isId<P extends string>(prefix: P, value: unknown): value is Id<P> {
  assertPrefix(prefix);
  return (
    typeof value === 'string' &&
    value.length === prefix.length + 1 + TIME_CHARS + RANDOM_CHARS &&
    value.startsWith(`${prefix}_`) &&
    BODY_PATTERN.test(value.slice(prefix.length + 1))
  );
}

/** `value` as an id with this prefix; throws AppError `kernel.invalid_id` when it is not one. */
export function parseId<P extends string>(prefix: P, value: unknown): Id<P> {
  if (!isId(prefix, value)) {
    throw new AppError('kernel.invalid_id', `Expected an id of the form ${prefix}_<26 characters>`, {
      details: { prefix },
    });
  }
  return value;
}

/** The creation time (ms since the Unix epoch) encoded in any well-formed id; throws `kernel.invalid_id`. */
export function idTimestampMs(id: string): number {
  const separator = id.indexOf('_');
  const prefix = id.slice(0, separator);
  const body = id.slice(separator + 1);
  if (separator < 0 || !PREFIX_PATTERN.test(prefix) || !BODY_PATTERN.test(body)) {
    throw new AppError('kernel.invalid_id', 'Expected an id of the form <prefix>_<26 characters>');
  }
  let timeMs = 0;
  for (const char of body.slice(0, TIME_CHARS)) {
    timeMs = timeMs * 32 + CROCKFORD.indexOf(char);
  }
  return timeMs;
}
