import { createHash } from 'node:crypto';
import { AppError, type FieldError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import { createPersonalDataVault } from '../../../platform/crypto/index.ts';
import type { CustomsDeps } from '../deps.ts';
import { checkCebBusinessRules, parseCebMessage } from '../formats/ceb/index.ts';
import { verifyCebSignature } from '../formats/xmldsig/index.ts';
import { unwrapDxp } from './dxp-intake.ts';
import { flushDxpOutbox, queueForDxp } from './dxp-outbox.ts';
import { applyExportMessage, EXPORT_CLEARANCE_TYPES } from './export-clearance.ts';
import { insertMessageBatch, signMessageBatch } from './message-batch.ts';
import type { ReceiveOutcome } from './outcome.ts';
import { applyMessage } from './parcel-pipeline.ts';
import {
  formatErrorReceipt,
  headOf,
  type ReceiptDraft,
  receiptRecord,
  receiptTypeOf,
  receiptXml,
  rejectionReceipt,
  renderReceipt,
} from './receipts.ts';

/** Messages per call of the batch endpoint and per MESSAGE_BATCH log entry. */
export type { ReceiveOutcome };

export const MAX_MESSAGES_PER_BATCH = 500;

export type ReceiveContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: {
      organisationId: string;
      object: { type: string; id: string } | null;
      detail?: Record<string, unknown>;
    },
  ) => Promise<void>;
};

const sha256 = (text: string): Uint8Array =>
  new Uint8Array(createHash('sha256').update(text, 'utf8').digest());

// Messages an enterprise sends: customs never accepts its own receipts (even codes), the tax
// bill (CEB816/818), the format receipt (CEB900) or the export summary result (CEB792) as input.
const isEnterpriseMessage = (messageType: string): boolean => {
  const code = Number(messageType.slice(3));
  return code % 2 === 1 && messageType !== 'CEB792';
};

type Checked =
  | {
      kind: 'ok';
      xml: string;
      hash: Uint8Array;
      message: ReturnType<typeof parseCebMessage>;
      signature: { algorithm: string; certNo: string } | null;
    }
  | { kind: 'rejected'; outcome: ReceiveOutcome };

/** Parses, validates and checks the signature of one message: everything decided without the database. */
const checkMessage = (submitted: string, now: Date): Checked => {
  let message: ReturnType<typeof parseCebMessage>;
  let xml = submitted;
  try {
    xml = unwrapDxp(submitted).cebXml;
    message = parseCebMessage(xml, { businessRules: false });
  } catch (error) {
    if (error instanceof AppError && error.code === 'customs.message_invalid') {
      const reasons = error.fieldErrors ?? [];
      return { kind: 'rejected', outcome: formatErrorReceipt(xml, reasons, now) };
    }
    if (error instanceof AppError) {
      return { kind: 'rejected', outcome: transportRefusal(error) };
    }
    throw error;
  }
  const { messageType } = message;
  if (!isEnterpriseMessage(messageType)) {
    const reasons: FieldError[] = [
      {
        field: '@root',
        code: 'customs.not_an_enterprise_message',
        message: `${messageType} is sent by customs, not to it.`,
      },
    ];
    return { kind: 'rejected', outcome: formatErrorReceipt(xml, reasons, now, message) };
  }
  let signature: { algorithm: string; certNo: string } | null = null;
  if (message.signature !== undefined) {
    const verdict = verifyCebSignature(xml);
    if (!verdict.valid) {
      const reasons: FieldError[] = [{ field: 'Signature', code: verdict.code, message: verdict.message }];
      return { kind: 'rejected', outcome: formatErrorReceipt(xml, reasons, now, message) };
    }
    signature = { algorithm: verdict.algorithm, certNo: verdict.certNo };
  }
  const businessErrors = checkCebBusinessRules(message);
  if (businessErrors.length > 0) {
    return { kind: 'rejected', outcome: rejectionReceipt(message, businessErrors, now) };
  }
  return { kind: 'ok', xml, hash: sha256(xml), message, signature };
};

