import { createPrivateKey, sign as nodeSign } from 'node:crypto';
import { sha256, toHex, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  parseTradeLogEntry,
  signTradeLogEntry,
  TRADE_LOG_ENTRY_SIZE,
  type TradeLogEntryFields,
  TradeLogEntryKind,
  tradeLogEntryKindName,
  tradeLogEntryLeafHash,
  tradeLogEntrySigningInput,
  verifyTradeLogEntrySignature,
  ZERO_HASH,
} from './entry.ts';
import { leafHash } from './merkle.ts';
import { signerFromEd25519Seed } from './note.ts';

const seed = new Uint8Array(32).fill(7);
const signer = signerFromEd25519Seed('actor.example', seed);
// node:crypto signs independently of @noble, so the format is not checked only against itself.
const pkcs8 = new Uint8Array([
  ...[0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20],
  ...seed,
]);
const nodeKey = createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
const sign = (message: Uint8Array) => new Uint8Array(nodeSign(null, message, nodeKey));

const h = (label: string) => sha256(utf8Encode(label));

const fields: TradeLogEntryFields = {
  kind: TradeLogEntryKind.ISSUE,
  timeMs: Date.UTC(2026, 10, 26, 12, 0, 0),
  recordId: h('record'),
  docHash: h('doc'),
  prevEntryHash: ZERO_HASH,
  actor: actorHashOfEd25519Key(signer.publicKey),
  counterparty: ZERO_HASH,
  aux: ZERO_HASH,
};

describe('TradeLogEntry v1', () => {
  it('is 266 bytes laid out as documented, big-endian', () => {
    const bytes = signTradeLogEntry(fields, sign);
    expect(bytes.length).toBe(TRADE_LOG_ENTRY_SIZE);
    expect(bytes[0]).toBe(1);
    expect(bytes[1]).toBe(1);
    expect(toHex(bytes.subarray(2, 10))).toBe(fields.timeMs.toString(16).padStart(16, '0'));
    expect(toHex(bytes.subarray(10, 42))).toBe(toHex(fields.recordId));
    expect(toHex(bytes.subarray(42, 74))).toBe(toHex(fields.docHash));
    expect(toHex(bytes.subarray(106, 138))).toBe(toHex(fields.actor));
  });

  it('signs "trade-log-entry/v1\\n" followed by the first 202 bytes', () => {
    const bytes = signTradeLogEntry(fields, sign);
    const input = tradeLogEntrySigningInput(fields);
    expect(new TextDecoder().decode(input.subarray(0, 19))).toBe('trade-log-entry/v1\n');
    expect(toHex(input.subarray(19))).toBe(toHex(bytes.subarray(0, 202)));
    const parsed = parseTradeLogEntry(bytes);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(verifyTradeLogEntrySignature(parsed.entry, signer.publicKey)).toBe(true);
      expect(parsed.entry.timeMs).toBe(fields.timeMs);
      expect(toHex(parsed.entry.docHash)).toBe(toHex(fields.docHash));
      expect(tradeLogEntryKindName(parsed.entry.kind)).toBe('ISSUE');
    }
  });

  it('uses the RFC 6962 leaf hash as the entry hash that prev_entry_hash refers to', () => {
    const bytes = signTradeLogEntry(fields, sign);
    expect(toHex(tradeLogEntryLeafHash(bytes))).toBe(toHex(leafHash(bytes)));
  });

  it('derives the actor from the multikey bytes 0xed01 || key', () => {
    const multikey = new Uint8Array([0xed, 0x01, ...signer.publicKey]);
    expect(toHex(actorHashOfEd25519Key(signer.publicKey))).toBe(toHex(sha256(multikey)));
  });

  it('refuses wrong sizes, versions, kinds and impossible times with a reason', () => {
    const bytes = signTradeLogEntry(fields, sign);
    expect(parseTradeLogEntry(bytes.subarray(0, 265))).toMatchObject({ ok: false, reason: 'wrong_size' });
    expect(parseTradeLogEntry(new Uint8Array([...bytes, 0]))).toMatchObject({
      ok: false,
      reason: 'wrong_size',
    });
    const v2 = bytes.slice();
    v2[0] = 2;
    expect(parseTradeLogEntry(v2)).toMatchObject({ ok: false, reason: 'unsupported_version' });
    const kind = bytes.slice();
    kind[1] = 99;
    expect(parseTradeLogEntry(kind)).toMatchObject({ ok: false, reason: 'unknown_kind' });
    const time = bytes.slice();
    time[2] = 0xff;
    expect(parseTradeLogEntry(time)).toMatchObject({ ok: false, reason: 'invalid_time' });
  });

  it('refuses to encode fields that do not fit', () => {
    expect(() => encodeTradeLogEntry({ ...fields, docHash: new Uint8Array(31) }, new Uint8Array(64))).toThrow(
      /docHash/,
    );
    expect(() => encodeTradeLogEntry({ ...fields, kind: 200 }, new Uint8Array(64))).toThrow(/kind/);
    expect(() => encodeTradeLogEntry({ ...fields, timeMs: -1 }, new Uint8Array(64))).toThrow(/timeMs/);
    expect(() => encodeTradeLogEntry(fields, new Uint8Array(63))).toThrow(/signature/);
  });

  it('catches any single flipped bit in a signed entry', () => {
    const bytes = signTradeLogEntry(fields, sign);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: TRADE_LOG_ENTRY_SIZE * 8 - 1 }), (bit) => {
        const changed = bytes.slice();
        changed[bit >> 3] = (changed[bit >> 3] ?? 0) ^ (1 << (bit & 7));
        const parsed = parseTradeLogEntry(changed);
        // Either the layout is refused, or the signature no longer verifies.
        return !parsed.ok || !verifyTradeLogEntrySignature(parsed.entry, signer.publicKey);
      }),
      { numRuns: 400 },
    );
  });

  it('round-trips any valid fields and never throws on arbitrary bytes', () => {
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
    const kinds = Object.values(TradeLogEntryKind);
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom(...kinds),
          timeMs: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          recordId: hash,
          docHash: hash,
          prevEntryHash: hash,
          actor: hash,
          counterparty: hash,
          aux: hash,
        }),
        fc.uint8Array({ minLength: 64, maxLength: 64 }),
        (f, signature) => {
          const parsed = parseTradeLogEntry(encodeTradeLogEntry(f, signature));
          if (!parsed.ok) {
            return false;
          }
          const { bytes: _bytes, signature: sig, ...back } = parsed.entry;
          return JSON.stringify(back) === JSON.stringify(f) && toHex(sig) === toHex(signature);
        },
      ),
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (bytes) => {
        const parsed = parseTradeLogEntry(bytes);
        return parsed.ok ? parsed.entry.bytes.length === TRADE_LOG_ENTRY_SIZE : parsed.message.length > 0;
      }),
    );
  });
});
