import { toHex } from '@tradehub/kernel';
import {
  signerFromEd25519Seed,
  signTradeLogEntry,
  TradeLogEntryKind,
  toBase64,
  tradeLogEntryLeafHash,
  ZERO_HASH,
} from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { decodeLogEntry, isZeroHash } from './log-entry.ts';

const signer = signerFromEd25519Seed('issuer', new Uint8Array(32).fill(5));
const body = signTradeLogEntry(
  {
    kind: TradeLogEntryKind.ISSUE,
    timeMs: 1_760_000_000_123,
    recordId: new Uint8Array(32).fill(1),
    docHash: new Uint8Array(32).fill(2),
    prevEntryHash: ZERO_HASH,
    actor: new Uint8Array(32).fill(3),
    counterparty: ZERO_HASH,
    aux: ZERO_HASH,
  },
  signer.sign,
);

describe('decodeLogEntry', () => {
  it('decodes a TradeLogEntry v1 and confirms the leaf hash', () => {
    const decoded = decodeLogEntry({
      index: 7,
      body: toBase64(body),
      leafHash: toBase64(tradeLogEntryLeafHash(body)),
    });
    expect(decoded?.leafHashMatches).toBe(true);
    expect(decoded?.kindName).toBe('ISSUE');
    expect(decoded?.entry?.timeMs).toBe(1_760_000_000_123);
    expect(toHex(decoded?.entry?.docHash ?? new Uint8Array())).toBe('02'.repeat(32));
    expect(isZeroHash(decoded?.entry?.prevEntryHash ?? new Uint8Array(1).fill(1))).toBe(true);
  });

  it('shows a leaf hash that does not match the body', () => {
    const wrong = tradeLogEntryLeafHash(new Uint8Array([1, 2, 3]));
    const decoded = decodeLogEntry({ index: 0, body: toBase64(body), leafHash: toBase64(wrong) });
    expect(decoded?.leafHashMatches).toBe(false);
  });

  it('keeps bytes that are not an entry, with the reason', () => {
    const other = new Uint8Array([9, 9, 9]);
    const decoded = decodeLogEntry({
      index: 1,
      body: toBase64(other),
      leafHash: toBase64(tradeLogEntryLeafHash(other)),
    });
    expect(decoded?.entry).toBeNull();
    expect(decoded?.leafHashMatches).toBe(true);
    expect(decoded?.parseProblem).toMatch(/266/);
    expect(decodeLogEntry({ index: 1, body: '***', leafHash: '' })).toBeNull();
  });
});
