import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  type TradeLogEntryFields,
  tradeLogEntrySigningInput,
} from '@tradehub/verifier';
import type { IssuerKey } from '../deps.ts';
import { leafHashOf, signWith } from './crypto.ts';

export type SignedEntry = { body: Uint8Array; leafHash: Uint8Array };

const actorHashes = new WeakMap<Uint8Array, Uint8Array>();

/** The `actor` of the entries a key signs, computed once per key object. */
export const actorOf = (key: IssuerKey): Uint8Array => {
  let actor = actorHashes.get(key.publicKey);
  if (actor === undefined) {
    actor = actorHashOfEd25519Key(key.publicKey);
    actorHashes.set(key.publicKey, actor);
  }
  return actor;
};

/** A TradeLogEntry v1 signed by the issuer key, with its RFC 6962 leaf hash. */
export const signEntry = async (fields: TradeLogEntryFields, key: IssuerKey): Promise<SignedEntry> => {
  const signature = await signWith(key.sign, tradeLogEntrySigningInput(fields));
  const body = encodeTradeLogEntry(fields, signature);
  return { body, leafHash: leafHashOf(body) };
};