/**
 * Receives CEB messages from one organisation: each is parsed against the official schema, its
 * signature checked, its business rules applied; the ones that pass are stored verbatim (sealed),
 * anchored in the log by one MESSAGE_BATCH entry and run through clearance, all in one
 * transaction. A message sent again (same guid, same bytes) gets its first answer again; the same
 * guid with other content is refused. Answers one outcome per message, in order.
 */
export const receiveMessages = async (
  deps: CustomsDeps,
  ctx: ReceiveContext,
  xmls: readonly string[],
): Promise<ReceiveOutcome[]> => {
  if (xmls.length === 0 || xmls.length > MAX_MESSAGES_PER_BATCH) {
    throw new AppError('http.validation_failed', 'Send between 1 and 500 messages.', {
      fieldErrors: [
        {
          field: 'messages',
          code: 'customs.batch_size',
          message: `between 1 and ${MAX_MESSAGES_PER_BATCH} messages`,
        },
      ],
    });
  }
  const now = deps.now();
  const checked = xmls.map((xml) => checkMessage(xml.replace(/^\uFEFF/, ''), now));
  const accepted = checked.filter((c): c is Extract<Checked, { kind: 'ok' }> => c.kind === 'ok');
  const outcomes: (ReceiveOutcome | undefined)[] = checked.map((c) =>
    c.kind === 'rejected' ? c.outcome : undefined,
  );
  if (accepted.length === 0) {
    // Nothing is stored, but the attempt is audited like every write; a single message that was
    // no CEB message at all is answered with a problem, which the HTTP layer audits as a failure.
    const refusedInTransport = xmls.length === 1 && outcomes[0]?.transportError !== undefined;
    if (!refusedInTransport) {
      await deps.db.transaction((trx) =>
        ctx.audit(trx, { organisationId: ctx.organisationId, object: null, detail: summaryOf(outcomes) }),
      );
    }
    return outcomes as ReceiveOutcome[];
  }
  const vault = createPersonalDataVault(deps.secretKey);
  const key = await deps.submitterKey(ctx.organisationId);

  const stored = await deps.db.transaction(async (trx) => {
    // A guid seen before answers as before (same bytes) or is refused (other bytes).
    const guids = accepted.map((c) => c.message.guid);
    const previous = await sql<{ id: string; guid: string; sha256: Uint8Array }>`
      select id, guid, sha256 from customs.messages
      where organisation_id = ${ctx.organisationId} and guid in (${sql.join(guids)})`.execute(trx);
    const byGuid = new Map(previous.rows.map((row) => [row.guid, row]));
    const fresh: { index: number; check: Extract<Checked, { kind: 'ok' }>; id: string }[] = [];
    const repeats: { index: number; messageId: string }[] = [];
    const seenInCall = new Map<string, Uint8Array>();
    checked.forEach((c, index) => {
      if (c.kind !== 'ok') {
        return;
      }
      const before = byGuid.get(c.message.guid);
      const earlierInCall = seenInCall.get(c.message.guid);
      const sameBytes = (a: Uint8Array) => Buffer.from(a).equals(Buffer.from(c.hash));
      if (before !== undefined && sameBytes(before.sha256)) {
        repeats.push({ index, messageId: before.id });
      } else if (before !== undefined || (earlierInCall !== undefined && !sameBytes(earlierInCall))) {
        const reasons: FieldError[] = [
          {
            field: '@guid',
            code: 'customs.duplicate_guid',
            message: `guid ${c.message.guid} was already used for another message.`,
          },
        ];
        outcomes[index] = formatErrorReceipt(c.xml, reasons, now, c.message);
      } else if (earlierInCall !== undefined) {
        outcomes[index] = { ...duplicateOf(c), status: 'duplicate' };
      } else {
        seenInCall.set(c.message.guid, c.hash);
        fresh.push({ index, check: c, id: newId('cbm') });
      }
    });

    let batchId: string | undefined;
    if (fresh.length > 0) {
      const batch = await signMessageBatch(
        key,
        fresh.map((f) => f.check.hash),
        now,
      );
      batchId = batch.id;
      await insertMessageBatch(trx, ctx.organisationId, batch, now);
      await deps.log.queueEntries(trx, [batch.body]);
      // One statement per 200 messages: a row each, in batch order.
      for (let start = 0; start < fresh.length; start += 200) {
        const rows = fresh.slice(start, start + 200).map(
          (
            f,
            i,
          ) => sql`(${f.id}, ${ctx.organisationId}, ${f.check.message.guid}, ${f.check.message.messageType},
            ${f.check.message.direction}, ${f.check.hash}, ${vault.encrypt(f.check.xml)},
            ${Buffer.byteLength(f.check.xml, 'utf8')},
            ${f.check.signature === null ? null : JSON.stringify(f.check.signature)}, ${batch.id}, ${start + i}, ${now})`,
        );
        // A concurrent call that took one of these guids first leaves its row: this whole call is
        // then refused (nothing of it kept) and a retry gets the stored answer as a duplicate.
        const inserted = await sql`
          insert into customs.messages (id, organisation_id, guid, message_type, direction, sha256, xml_sealed,
            byte_length, signature, batch_id, batch_index, received_at)
          values ${sql.join(rows)}
          on conflict (organisation_id, guid) do nothing
          returning id`.execute(trx);
        if (inserted.rows.length !== rows.length) {
          throw new AppError(
            'customs.duplicate_guid',
            'Another call is receiving a message with the same guid; retry.',
          );
        }
      }
    }
    const receipts: ReceiptDraft[] = [];
    // The messages of this call, parsed once: a parcel completed here reads its documents from this.
    const parsed = new Map(fresh.map((f) => [f.id, f.check.message]));
    for (const f of fresh) {
      const applyInput = {
        organisationId: ctx.organisationId,
        messageId: f.id,
        message: f.check.message,
        now,
        parsed,
      };
      // With the DXP provider, customs (not the sandbox) decides: the message is queued for the
      // E-port and answered "2 E-port declaring"; customs' receipts follow (service/dxp-outbox.ts).
      // Export documents go to the export clearance (9610/9710/9810); the rest to the import pipeline.
      const result =
        deps.provider !== undefined
          ? await forwardToDxp(trx, applyInput)
          : EXPORT_CLEARANCE_TYPES.has(f.check.message.messageType)
            ? await applyExportMessage(trx, deps, vault, applyInput)
            : await applyMessage(trx, deps, vault, applyInput);
      receipts.push(...result.receipts);
      const own = result.receipts.filter((r) => r.messageId === f.id);
      const first = own[0];
      outcomes[f.index] = {
        status: 'accepted',
        messageType: f.check.message.messageType,
        guid: f.check.message.guid,
        messageId: f.id,
        receiptXml: own.length === 0 ? '' : renderReceipt(own),
        receiptType: first?.receiptType ?? '',
        returnStatus: first?.returnStatus ?? '',
        returnInfo: first?.returnInfo ?? '',
        parcelIds: result.parcelIds,
        reasons: result.reasons,
      };
    }
    await insertReceipts(trx, ctx.organisationId, receipts, now);
    for (const r of repeats) {
      outcomes[r.index] = await repeatedOutcome(
        trx,
        r.messageId,
        checked[r.index] as Extract<Checked, { kind: 'ok' }>,
      );
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: batchId === undefined ? null : { type: 'customs_message_batch', id: batchId },
      detail: { ...summaryOf(outcomes), types: [...new Set(fresh.map((f) => f.check.message.messageType))] },
    });
    return fresh.length;
  });
  if (stored > 0) {
    deps.log.entriesQueued(1);
    deps.afterCommit();
    if (deps.provider !== undefined) {
      // After commit, so a message is never sent that the hub did not keep; failures stay queued.
      await flushDxpOutbox(deps.db, deps.provider, vault, deps.now);
    }
  }
  return outcomes as ReceiveOutcome[];
};

