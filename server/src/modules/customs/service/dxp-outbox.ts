import { AppError, newId } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { PersonalDataVault } from '../../../platform/crypto/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import { type CebMessage, parseCebMessage } from '../formats/ceb/index.ts';
import { parseDxpMessage } from '../formats/dxp/dxp.ts';
import type { DxpProvider } from '../formats/dxp/provider.ts';

// With the DXP provider configured, the hub is not customs: an accepted enterprise message is
// stored, anchored and queued here in the receiving transaction, and handed to the E-port after
// commit; the receipts customs sends back (at once in the HTTP answer, or later through
// `recordDxpReceipts`) are stored against the message they answer, for its sender to poll.

const headGuid = (document: Readonly<Record<string, unknown>>): string | null => {
  for (const value of [document, ...Object.values(document)]) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const guid = (value as Record<string, unknown>).guid;
      if (typeof guid === 'string' && guid !== '') {
        return guid;
      }
    }
  }
  return null;
};

/** Queues an accepted message for the E-port, inside the receiving transaction. */
export const queueForDxp = async (
  trx: Executor,
  input: { messageId: string; organisationId: string; message: CebMessage; now: Date },
): Promise<void> => {
  const guids = input.message.documents.map(headGuid).filter((guid): guid is string => guid !== null);
  await sql`insert into customs.dxp_outbox (message_id, organisation_id, message_type, direction, document_guids,
      state, created_at)
    values (${input.messageId}, ${input.organisationId}, ${input.message.messageType}, ${input.message.direction},
      ${JSON.stringify([input.message.guid, ...guids])}::jsonb, 'pending', ${input.now})
    on conflict do nothing`.execute(trx);
};

// One flush at a time in this process, so two intakes finishing together never send a message
// twice. Several hub nodes can still overlap (the E-port dedupes by CopMsgId, unverified).
let flushing: Promise<unknown> = Promise.resolve();

/** The pause before the next attempt after `attempts` failures: 5 s doubling, at most 15 min. */
export const dxpRetryDelayMs = (attempts: number): number =>
  Math.min(5_000 * 2 ** Math.max(0, attempts - 1), 15 * 60 * 1000);

/**
 * Hands every pending message whose time has come to the E-port, oldest first, and records what
 * came back. A failure leaves the message failed with the (secret-free) reason and the time of its
 * next attempt, for a later flush (the next intake or the background retrier) to retry.
 */
export const flushDxpOutbox = (
  db: Database,
  provider: DxpProvider,
  vault: PersonalDataVault,
  now: () => Date,
): Promise<{ sent: number; failed: number; receipts: number }> => {
  const run = flushing.then(() => flushOnce(db, provider, vault, now));
  flushing = run.catch(() => undefined);
  return run;
};

const flushOnce = async (
  db: Database,
  provider: DxpProvider,
  vault: PersonalDataVault,
  now: () => Date,
): Promise<{ sent: number; failed: number; receipts: number }> => {
  const pending = (
    await sql<{
      message_id: string;
      message_type: string;
      direction: 'import' | 'export';
      attempts: number;
      xml_sealed: string;
    }>`
      select o.message_id, o.message_type, o.direction, o.attempts, m.xml_sealed
      from customs.dxp_outbox o join customs.messages m on m.id = o.message_id
      where o.state <> 'sent' and (o.next_attempt_at is null or o.next_attempt_at <= ${now()})
      order by o.created_at limit 100`.execute(db.kysely)
  ).rows;
  let sent = 0;
  let failedCount = 0;
  let receipts = 0;
  for (const row of pending) {
    try {
      const delivery = await provider.send({
        copMsgId: row.message_id,
        messageType: row.message_type,
        direction: row.direction,
        xml: vault.decrypt(row.xml_sealed),
        at: now(),
      });
      await sql`update customs.dxp_outbox set state = 'sent', attempts = attempts + 1, reference = ${delivery.reference},
          last_error = null, next_attempt_at = null, sent_at = ${now()}
        where message_id = ${row.message_id}`.execute(db.kysely);
      for (const receipt of delivery.receipts) {
        receipts += (await recordCebReceipt(db, receipt, now())).recorded;
      }
      sent += 1;
    } catch (error) {
      failedCount += 1;
      const reason = error instanceof AppError ? error.message : 'unexpected error';
      const next = new Date(now().getTime() + dxpRetryDelayMs(row.attempts + 1));
      await sql`update customs.dxp_outbox set state = 'failed', attempts = attempts + 1, last_error = ${reason},
          next_attempt_at = ${next}
        where message_id = ${row.message_id}`.execute(db.kysely);
    }
  }
  return { sent, failed: failedCount, receipts };
};

