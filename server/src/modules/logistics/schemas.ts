import { z } from 'zod';
import { transportModes } from './domain/shipment.ts';

const text = (max: number) => z.string().trim().min(1).max(max);

export const ZLeg = z.strictObject({
  mode: z.enum(transportModes),
  origin: z.string().length(5),
  destination: z.string().length(5),
  carrierName: text(100).optional(),
  vesselName: text(35).optional(),
  vesselIMONumber: z
    .string()
    .regex(/^\d{7}$/)
    .optional(),
  voyageNumber: text(50).optional(),
  trainNumber: text(50).optional(),
  flightNumber: z
    .string()
    .regex(/^[A-Z0-9]{2,3}\d{1,4}[A-Z]?$/)
    .optional(),
  plannedDeparture: z.string().max(40),
  plannedArrival: z.string().max(40),
});

export const ZContainer = z.strictObject({
  number: z.string().min(11).max(15),
  sizeType: z.string().length(4),
  seals: z.array(text(15)).max(10).default([]),
});

export const ZCargoLine = z.strictObject({
  hsCode: z.string().max(10),
  description: text(512),
  packages: z.number().int().min(1).max(1_000_000),
  packageTypeCode: z
    .string()
    .regex(/^[0-9A-Z]{2}$/)
    .optional(),
  grossWeightKg: z.string().max(20),
});

export const ZShipmentInput = z.strictObject({
  reference: text(35),
  orderIds: z.array(z.string().max(64)).min(1).max(20),
  forwarderOrganisationId: z.string().max(64).optional(),
  carrierOrganisationId: z.string().max(64).optional(),
  carrierBookingReference: text(35).optional(),
  transportDocumentReference: text(20).optional(),
  legs: z.array(ZLeg).min(1).max(20),
  containers: z.array(ZContainer).max(200).default([]),
  cargo: z.array(ZCargoLine).min(1).max(500),
});

const ZPartyRole = z.enum(['shipper', 'forwarder', 'carrier', 'seller', 'buyer']);

export const ZShipmentView = z.object({
  id: z.string(),
  reference: z.string(),
  shipperOrganisationId: z.string(),
  forwarderOrganisationId: z.string().nullable(),
  carrierOrganisationId: z.string().nullable(),
  carrierBookingReference: z.string().nullable(),
  transportDocumentReference: z.string().nullable(),
  orderIds: z.array(z.string()),
  myRoles: z.array(ZPartyRole),
  legs: z.array(ZLeg),
  containers: z.array(ZContainer),
  cargo: z.array(ZCargoLine),
  createdAt: z.string(),
});

export const ZShipmentSummary = z.object({
  id: z.string(),
  reference: z.string(),
  shipperOrganisationId: z.string(),
  carrierBookingReference: z.string().nullable(),
  transportDocumentReference: z.string().nullable(),
  legs: z.number().int(),
  containers: z.number().int(),
  createdAt: z.string(),
});

/** A DCSA event as received: the schema it passed is the official one, not this. */
export const ZDcsaEvent = z.record(z.string(), z.unknown());

export const ZEventOutcome = z.object({
  index: z.number().int(),
  eventID: z.string(),
  shipmentId: z.string(),
  status: z.enum(['accepted', 'replayed']),
});

/** A DCSA list parameter: comma-separated values (`eventType=SHIPMENT,EQUIPMENT`). */
export const commaList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .max(200)
    .transform((value) => value.split(',').map((v) => v.trim()))
    .pipe(z.array(z.enum(values)).min(1));
