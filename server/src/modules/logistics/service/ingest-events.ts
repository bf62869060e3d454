import { AppError, canonicalize, type FieldError, sha256Hex } from '@tradehub/kernel';
import { publishEvents } from '../../../platform/events/index.ts';
import type { LogisticsDeps } from '../deps.ts';
import { type CheckedEvent, checkTrackingEvent } from '../domain/tracking-event.ts';
import { logisticsEvents } from '../events.ts';
import { judgeAcceptedEvents } from '../exceptions/service/judge-events.ts';
import { validateDcsaEvent } from '../formats/dcsa-tnt/index.ts';
import {
  findReportableShipments,
  findTrackingEvents,
  insertTrackingEvents,
  type NewTrackingEvent,
} from '../repository.ts';
import { insertTraceBatch, signTraceBatch } from '../trace/batch.ts';
import { type ChainHead, lockChainHeads, nextLink } from '../trace/chain.ts';
import type { WriteContext } from './context.ts';

/** How many events one batch may carry. */
export const MAX_EVENTS_PER_BATCH = 500;

export type EventOutcome = {
  index: number;
  eventID: string;
  shipmentId: string;
  status: 'accepted' | 'replayed';
};

type Prepared = { body: Record<string, unknown>; checked: CheckedEvent; sha256: string };

/** The schema and business checks of each event, all of them before anything is stored. */
const prepare = (
  deps: LogisticsDeps,
  events: readonly unknown[],
  prefixOf: (index: number) => string,
): Prepared[] => {
  const errors: FieldError[] = [];
  let firstBad: number | undefined;
  const prepared: Prepared[] = [];
  const nowMs = deps.now().getTime();
  events.forEach((raw, index) => {
    const fail = (found: FieldError[]) => {
      firstBad ??= index;
      const prefix = prefixOf(index);
      for (const error of found) {
        errors.push({
          ...error,
          field: error.field === 'body' && prefix !== '' ? prefix.slice(0, -1) : `${prefix}${error.field}`,
        });
      }
    };
    const parsed = validateDcsaEvent(raw);
    if (!parsed.ok) {
      fail(parsed.errors);
      return;
    }
    const checked = checkTrackingEvent(parsed.event, { nowMs, checkUnlocode: deps.codes.checkUnlocode });
    if (!checked.ok) {
      fail(checked.errors);
      return;
    }
    prepared.push({
      body: parsed.event,
      checked: checked.event,
      sha256: sha256Hex(canonicalize(parsed.event)),
    });
  });
  if (errors.length > 0) {
    throw new AppError(
      'http.validation_failed',
      firstBad === undefined || prefixOf(0) === ''
        ? 'The event is not a valid DCSA T&T 2.2 event.'
        : `Event ${firstBad} is not a valid DCSA T&T 2.2 event; nothing was stored.`,
      { fieldErrors: errors, details: { index: firstBad } },
    );
  }
  return prepared;
};

/**
 * Stores DCSA Track & Trace 2.2 events sent by `senderOrganisationId`, all or none: each must pass
 * its schema and checks, and name a shipment the sender is the shipper, forwarder or carrier of.
 * An event sent again with the same content is replayed; the same eventID with other content is a
 * conflict. Problems name the index of the event that failed.
 */
