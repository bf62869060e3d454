// What an organisation may append to the log through the API: a TradeLogEntry v1 it signed with
// its current key. Key statements, status-list versions and the life of a credential (issue,
// revoke, suspend, unsuspend) are written by the hub itself, so an entry of those kinds in this log
// always comes from the identity or documents module, which bind the entry's record to the
// issuer's own DID: no organisation can log an issuance in another one's name.

import { AppError } from '@tradehub/kernel';
import { parseTradeLogEntry, TradeLogEntryKind, verifyTradeLogEntrySignature } from '@tradehub/verifier';
import type { IdentityModule } from '../modules/identity/index.ts';
import type { CheckEntry } from '../modules/transparency-log/index.ts';

const hubOnlyKinds: ReadonlySet<number> = new Set([
  TradeLogEntryKind.ISSUE,
  TradeLogEntryKind.ISSUE_BATCH,
  // Receipt of submitted messages: only the customs module appends it, in the receiving transaction.
  TradeLogEntryKind.MESSAGE_BATCH,
  // Heads of shipment traces: only the logistics module appends them, in the ingest transaction
  // that moved the chains, under the lock on their shipments.
  TradeLogEntryKind.TRACE_BATCH,
  TradeLogEntryKind.REVOKE,
  TradeLogEntryKind.SUSPEND,
  TradeLogEntryKind.UNSUSPEND,
  TradeLogEntryKind.KEY_ROTATION,
  TradeLogEntryKind.STATUS_LIST_PUBLISHED,
  // Title chains of transferable records: only the documents module appends them, after checking
  // the holder and moving the record's head in the same transaction (singularity). SIGN stays
  // open: it is an organisation's own signature on something, not a move of title.
  TradeLogEntryKind.TRANSFER_HOLDER,
  TradeLogEntryKind.NOMINATE,
  TradeLogEntryKind.TRANSFER_BENEFICIARY,
  TradeLogEntryKind.ENDORSE_TO_ORDER,
  TradeLogEntryKind.BLANK_ENDORSE,
  TradeLogEntryKind.REJECT_TRANSFER,
  TradeLogEntryKind.SURRENDER_FOR_DELIVERY,
  TradeLogEntryKind.SURRENDER_FOR_AMENDMENT,
  TradeLogEntryKind.SURRENDER_ACCEPT,
  TradeLogEntryKind.SURRENDER_REJECT,
  TradeLogEntryKind.AMEND,
  TradeLogEntryKind.SWITCH_TO_PAPER,
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
        'Credentials, status lists, key statements and title-chain actions are logged by the hub itself.',
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
