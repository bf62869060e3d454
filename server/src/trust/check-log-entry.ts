// What an organisation may append to the log through the API: a TradeLogEntry v1 it signed with
// its current key. Key statements and status-list versions are written by the hub itself, so an
// entry of those kinds in the log always comes from the identity or documents module.

import { AppError } from '@tradehub/kernel';
import { parseTradeLogEntry, TradeLogEntryKind, verifyTradeLogEntrySignature } from '@tradehub/verifier';
import type { IdentityModule } from '../modules/identity/index.ts';
import type { CheckEntry } from '../modules/transparency-log/index.ts';

const hubOnlyKinds: ReadonlySet<number> = new Set([
  TradeLogEntryKind.KEY_ROTATION,
  TradeLogEntryKind.STATUS_LIST_PUBLISHED,
]);

export const tradeLogEntryChecker =
  (keys: Pick<IdentityModule['signingKeys'], 'findKeyByActorHash'>): CheckEntry =>
  async (organisationId, body) => {
    const parsed = parseTradeLogEntry(body);
    if (!parsed.ok) {
      return new AppError('transparency-log.entry_malformed', `Not a TradeLogEntry v1: ${parsed.message}.`);
    }
    const { entry } = parsed;
    if (hubOnlyKinds.has(entry.kind)) {
      return new AppError(
        'transparency-log.entry_kind_reserved',
        'Key statements and status-list versions are logged by the hub itself.',
      );
    }
    const key = await keys.findKeyByActorHash(organisationId, entry.actor);
    if (key === undefined || key.algorithm !== 'Ed25519' || key.status !== 'active') {
      return new AppError(
        'transparency-log.entry_signer_unknown',
        "The entry's actor is not a current signing key of this organisation.",
      );
    }
    if (!verifyTradeLogEntrySignature(entry, key.publicKey)) {
      return new AppError(
        'transparency-log.entry_signature_invalid',
        "The entry's signature does not verify.",
      );
    }
    return undefined;
  };
