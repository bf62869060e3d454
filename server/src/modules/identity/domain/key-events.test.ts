import { generateKeyPairSync, sign } from 'node:crypto';
import { sha256, utf8Encode } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  parseTradeLogEntry,
  TradeLogEntryKind,
  tradeLogEntrySigningInput,
  verifyTradeLogEntrySignature,
  ZERO_HASH,
} from '@tradehub/verifier';
import { describe, expect, it } from 'vitest';
import { keyEventEntryFields, keyEventStatementText, keyHistoryRecordId } from './key-events.ts';

const did = 'did:web:localhost%3A8080:org:org_1';

describe('key events', () => {
  it('writes the statement in RFC 8785 form, the reason only when there is one', () => {
    const at = new Date('2026-03-04T05:06:07.008Z');
    expect(keyEventStatementText({ did, keyId: 'skey_1', event: 'created', at })).toBe(
      `{"at":"2026-03-04T05:06:07.008Z","did":"${did}","event":"created","keyId":"skey_1"}`,
    );
    expect(
      keyEventStatementText({ did, keyId: 'skey_1', event: 'revoked', at, reason: 'key_compromise' }),
    ).toBe(
      `{"at":"2026-03-04T05:06:07.008Z","did":"${did}","event":"revoked","keyId":"skey_1","reason":"key_compromise"}`,
    );
  });

  it('builds a KEY_ROTATION entry that the verifier parses and whose signature it accepts', () => {
    const pair = generateKeyPairSync('ed25519');
    const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
    const publicKey = new Uint8Array(spki.subarray(spki.length - 32));
    const statementText = keyEventStatementText({ did, keyId: 'skey_2', event: 'rotated', at: new Date(0) });
    const counterparty = sha256(utf8Encode('old key'));
    const fields = keyEventEntryFields({
      did,
      statementText,
      timeMs: 1_767_000_000_000,
      prevEntryHash: null,
      actor: actorHashOfEd25519Key(publicKey),
      counterparty,
    });
    const entry = encodeTradeLogEntry(fields, sign(null, tradeLogEntrySigningInput(fields), pair.privateKey));
    const parsed = parseTradeLogEntry(entry);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.entry.kind).toBe(TradeLogEntryKind.KEY_ROTATION);
    expect(parsed.entry.recordId).toEqual(sha256(utf8Encode(`key/v1\n${did}`)));
    expect(parsed.entry.recordId).toEqual(keyHistoryRecordId(did));
    expect(parsed.entry.docHash).toEqual(sha256(utf8Encode(statementText)));
    expect(parsed.entry.prevEntryHash).toEqual(ZERO_HASH);
    expect(parsed.entry.counterparty).toEqual(counterparty);
    expect(parsed.entry.aux).toEqual(ZERO_HASH);
    expect(verifyTradeLogEntrySignature(parsed.entry, publicKey)).toBe(true);
  });
});
