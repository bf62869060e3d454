import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * DCSA's `Notification-Signature` header (EVENT_DOMAIN `notificationSignature`, used by the
 * T&T 2.2 subscription callbacks): `<signature-type>=<signature>`, where the only type is
 * `sha256` and the signature is the hex HMAC-SHA256 of the whole request body as sent (bytes, no
 * header or URL covered). The key is the subscription's `secret`, Base64-decoded.
 */
export const NOTIFICATION_SIGNATURE_HEADER = 'notification-signature';

// The specification's pattern, anchored: surrounding whitespace is allowed, the type is a token.
const HEADER = /^\s*([a-zA-Z0-9\-_+]+)=([0-9a-fA-F]+)\s*$/;
const SHA256_BYTES = 32;

export const signNotification = (key: Uint8Array, body: Uint8Array): string =>
  `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;

/**
 * True only when the header is one well-formed `sha256=` signature of exactly these bytes under
 * `key`. Two headers, another type, a short or non-hex value: false. The comparison takes the
 * same time wherever the first differing byte is, so the signature cannot be guessed byte by byte.
 */
export const verifyNotificationSignature = (
  key: Uint8Array,
  body: Uint8Array,
  header: string | string[] | undefined,
): boolean => {
  if (typeof header !== 'string') {
    return false;
  }
  const match = HEADER.exec(header);
  if (match === null || match[1]?.toLowerCase() !== 'sha256' || match[2]?.length !== SHA256_BYTES * 2) {
    return false;
  }
  const given = Buffer.from(match[2], 'hex');
  const expected = createHmac('sha256', key).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
};
