import { randomUUID } from 'node:crypto';
import type { Hub } from '../app.ts';
import type { LogisticsWriteContext } from '../modules/logistics/index.ts';
import { elbeName, ningboName, organisationOf, yiwuName } from './demo-orders.ts';

const railName = 'Zhejiang China-Europe Rail Express Co., Ltd.';
const DAY_MS = 86_400_000;

/**
 * The demo's logistics, relative to the day the hub is seeded: the accepted Yiwu → Hamburg order
 * on its way (trucked from Yiwu to Ningbo, at sea since a week, its arrival estimated three days
 * late, so the exporter and the forwarder see a delay exception and the ship on the map), a rail
 * booking to Duisburg waiting for the rail operator's answer, and the forwarder's Hamburg overseas
 * warehouse with the exporter's stock, two returns and a repair ticket. Carriers report positions
 * with their events, as their systems do, so the map needs no coordinates from the code list.
 * Skipped when the exporter already has shipments: running the seed twice changes nothing.
 */
export const seedDemoLogistics = async (hub: Hub, ctx: LogisticsWriteContext, now: Date) => {
  const [yiwu, elbe, ningbo, rail] = await Promise.all([
    organisationOf(hub, yiwuName),
    organisationOf(hub, elbeName),
    organisationOf(hub, ningboName),
    organisationOf(hub, railName),
  ]);
  if (yiwu === undefined || elbe === undefined || ningbo === undefined || rail === undefined) {
    return false;
  }
  if ((await hub.logistics.listShipments({ organisationId: yiwu, limit: 1 })).items.length > 0) {
    return false;
  }
  const orders = await hub.trade.listOrders({ organisationId: yiwu, status: 'accepted', limit: 10 });
  const order = orders.items.find((o) => o.content.buyerReference === 'ELBE-PO-2026-0117') ?? orders.items[0];
  if (order === undefined) {
    return false;
  }
  const at = (days: number, hour = 8) => {
    const day = new Date(now.getTime() + days * DAY_MS);
    day.setUTCHours(hour, 0, 0, 0);
    return day;
  };
  // Times as carriers write them: local time with its offset.
  const china = (d: Date) => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
  const europe = (d: Date) => `${new Date(d.getTime() + 3_600_000).toISOString().slice(0, 19)}+01:00`;
  const container = 'APZU4812090';
  const shipment = await hub.logistics.createShipment(ctx, yiwu, {
    reference: 'YW-DEMO-0117',
    orderIds: [order.id],
    forwarderOrganisationId: ningbo,
    carrierBookingReference: 'HLDEMO0117',
    transportDocumentReference: 'HLNGBHAM0117',
    legs: [
      {
        mode: 'road',
        origin: 'CNYIW',
        destination: 'CNNGB',
        carrierName: 'Hailian Trucking',
        plannedDeparture: china(at(-12)),
        plannedArrival: china(at(-11)),
      },
      {
        mode: 'sea',
        origin: 'CNNGB',
        destination: 'DEHAM',
        carrierName: 'Hailian Ocean Line',
        vesselName: 'Zhe Hai Pioneer',
        vesselIMONumber: '9321483',
        voyageNumber: '117W',
        plannedDeparture: china(at(-9)),
        plannedArrival: europe(at(24)),
      },
    ],
    containers: [{ number: container, sizeType: '45G1', seals: ['HL0117001'] }],
    cargo: [
      { hsCode: '950300', description: 'Plush toy bears, 30 cm', packages: 400, grossWeightKg: '3120.000' },
      {
        hsCode: '950510',
        description: 'Glass Christmas ornaments',
        packages: 160,
        grossWeightKg: '1480.500',
      },
    ],
  });
  const place = (unlocode: string, latitude: string, longitude: string) => ({
    locationName: unlocode,
    UNLocationCode: unlocode,
    latitude,
    longitude,
  });
  const yiwuPlace = place('CNYIW', '29.3069', '120.0751');
  const ningboPlace = place('CNNGB', '29.9400', '121.8800');
  const hamburgPlace = place('DEHAM', '53.5400', '9.9700');
  const call = (unlocode: string, mode: 'TRUCK' | 'VESSEL', location: ReturnType<typeof place>) => ({
    transportCallID: randomUUID(),
    modeOfTransport: mode,
    UNLocationCode: unlocode,
    location,
    ...(mode === 'VESSEL' ? { exportVoyageNumber: '117W' } : {}),
  });
  const transport = (
    type: 'DEPA' | 'ARRI',
    classifier: 'ACT' | 'EST',
    when: Date,
    write: (d: Date) => string,
    transportCall: ReturnType<typeof call>,
    created: Date,
  ) => ({
    eventID: randomUUID(),
    eventType: 'TRANSPORT',
    eventClassifierCode: classifier,
    eventDateTime: write(when),
    eventCreatedDateTime: write(created),
    transportEventTypeCode: type,
    transportCall,
    // DCSA T&T 2.2 spells its reference types this way.
    documentReferences: [{ documentReferenceType: 'BKG (Booking)', documentReferenceValue: 'HLDEMO0117' }],
  });
  const equipment = (type: 'GTOT' | 'LOAD', when: Date, transportCall: ReturnType<typeof call>) => ({
    eventID: randomUUID(),
    eventType: 'EQUIPMENT',
    eventClassifierCode: 'ACT',
    eventDateTime: china(when),
    eventCreatedDateTime: china(when),
    equipmentEventTypeCode: type,
    equipmentReference: container,
    ISOEquipmentCode: '45G1',
    emptyIndicatorCode: 'LADEN',
    eventLocation: transportCall.location,
    transportCall,
    // DCSA T&T 2.2 spells its reference types this way.
    documentReferences: [{ documentReferenceType: 'BKG (Booking)', documentReferenceValue: 'HLDEMO0117' }],
  });
  const atYiwu = call('CNYIW', 'TRUCK', yiwuPlace);
  const atNingboByRoad = call('CNNGB', 'TRUCK', ningboPlace);
  const atNingbo = call('CNNGB', 'VESSEL', ningboPlace);
  const atHamburg = call('DEHAM', 'VESSEL', hamburgPlace);
  await hub.logistics.ingestEvents(ctx, ningbo, [
    equipment('GTOT', at(-12, 1), atYiwu),
    transport('DEPA', 'ACT', at(-12, 2), china, atYiwu, at(-12, 2)),
    transport('ARRI', 'ACT', at(-11, 4), china, atNingboByRoad, at(-11, 4)),
    equipment('LOAD', at(-9, 1), atNingbo),
    transport('DEPA', 'ACT', at(-9, 6), china, atNingbo, at(-9, 6)),
    // The carrier's latest estimate: three days after the planned arrival (a delay exception).
    transport('ARRI', 'EST', at(27), europe, atHamburg, at(-1)),
  ]);

  // A rail booking to Duisburg for the same order's next lot, waiting for the rail operator.
  const nextWeek = new Date(now.getTime() + 7 * DAY_MS).toISOString().slice(0, 10);
  await hub.logistics.requestBooking(ctx, yiwu, {
    reference: 'YW-DEMO-RAIL-01',
    forwarderOrganisationId: rail,
    orderIds: [order.id],
    legs: [{ mode: 'rail', origin: 'CNYIW', destination: 'DEDUI', departureDate: nextWeek }],
    equipment: [{ sizeType: '45G1', count: 2 }],
    cargo: [
      { hsCode: '950300', description: 'Plush toy bears, 30 cm', packages: 600, grossWeightKg: '4680.000' },
    ],
    remarks: 'Yiwu–Duisburg China-Europe Railway Express, second lot of ELBE-PO-2026-0117',
  });

  // The forwarder's overseas warehouse in Hamburg, serving the Yiwu exporter.
  const warehouses = hub.logistics.warehouses;
  const warehouse = await warehouses.create(ctx, ningbo, {
    name: 'Hailian Hamburg Overseas Warehouse',
    unlocode: 'DEHAM',
    address: { lines: ['Am Sandtorkai 12'], postcode: '20457', city: 'Hamburg', country: 'DE' },
    roles: ['storage', 'returns_centre', 'after_sales'],
  });
  await warehouses.grantClient(ctx, ningbo, warehouse.id, yiwu);
  const move = (sku: string, kind: 'inbound' | 'pick' | 'outbound', quantity: number, reference: string) =>
    warehouses.recordMovement(ctx, ningbo, warehouse.id, {
      clientOrganisationId: yiwu,
      sku,
      kind,
      quantity,
      reference,
    });
  await move('YW-BEAR-30', 'inbound', 600, 'YW-DEMO-0098 (9810)');
  await move('YW-ORN-12', 'inbound', 240, 'YW-DEMO-0098 (9810)');
  await move('YW-KETTLE-1', 'inbound', 50, 'YW-DEMO-0098 (9810)');
  await move('YW-BEAR-30', 'pick', 24, 'AMZ-DE-302-1187');
  await move('YW-BEAR-30', 'outbound', 24, 'AMZ-DE-302-1187');
  const receive = (sku: string, buyerReference: string, reason: string) =>
    warehouses.receiveReturn(ctx, ningbo, warehouse.id, {
      clientOrganisationId: yiwu,
      buyerReference,
      orderReference: 'AMZ-DE-302-1187',
      sku,
      quantity: 1,
      reason,
    });
  const restocked = await receive('YW-BEAR-30', 'RMA-4471', 'Wrong colour ordered');
  await warehouses.inspectReturn(ctx, ningbo, warehouse.id, restocked.id, { grade: 'A', note: 'Unopened' });
  await warehouses.decideReturn(ctx, ningbo, warehouse.id, restocked.id, { decision: 'restock' });
  const scratched = await receive('YW-KETTLE-1', 'RMA-4490', 'Lid scratched');
  await warehouses.inspectReturn(ctx, ningbo, warehouse.id, scratched.id, {
    grade: 'B',
    note: 'Scratched lid',
  });
  await warehouses.openRepair(ctx, ningbo, warehouse.id, {
    clientOrganisationId: yiwu,
    buyerReference: 'RMA-4490',
    sku: 'YW-KETTLE-1',
    quantity: 1,
    fault: 'Scratched lid: replace the lid',
    returnCaseId: scratched.id,
  });
  await receive('YW-ORN-12', 'RMA-4502', 'Arrived broken');
  return shipment.id !== undefined;
};