/** The E-port's first answer to a forwarded message: 2 (declaring), one record per document. */
const forwardToDxp = async (
  trx: Executor,
  input: {
    organisationId: string;
    messageId: string;
    message: ReturnType<typeof parseCebMessage>;
    now: Date;
  },
) => {
  await queueForDxp(trx, input);
  const receiptType = receiptTypeOf(input.message.messageType);
  const info = '申报中 Forwarded to customs over DXP';
  const records = input.message.documents.map((doc) =>
    receiptRecord(receiptType, headOf(doc), '2', info, input.now),
  );
  const receipt: ReceiptDraft = {
    messageId: input.messageId,
    parcelId: null,
    receiptType,
    returnStatus: '2',
    returnInfo: info,
    xml: receiptXml(receiptType, records),
  };
  return { receipts: [receipt], parcelIds: [] as string[], reasons: [] as FieldError[] };
};

/** What an audit row says of a call: how many messages got which answer (never their content). */
const summaryOf = (outcomes: readonly (ReceiveOutcome | undefined)[]) => {
  const counts: Record<string, number> = { accepted: 0, duplicate: 0, rejected: 0 };
  for (const outcome of outcomes) {
    if (outcome !== undefined) {
      counts[outcome.status] = (counts[outcome.status] ?? 0) + 1;
    }
  }
  return counts;
};

