// A log entry as the explorer shows it: the bytes the server sent, checked against the leaf hash
// it claims (recomputed here, so a wrong answer is visible) and decoded as a TradeLogEntry v1.
import { constantTimeEqual, toHex } from '@tradehub/kernel';
import {
  fromBase64,
  parseTradeLogEntry,
  type TradeLogEntry,
  type TradeLogEntryKindName,
  tradeLogEntryKindName,
  tradeLogEntryLeafHash,
} from '@tradehub/verifier';

export type DecodedLogEntry = {
  index: number;
  body: Uint8Array;
  leafHash: Uint8Array;
  /** The leaf hash recomputed from the body equals the one the server gave. */
  leafHashMatches: boolean;
  entry: TradeLogEntry | null;
  kindName: TradeLogEntryKindName | null;
  /** Why the body is not a TradeLogEntry v1 (the log itself accepts any bytes). */
  parseProblem: string | null;
};

export type EntryRecordInput = { index: number; body: string; leafHash: string };

/** Decodes an entry record; null when its base64 fields do not decode at all. */
export const decodeLogEntry = (record: EntryRecordInput): DecodedLogEntry | null => {
  const body = fromBase64(record.body);
  const claimed = fromBase64(record.leafHash);
  if (body === undefined || claimed === undefined) {
    return null;
  }
  const recomputed = tradeLogEntryLeafHash(body);
  const parsed = parseTradeLogEntry(body);
  return {
    index: record.index,
    body,
    leafHash: recomputed,
    leafHashMatches: claimed.length === recomputed.length && constantTimeEqual(claimed, recomputed),
    entry: parsed.ok ? parsed.entry : null,
    kindName: parsed.ok ? (tradeLogEntryKindName(parsed.entry.kind) ?? null) : null,
    parseProblem: parsed.ok ? null : parsed.message,
  };
};

/** Lower-case hex, which is how hashes are compared by eye and in other tools (sha256sum). */
export const hex = (bytes: Uint8Array): string => toHex(bytes);

/** True for an all-zero hash: "none" in prev_entry_hash, counterparty and aux. */
export const isZeroHash = (bytes: Uint8Array): boolean => bytes.every((byte) => byte === 0);
