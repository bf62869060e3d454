import { normalizeUnlocode } from '@tradehub/kernel';

/** The JSON-LD context of every EPCIS 2.0 document (EPCIS 2.0 section 9, JSON binding). */
export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';

/**
 * Namespace of the `dcsa:` extension members: each DCSA T&T 2.2 event member, under its own name.
 * DCSA publishes no RDF vocabulary, so tradehub names one under its own domain (the one its
 * problem types use) instead of minting terms in DCSA's.
 */
export const DCSA_NAMESPACE = 'https://tradehub.dev/ns/dcsa-tnt/2.2/';

/** UN/CEFACT's linked-data vocabulary of UN/LOCODE (`unlcd:` in its JSON-LD context). */
export const UNLOCODE_NAMESPACE = 'https://vocabulary.uncefact.org/unlocode#';

/** bizTransaction type of a carrier booking: CBV 2.0 has none, so a `dcsa:` term stands for it. */
export const CARRIER_BOOKING_TYPE = `${DCSA_NAMESPACE}carrierBooking`;

/** bizTransaction type of another DCSA document (shipping instructions, VGM, customs, …). */
export const dcsaDocumentType = (documentTypeCode: string) =>
  `${DCSA_NAMESPACE}documentType/${encodeURIComponent(documentTypeCode)}`;

const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;

/** The UN/CEFACT URI of a UN/LOCODE (`NLRTM`), or undefined for a value that is not one. */
export const unlocodeUri = (code: string): string | undefined => {
  const normalized = normalizeUnlocode(code);
  return UNLOCODE.test(normalized) ? `${UNLOCODE_NAMESPACE}${normalized}` : undefined;
};

// A lone surrogate cannot be percent-encoded; well-formed text is unchanged.
const wellFormed = (text: string) => text.replace(/[\uD800-\uDFFF]/gu, '\uFFFD');

/** Percent-encodes one path segment or name so that the URI it goes into stays a valid one. */
export const uriSegment = (text: string) => encodeURIComponent(wellFormed(text));

/**
 * The hub's own identifiers, Digital-Link-like `https` URIs under its public URL (`/id/…`), for
 * what no GS1 key identifies: an ISO 6346 container is no SSCC (that is a logistic unit a shipper
 * numbers) and its owner code no GS1 company prefix (so no GRAI or GIAI either), and a carrier's
 * booking or bill of lading has no GLN-based CBV transaction identifier.
 */
export const hubIdentifiers = (publicUrl: string) => {
  const base = `${publicUrl.replace(/\/+$/, '')}/id`;
  return {
    container: (number: string) => `${base}/container/${uriSegment(number)}`,
    /** The goods of a shipment as a whole: what an event is about when it names no container. */
    consignment: (shipmentId: string) => `${base}/shipment/${uriSegment(shipmentId)}`,
    /** The class of the goods of a shipment's cargo line (1-based, as people count lines). */
    cargoLine: (shipmentId: string, index: number) =>
      `${base}/shipment/${uriSegment(shipmentId)}/cargo/${index + 1}`,
    transportDocument: (reference: string) => `${base}/transport-document/${uriSegment(reference)}`,
    carrierBooking: (reference: string) => `${base}/carrier-booking/${uriSegment(reference)}`,
    order: (orderId: string) => `${base}/order/${uriSegment(orderId)}`,
    dcsaDocument: (documentTypeCode: string, documentID: string) =>
      `${base}/dcsa-document/${uriSegment(documentTypeCode)}/${uriSegment(documentID)}`,
  };
};

export type HubIdentifiers = ReturnType<typeof hubIdentifiers>;