const transportRefusal = (error: AppError): ReceiveOutcome => ({
  status: 'rejected',
  messageType: null,
  guid: null,
  messageId: null,
  receiptXml: '',
  receiptType: '',
  returnStatus: '',
  returnInfo: error.message,
  parcelIds: [],
  reasons: error.fieldErrors ?? [],
  transportError: error,
});

const duplicateOf = (c: Extract<Checked, { kind: 'ok' }>): ReceiveOutcome => ({
  status: 'duplicate',
  messageType: c.message.messageType,
  guid: c.message.guid,
  messageId: null,
  receiptXml: '',
  receiptType: '',
  returnStatus: '',
  returnInfo: 'The same message appears twice in this call; it was processed once.',
  parcelIds: [],
  reasons: [],
});

/** The first receipts stored for a message received before, answered again. */
const repeatedOutcome = async (
  ex: Executor,
  messageId: string,
  c: Extract<Checked, { kind: 'ok' }>,
): Promise<ReceiveOutcome> => {
  const rows = await sql<{
    receipt_type: string;
    return_status: string;
    return_info: string;
    xml: string;
    parcel_id: string | null;
  }>`
    select receipt_type, return_status, return_info, xml, parcel_id from customs.receipts
    where message_id = ${messageId} order by id`.execute(ex);
  const first = rows.rows[0];
  return {
    status: 'duplicate',
    messageType: c.message.messageType,
    guid: c.message.guid,
    messageId,
    receiptXml: first?.xml ?? '',
    receiptType: first?.receipt_type ?? '',
    returnStatus: first?.return_status ?? '',
    returnInfo: first?.return_info ?? '',
    parcelIds: [...new Set(rows.rows.flatMap((r) => (r.parcel_id === null ? [] : [r.parcel_id])))],
    reasons: [],
  };
};

const insertReceipts = async (
  ex: Executor,
  organisationId: string,
  receipts: readonly ReceiptDraft[],
  now: Date,
) => {
  for (let start = 0; start < receipts.length; start += 200) {
    const rows = receipts.slice(start, start + 200).map(
      (r) => sql`(${newId('rct')}, ${r.messageId}, ${r.organisationId ?? organisationId}, ${r.parcelId},
        ${r.receiptType}, ${r.returnStatus}, ${r.returnInfo}, ${r.xml}, ${now})`,
    );
    await sql`
      insert into customs.receipts (id, message_id, organisation_id, parcel_id, receipt_type, return_status,
        return_info, xml, created_at)
      values ${sql.join(rows)}`.execute(ex);
  }
};
