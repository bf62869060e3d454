import { AppError, newId } from '@tradehub/kernel';
import {
  applyTitleAction,
  TradeLogEntryKind,
  titlePartyHash,
  titleRecordId,
  ZERO_HASH,
} from '@tradehub/verifier';
import { publishEvent } from '../../../platform/events/index.ts';
import type { DocumentsDeps } from '../deps.ts';
import { insertTitleAction, insertTitleRecord } from '../repository-title.ts';
import type { WriteContext } from './context.ts';
import { actorOf, signEntry } from './log-entries.ts';
import {
  activeBillOfLading,
  didOfOrganisation,
  fieldError,
  loadVisibleRecord,
  presentRecord,
  type RecordView,
  titleEvents,
} from './title-common.ts';

export type IssueTitleRecordInput = { documentId: string; holderOrganisationId: string };

/**
 * Makes an issued bill of lading a transferable record held by `holderOrganisationId`: the
 * record's ISSUE entry (record_id = titleRecordId(carrier DID, credential id), doc_hash = the
 * bill of lading's, prev zero, counterparty = hash of the holder's DID), signed with the
 * issuer's active key, is queued in the transaction that creates the record. One record per
 * document, ever: a second attempt is 409 documents.title_record_exists and appends nothing.
 */
export const issueTitleRecord = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  issuerOrganisationId: string,
  input: IssueTitleRecordInput,
): Promise<RecordView> => {
  const document = await activeBillOfLading(deps, issuerOrganisationId, input.documentId, 'documentId');
  const [holderDid, key] = await Promise.all([
    didOfOrganisation(deps, input.holderOrganisationId, 'holderOrganisationId'),
    deps.activeKey(issuerOrganisationId),
  ]);
  const rule = applyTitleAction(
    undefined,
    { action: 'issue', actor: issuerOrganisationId, to: input.holderOrganisationId },
    issuerOrganisationId,
  );
  if (!rule.ok) {
    throw fieldError('holderOrganisationId', 'documents.title_action_not_allowed', rule.message);
  }
  const now = deps.now();
  const entry = await signEntry(
    {
      kind: TradeLogEntryKind.ISSUE,
      timeMs: now.getTime(),
      recordId: titleRecordId(key.did, document.credential_id),
      docHash: document.doc_hash,
      prevEntryHash: ZERO_HASH,
      actor: actorOf(key),
      counterparty: titlePartyHash(holderDid),
      aux: ZERO_HASH,
    },
    key,
  );
  const id = newId('etr');
  await deps.db.transaction(async (trx) => {
    const created = await insertTitleRecord(trx, {
      id,
      document_id: document.id,
      record_id: titleRecordId(key.did, document.credential_id),
      issuer_organisation_id: issuerOrganisationId,
      holder_organisation_id: input.holderOrganisationId,
      endorsee_organisation_id: null,
      surrendered_by_organisation_id: null,
      status: 'active',
      doc_hash: document.doc_hash,
      current_document_id: document.id,
      head_hash: entry.leafHash,
      action_count: 1,
      created_at: now,
      updated_at: now,
    });
    if (!created) {
      throw new AppError(
        'documents.title_record_exists',
        `The document ${document.id} is a transferable record already: a bill of lading has one title chain.`,
      );
    }
    await insertTitleAction(trx, {
      record_id: id,
      seq: 1,
      action: 'issue',
      kind: TradeLogEntryKind.ISSUE,
      by_organisation_id: issuerOrganisationId,
      to_organisation_id: input.holderOrganisationId,
      document_id: document.id,
      entry: entry.body,
      entry_leaf_hash: entry.leafHash,
      at: now,
    });
    await deps.log.queueEntries(trx, [entry.body]);
    await publishEvent(trx, {
      topic: titleEvents.recordIssued,
      organisationId: issuerOrganisationId,
      payload: { recordId: id, documentId: document.id, holderOrganisationId: input.holderOrganisationId },
    });
    await ctx.audit(trx, {
      organisationId: issuerOrganisationId,
      object: { type: 'transferable_record', id },
      detail: { documentId: document.id, holderOrganisationId: input.holderOrganisationId },
    });
  });
  deps.afterCommit();
  deps.log.entriesQueued(1);
  return presentRecord(deps, await loadVisibleRecord(deps, issuerOrganisationId, id));
};