export const ingestEvents = async (
  deps: LogisticsDeps,
  ctx: WriteContext,
  senderOrganisationId: string,
  events: readonly unknown[],
  shape: 'single' | 'batch',
): Promise<EventOutcome[]> => {
  const prepared = prepare(deps, events, (index) => (shape === 'batch' ? `events.${index}.` : ''));
  const receivedAt = deps.now();
  const signingKey = await deps.trace.signingKey(senderOrganisationId);
  const outcomes = await deps.db.transaction(async (trx) => {
    const done: EventOutcome[] = [];
    // A handful of statements per batch, whatever its size: the shipments of all its events in at
    // most three queries, the earlier copies of their eventIDs in one, the new events and their
    // outbox events in multi-row inserts.
    const shipmentIds = await findReportableShipments(
      trx,
      senderOrganisationId,
      prepared.map(({ checked: { references } }) => ({
        transportDocument: references.transportDocumentReferences,
        booking: references.carrierBookingReferences,
        equipment: references.equipmentReferences,
      })),
    );
    const missing = shipmentIds.indexOf(undefined);
    if (missing >= 0) {
      throw new AppError(
        'logistics.shipment_not_found',
        shape === 'batch'
          ? `Event ${missing} names no shipment your organisation may report on; nothing was stored.`
          : 'The event names no shipment your organisation may report on.',
        { details: { index: missing } },
      );
    }
    // The trace: each stored event extends its shipment's hash chain, under a lock on the shipment
    // taken before the earlier copies are read, so no other ingest can slip an event in between.
    const heads = await lockChainHeads(trx, shipmentIds as string[]);
    const known = await findTrackingEvents(
      trx,
      prepared.map((p) => p.checked.eventID),
    );
    const moved = new Map<string, ChainHead>();
    const rows: NewTrackingEvent[] = [];
    for (const [index, { body, checked, sha256 }] of prepared.entries()) {
      const existing = known.get(checked.eventID);
      if (existing !== undefined) {
        // Sent before (or earlier in this batch): the same content from the same sender is a replay.
        if (existing.body_sha256 !== sha256 || existing.sender_organisation_id !== senderOrganisationId) {
          throw new AppError(
            'logistics.event_conflict',
            `An event with eventID ${checked.eventID} was received before with other content.`,
            { details: { index } },
          );
        }
        done.push({ index, eventID: checked.eventID, shipmentId: existing.shipment_id, status: 'replayed' });
        continue;
      }
      const { references } = checked;
      const shipmentId = shipmentIds[index] as string;
      const link = nextLink(heads.get(shipmentId) as ChainHead, sha256);
      const advanced = { length: link.chainIndex + 1, head: link.chainHash };
      heads.set(shipmentId, advanced);
      moved.set(shipmentId, advanced);
      known.set(checked.eventID, {
        event_id: checked.eventID,
        shipment_id: shipmentId,
        sender_organisation_id: senderOrganisationId,
        body_sha256: sha256,
      });
      rows.push({
        event_id: checked.eventID,
        shipment_id: shipmentId,
        sender_organisation_id: senderOrganisationId,
        event_type: checked.eventType,
        event_classifier_code: checked.eventClassifierCode,
        type_code: checked.typeCode,
        event_date_time: checked.eventDateTime,
        event_created_date_time: checked.eventCreatedDateTime,
        carrier_booking_reference: references.carrierBookingReferences[0] ?? null,
        transport_document_reference: references.transportDocumentReferences[0] ?? null,
        equipment_reference: references.equipmentReferences[0] ?? null,
        body,
        body_sha256: sha256,
        received_at: receivedAt,
        chain_index: link.chainIndex,
        chain_hash: link.chainHash,
      });
      done.push({ index, eventID: checked.eventID, shipmentId, status: 'accepted' });
    }
    const stored = await insertTrackingEvents(trx, rows);
    if (stored.size !== rows.length) {
      // Another sender's call stored one of these eventIDs first (for another shipment, so no lock
      // kept it out): this call keeps nothing, and a retry answers it as a replay or a conflict.
      const taken = done.find((o) => o.status === 'accepted' && !stored.has(o.eventID));
      throw new AppError(
        'logistics.event_conflict',
        `Another call is receiving an event with eventID ${taken?.eventID ?? ''}; retry.`,
        { details: { index: taken?.index ?? 0 } },
      );
    }
    await publishEvents(
      trx,
      done.flatMap((o) => {
        if (o.status !== 'accepted') {
          return [];
        }
        const { checked } = prepared[o.index] as Prepared;
        return [
          {
            topic: logisticsEvents.trackingEventReceived,
            organisationId: senderOrganisationId,
            payload: {
              eventID: checked.eventID,
              shipmentId: o.shipmentId,
              eventType: checked.eventType,
              eventClassifierCode: checked.eventClassifierCode,
              typeCode: checked.typeCode,
              eventDateTime: checked.eventDateTime.toISOString(),
            },
          },
        ];
      }),
    );
    // One TRACE_BATCH log entry commits the new head of every chain this transaction moved.
    if (moved.size > 0) {
      const batch = await signTraceBatch(signingKey, moved, receivedAt);
      await insertTraceBatch(trx, senderOrganisationId, batch, receivedAt);
      await deps.trace.queueEntries(trx, [batch.body]);
    }
    // Estimated and actual departures and arrivals judged against the plan: delay exceptions.
    await judgeAcceptedEvents(
      deps,
      trx,
      done.flatMap((o) =>
        o.status === 'accepted'
          ? [{ shipmentId: o.shipmentId, body: (prepared[o.index] as Prepared).body }]
          : [],
      ),
    );
    const accepted = done.filter((o) => o.status === 'accepted').length;
    const shipments = [...new Set(done.map((o) => o.shipmentId))];
    await ctx.audit(trx, {
      organisationId: senderOrganisationId,
      object: shipments.length === 1 ? { type: 'shipment', id: shipments[0] as string } : null,
      detail: { accepted, replayed: done.length - accepted },
    });
    return done;
  });
  if (outcomes.some((o) => o.status === 'accepted')) {
    deps.trace.entriesQueued(1);
  }
  deps.afterCommit();
  return outcomes;
};