const RECEIPT_TYPES = /^CEB(\d{3})$/;

/** Stores one CEB receipt against the forwarded messages its records answer (by document guid). */
const recordCebReceipt = async (db: Database, xml: string, at: Date): Promise<{ recorded: number }> => {
  const message = parseCebMessage(xml, { businessRules: false });
  const code = RECEIPT_TYPES.exec(message.messageType)?.[1];
  if (code === undefined || Number(code) % 2 === 1) {
    throw new AppError('customs.dxp_invalid', `${message.messageType} is not a customs receipt`);
  }
  let recorded = 0;
  await db.transaction(async (trx) => {
    for (const document of message.documents) {
      const guid = headGuid(document);
      const record = document as Record<string, unknown>;
      const status = typeof record.returnStatus === 'string' ? record.returnStatus : '';
      const info = typeof record.returnInfo === 'string' ? record.returnInfo : '';
      const target = (
        await sql<{ message_id: string; organisation_id: string }>`
          select message_id, organisation_id from customs.dxp_outbox
          where document_guids @> ${JSON.stringify([guid])}::jsonb limit 1`.execute(trx)
      ).rows[0];
      if (guid === null || target === undefined) {
        continue;
      }
      await sql`insert into customs.receipts (id, message_id, organisation_id, parcel_id, receipt_type, return_status,
          return_info, xml, created_at)
        values (${newId('rct')}, ${target.message_id}, ${target.organisation_id}, null, ${message.messageType},
          ${status}, ${info}, ${xml}, ${at})`.execute(trx);
      recorded += 1;
    }
  });
  return { recorded };
};

/** Receipts that arrive later (the E-port client's receive folder): each a DxpMsg or bare CEB receipt. */
export const recordDxpReceipts = async (
  db: Database,
  bodies: readonly string[],
  at: Date,
): Promise<{ recorded: number }> => {
  let recorded = 0;
  for (const body of bodies) {
    const text = body.replace(/^\uFEFF/, '');
    const xml = /<(?:[A-Za-z_][\w.-]*:)?DxpMsg(?:Sv)?[\s>]/.test(text.slice(0, 500))
      ? parseDxpMessage(text).cebXml
      : text;
    recorded += (await recordCebReceipt(db, xml, at)).recorded;
  }
  return { recorded };
};

// Often enough that a message waits little longer than its pause; the flush itself reads only the
// messages whose time has come.
const RETRY_TICK_MS = 5_000;

/**
 * Retries failed sends in the background (start/stop), and on demand (`retryNow`), so a message
 * the E-port refused while it was down goes out when it is back, not at the next intake.
 */
export const createDxpRetrier = (
  db: Database,
  provider: DxpProvider | undefined,
  vault: PersonalDataVault,
  now: () => Date,
) => {
  let timer: NodeJS.Timeout | undefined;
  let retrying: Promise<unknown> = Promise.resolve();
  const retryNow = async () =>
    provider === undefined ? { sent: 0, failed: 0, receipts: 0 } : flushDxpOutbox(db, provider, vault, now);
  return {
    retryNow,
    start: () => {
      if (provider === undefined) {
        return;
      }
      timer ??= setInterval(() => {
        // A failed pass (the database restarting) is simply tried again at the next tick.
        retrying = retryNow().catch(() => undefined);
      }, RETRY_TICK_MS);
      timer.unref();
    },
    stop: async () => {
      clearInterval(timer);
      timer = undefined;
      await retrying;
    },
  };
};
