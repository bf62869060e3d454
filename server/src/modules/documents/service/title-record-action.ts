import { AppError } from '@tradehub/kernel';
import { titlePartyHash, ZERO_HASH } from '@tradehub/verifier';
import { publishEvent } from '../../../platform/events/index.ts';
import type { DocumentsDeps } from '../deps.ts';
import { decideTitleAction, type TitleHttpAction } from '../domain/title-actions.ts';
import { insertTitleAction, moveTitleHead } from '../repository-title.ts';
import type { WriteContext } from './context.ts';
import { toHex } from './crypto.ts';
import { actorOf, signEntry } from './log-entries.ts';
import {
  activeBillOfLading,
  didOfOrganisation,
  fieldError,
  loadVisibleRecord,
  presentRecord,
  type RecordView,
  stateOfRow,
  titleEvents,
} from './title-common.ts';

export type TitleActionInput = {
  action: TitleHttpAction;
  toOrganisationId?: string | undefined;
  /** Hex leaf hash of the head the caller saw: the action must extend exactly that head. */
  expectedHead: string;
  /** The amended bill of lading (amend only). */
  documentId?: string | undefined;
};

const staleHead = (current: string) =>
  new AppError(
    'documents.title_stale_head',
    `The record moved on: its head is now ${current}. Reload it and decide again.`,
  );

/**
 * One action on a transferable record by the organisation that holds it: a TradeLogEntry signed
 * with its active key, prev_entry_hash = the head it extends, counterparty = hash of the receiving
 * organisation's DID. The head moves by compare-and-set in the transaction that queues the entry,
 * so of two actions from one head exactly one commits; the other is 409 and appends nothing.
 * A stale head: 409; not the holder: 403; nothing appended either way.
 */
export const recordTitleAction = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  recordId: string,
  input: TitleActionInput,
): Promise<RecordView> => {
  const row = await loadVisibleRecord(deps, organisationId, recordId);
  // A caller who saw an older head decided on a state that is gone: 409 first, whoever they are,
  // so the loser of two concurrent actions always hears "reload", not "forbidden".
  if (toHex(row.head_hash) !== input.expectedHead) {
    throw staleHead(toHex(row.head_hash));
  }
  if (row.holder_organisation_id !== organisationId) {
    throw new AppError(
      'documents.title_not_holder',
      'Only the organisation that holds the record may act on it.',
    );
  }
  if (input.toOrganisationId !== undefined) {
    await didOfOrganisation(deps, input.toOrganisationId, 'toOrganisationId');
  }
  const decision = decideTitleAction(stateOfRow(row), input.action, organisationId, input.toOrganisationId);
  if (!decision.ok) {
    throw new AppError(
      'documents.title_action_not_allowed',
      `${decision.message} (record is ${row.status}).`,
    );
  }
  let document = { id: row.current_document_id, docHash: row.doc_hash };
  if (input.action === 'amend') {
    if (input.documentId === undefined) {
      throw fieldError('documentId', 'kernel.required', 'An amendment names the amended bill of lading.');
    }
    const amended = await activeBillOfLading(deps, organisationId, input.documentId, 'documentId');
    if (amended.id === row.current_document_id) {
      throw fieldError('documentId', 'documents.same_document', 'The amendment names the current document.');
    }
    document = { id: amended.id, docHash: amended.doc_hash };
  } else if (input.documentId !== undefined) {
    throw fieldError('documentId', 'kernel.unknown_field', 'Only an amendment names a document.');
  }
  const [receiverDid, key] = await Promise.all([
    decision.to === null ? null : didOfOrganisation(deps, decision.to, 'toOrganisationId'),
    deps.activeKey(organisationId),
  ]);
  // Entry times never go backwards along a chain, whatever the clock does.
  const now = new Date(Math.max(deps.now().getTime(), row.updated_at.getTime()));
  const entry = await signEntry(
    {
      kind: decision.kind,
      timeMs: now.getTime(),
      recordId: row.record_id,
      docHash: document.docHash,
      prevEntryHash: row.head_hash,
      actor: actorOf(key),
      counterparty: receiverDid === null ? ZERO_HASH : titlePartyHash(receiverDid),
      aux: ZERO_HASH,
    },
    key,
  );
  const seq = row.action_count + 1;
  await deps.db.transaction(async (trx) => {
    const moved = await moveTitleHead(trx, row.id, row.head_hash, {
      holder_organisation_id: decision.next.holderOrganisationId,
      endorsee_organisation_id: decision.next.endorseeOrganisationId,
      surrendered_by_organisation_id: decision.next.surrenderedByOrganisationId,
      status: decision.next.status,
      doc_hash: document.docHash,
      current_document_id: document.id,
      head_hash: entry.leafHash,
      action_count: seq,
      updated_at: now,
    });
    if (!moved) {
      throw staleHead('newer than the one given');
    }
    await insertTitleAction(trx, {
      record_id: row.id,
      seq,
      action: input.action,
      kind: decision.kind,
      by_organisation_id: organisationId,
      to_organisation_id: decision.to,
      document_id: document.id,
      entry: entry.body,
      entry_leaf_hash: entry.leafHash,
      at: now,
    });
    await deps.log.queueEntries(trx, [entry.body]);
    await publishEvent(trx, {
      topic: titleEvents.actionRecorded,
      organisationId,
      payload: { recordId: row.id, seq, action: input.action, toOrganisationId: decision.to },
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'transferable_record', id: row.id },
      detail: { action: input.action, seq, toOrganisationId: decision.to },
    });
  });
  deps.afterCommit();
  deps.log.entriesQueued(1);
  return presentRecord(deps, await loadVisibleRecord(deps, organisationId, row.id));
};
