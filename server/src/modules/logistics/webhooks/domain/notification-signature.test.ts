import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signNotification, verifyNotificationSignature } from './notification-signature.ts';

// The Base64 secret of the DCSA EVENT_DOMAIN `secret` example, decoded as a publisher decodes it.
const key = Buffer.from(
  'MTIzNDU2Nzg5MDEyMzQ1Njc4OTAxMjM0NTY3ODkwMTIzNDM2NTc4NjIzODk3NDY5MDgyNzM0OTg3MTIzNzg2NA==',
  'base64',
);
const body = Buffer.from('[{"eventID":"3cecb101-7a1a-43a4-9d62-e88a131651e2"}]\n', 'utf8');

describe('DCSA Notification-Signature', () => {
  it('is sha256= and the hex HMAC-SHA256 of the body bytes under the decoded secret', () => {
    const hex = createHmac('sha256', key).update(body).digest('hex');
    expect(signNotification(key, body)).toBe(`sha256=${hex}`);
    expect(verifyNotificationSignature(key, body, `sha256=${hex}`)).toBe(true);
    // The specification's pattern allows whitespace around it; the type and hex digits in any case.
    expect(verifyNotificationSignature(key, body, `  SHA256=${hex.toUpperCase()} `)).toBe(true);
  });

  it('refuses a missing, repeated, foreign-typed, truncated or non-hex header', () => {
    const good = signNotification(key, body);
    const hex = good.slice('sha256='.length);
    for (const header of [
      undefined,
      [good, good],
      '',
      hex,
      `sha1=${hex}`,
      `sha256=${hex.slice(0, 62)}`,
      `sha256=${hex}00`,
      `sha256=${hex.slice(0, 63)}g`,
      `sha256 = ${hex}`,
    ]) {
      expect(verifyNotificationSignature(key, body, header), String(header)).toBe(false);
    }
  });

  it('refuses the signature for any other body, or under any other key', () => {
    const good = signNotification(key, body);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 200 }), (other) => {
        fc.pre(!Buffer.from(other).equals(body));
        expect(verifyNotificationSignature(key, other, good)).toBe(false);
      }),
      { seed: 6, numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (otherKey) => {
        fc.pre(!Buffer.from(otherKey).equals(key));
        expect(verifyNotificationSignature(otherKey, body, good)).toBe(false);
      }),
      { seed: 7, numRuns: 300 },
    );
  });
});
