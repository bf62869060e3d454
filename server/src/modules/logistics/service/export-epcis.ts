import { AppError } from '@tradehub/kernel';
import { sql } from 'kysely';
import type { LogisticsDeps } from '../deps.ts';
import type { TrackingEventFields } from '../domain/tracking-event.ts';
import { buildEpcisDocument, hubIdentifiers, validateEpcisJson } from '../formats/epcis/index.ts';
import { findVisibleShipment, listTrackingEvents } from '../repository.ts';

const PAGE_SIZE = 1000;

const isTrackingEvent = (body: Record<string, unknown>): body is TrackingEventFields =>
  body.eventType === 'SHIPMENT' || body.eventType === 'TRANSPORT' || body.eventType === 'EQUIPMENT';

/**
 * The trace of a shipment `organisationId` is a party of, as a GS1 EPCIS 2.0 EPCISDocument (see
 * docs/logistics-epcis.md); 404 otherwise, as for a shipment that does not exist. The document is
 * checked against the official schema before it leaves: an export that fails it is a fault of
 * the hub, never sent.
 */
export const exportEpcis = async (deps: LogisticsDeps, organisationId: string, shipmentId: string) => {
  const { found, events } = await deps.db.transaction(async (trx) => {
    // One snapshot for every page: an event that arrives meanwhile is in the export or not, and a
    // late one placed before the last page read cannot be skipped.
    await sql`set transaction isolation level repeatable read`.execute(trx);
    const found = await findVisibleShipment(trx, organisationId, shipmentId);
    if (found === undefined) {
      throw new AppError('logistics.shipment_not_found', `No shipment ${shipmentId}.`);
    }
    const events: TrackingEventFields[] = [];
    let after: { at: Date; seq: string } | undefined;
    for (;;) {
      const rows = await listTrackingEvents(trx, { organisationId, shipmentId, after, limit: PAGE_SIZE });
      const page = rows.slice(0, PAGE_SIZE);
      events.push(...page.map((row) => row.body).filter(isTrackingEvent));
      const last = page.at(-1);
      if (rows.length <= PAGE_SIZE || last === undefined) {
        return { found, events };
      }
      after = { at: last.event_date_time, seq: String(last.seq) };
    }
  });
  const { row, orderIds } = found;
  const document = buildEpcisDocument(
    events,
    {
      shipmentId,
      containerNumbers: row.content.containers.map((c) => c.number),
      cargoLines: row.content.cargo,
      orderIds,
      carrierBookingReference: row.carrier_booking_reference,
      transportDocumentReference: row.transport_document_reference,
    },
    hubIdentifiers(deps.publicUrl),
    deps.now(),
  );
  const checked = validateEpcisJson(document);
  if (!checked.ok) {
    const where = checked.errors.map((e) => `${e.field}: ${e.message}`).join('; ');
    throw new Error(`The EPCIS export of shipment ${shipmentId} fails the EPCIS 2.0 schema: ${where}`);
  }
  return document;
};
