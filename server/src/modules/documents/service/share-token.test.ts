import { createHmac, hkdfSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createShareTokens, SHARE_TOKEN_INFO } from './share-token.ts';

const secret = new Uint8Array(32).fill(7);

describe('share tokens', () => {
  const tokens = createShareTokens(secret);

  it('is base64url of the first 16 bytes of HMAC-SHA256 under the HKDF-derived key', () => {
    const key = Buffer.from(
      hkdfSync('sha256', secret, Buffer.from('tradehub'), Buffer.from(SHARE_TOKEN_INFO), 32),
    );
    const expected = createHmac('sha256', key)
      .update('doc_01ABC')
      .digest()
      .subarray(0, 16)
      .toString('base64url');
    expect(tokens.tokenFor('doc_01ABC')).toBe(expected);
    expect(tokens.tokenFor('doc_01ABC')).toHaveLength(22);
    expect(tokens.matches('doc_01ABC', expected)).toBe(true);
  });

  it('matches only its own document under its own hub secret', () => {
    const token = tokens.tokenFor('doc_1');
    expect(tokens.matches('doc_2', token)).toBe(false);
    expect(createShareTokens(new Uint8Array(32).fill(8)).matches('doc_1', token)).toBe(false);
    expect(tokens.matches('doc_1', undefined)).toBe(false);
    expect(tokens.matches('doc_1', `${token}=`)).toBe(false);
  });

  it('never accepts an arbitrary string and never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), (guess) => {
        expect(tokens.matches('doc_1', guess)).toBe(guess === tokens.tokenFor('doc_1'));
      }),
    );
  });
});
