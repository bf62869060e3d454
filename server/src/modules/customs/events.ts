/**
 * Events the customs module publishes through the outbox. Payloads carry ids, codes and amounts,
 * never a buyer's name, ID number or phone, so any consumer (statistics, a NATS bridge) may store
 * them.
 */
export const customsEvents = {
  /**
   * A retail parcel's inventory list released: an import list (CEB622 800, directly or after
   * inspection), the moment customs counts the parcel as imported, or an export list (CEB604 800),
   * the moment it counts it as exported; the statistics count a parcel here and only here.
   */
  parcelReleased: 'customs.parcel.released',
} as const;

/** The payload of `customs.parcel.released`: what the trade statistics need, nothing personal. */
export type ParcelReleasedPayload = {
  parcelId: string;
  direction: 'import' | 'export';
  /** The inventory list's customs supervision mode (9610, 1210, 1239). */
  tradeMode: string | null;
  /** The organisation that declared the inventory list (the platform, its agent or a broker). */
  declarantOrganisationId: string;
  /**
   * The country of shipment (import) or of destination (export) as the inventory list gives it (a
   * China customs 3-digit code).
   */
  country: string | null;
  /**
   * ISO 4217: CNY for an import (dutiable prices are in yuan); an export list's own currency, or its
   * customs code as given when the hub does not know it (the statistics park such a parcel).
   */
  currency: string;
  /**
   * Per line, the HS code and its value in minor units of `currency`: for an import the dutiable
   * price (goods + its share of freight and insurance), for an export the line's total price.
   */
  lines: { hsCode: string; valueMinor: string }[];
  releasedAt: string;
  afterInspection: boolean;
  /** The platform sells its own goods (its code is the e-commerce enterprise's): no intermediation. */
  platformIsSeller: boolean;
};
