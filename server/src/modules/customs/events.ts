/**
 * Events the customs module publishes through the outbox. Payloads carry ids, codes and amounts,
 * never a buyer's name, ID number or phone, so any consumer (statistics, a NATS bridge) may store
 * them.
 */
export const customsEvents = {
  /**
   * A retail parcel's inventory list released (CEB622 800), directly or after inspection: the
   * moment customs counts the parcel as imported, so the statistics count it here and only here.
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
  /** The country of shipment as the inventory list gives it (a China customs 3-digit code). */
  country: string | null;
  currency: 'CNY';
  /** Per line: the HS code and its dutiable price (goods + its share of freight and insurance) in fen. */
  lines: { hsCode: string; valueMinor: string }[];
  releasedAt: string;
  afterInspection: boolean;
  /** The platform sells its own goods (its code is the e-commerce enterprise's): no intermediation. */
  platformIsSeller: boolean;
};
