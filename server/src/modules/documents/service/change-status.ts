import { AppError } from '@tradehub/kernel';
import { TradeLogEntryKind, ZERO_HASH } from '@tradehub/verifier';
import { publishEvent } from '../../../platform/events/index.ts';
import type { DocumentsDeps } from '../deps.ts';
import { documentsEvents } from '../events.ts';
import { findCredential, findRecordHead, setCredentialStatus, upsertRecordHead } from '../repository.ts';
import type { Issuer, WriteContext } from './context.ts';
import { actorOf, signEntry } from './log-entries.ts';
import { publishStatusBit } from './status-lists.ts';

export type StatusChange = 'revoke' | 'suspend' | 'unsuspend';

const changes = {
  revoke: {
    purpose: 'revocation',
    value: true,
    kind: TradeLogEntryKind.REVOKE,
    topic: documentsEvents.documentRevoked,
  },
  suspend: {
    purpose: 'suspension',
    value: true,
    kind: TradeLogEntryKind.SUSPEND,
    topic: documentsEvents.documentSuspended,
  },
  unsuspend: {
    purpose: 'suspension',
    value: false,
    kind: TradeLogEntryKind.UNSUSPEND,
    topic: documentsEvents.documentUnsuspended,
  },
} as const;

const refuse = (code: string, message: string) => new AppError(code, message);

/**
 * Revokes, suspends or lifts a suspension: flips the document's bit, publishes a new signed
 * version of the status list, and queues the record's REVOKE / SUSPEND / UNSUSPEND entry (chained
 * to the record's previous entry, aux = the new list's hash) and the list's STATUS_LIST_PUBLISHED
 * entry, all in one transaction. Revocation is final.
 */
export const changeDocumentStatus = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  documentId: string,
  change: StatusChange,
  reason: string | undefined,
) => {
  const rule = changes[change];
  const [key, name] = await Promise.all([
    deps.activeKey(organisationId),
    deps.organisationName(organisationId),
  ]);
  const issuer: Issuer = { organisationId, name, key };
  const result = await deps.db.transaction(async (trx) => {
    const row = await findCredential(trx, organisationId, documentId, { forUpdate: true });
    if (row === undefined) {
      throw refuse('documents.not_found', `No document ${documentId}.`);
    }
    if (row.revoked_at !== null) {
      throw refuse('documents.already_revoked', 'The document is revoked; revocation is final.');
    }
    if (change === 'suspend' && row.suspended) {
      throw refuse('documents.already_suspended', 'The document is already suspended.');
    }
    if (change === 'unsuspend' && !row.suspended) {
      throw refuse('documents.not_suspended', 'The document is not suspended.');
    }
    const now = deps.now();
    const list = await publishStatusBit(
      trx,
      deps,
      issuer,
      { purpose: rule.purpose, index: row.status_index, value: rule.value },
      now,
    );
    const previous = (await findRecordHead(trx, organisationId, row.record_id)) ?? row.entry_leaf_hash;
    const entry = await signEntry(
      {
        kind: rule.kind,
        timeMs: now.getTime(),
        recordId: row.record_id,
        docHash: row.doc_hash,
        prevEntryHash: previous,
        actor: actorOf(key),
        counterparty: ZERO_HASH,
        aux: list.docHash,
      },
      key,
    );
    await upsertRecordHead(trx, {
      recordId: row.record_id,
      organisationId,
      headLeafHash: entry.leafHash,
      at: now,
    });
    await deps.log.queueEntries(trx, [entry.body]);
    await setCredentialStatus(
      trx,
      organisationId,
      documentId,
      change === 'revoke'
        ? { revoked_at: now, revocation_reason: reason ?? 'unspecified' }
        : { suspended: change === 'suspend' },
    );
    await publishEvent(trx, {
      topic: rule.topic,
      organisationId,
      payload: { organisationId, documentId, statusListVersion: list.version },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'document', id: documentId },
      detail: { change, ...(reason === undefined ? {} : { reason }), statusListVersion: list.version },
    });
    return { documentId };
  });
  deps.afterCommit();
  // The record's status entry and the list's new version.
  deps.log.entriesQueued(2);
  return result;
};
