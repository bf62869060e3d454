/** Topics the services-trade records publish through the outbox (docs/expo-services-trade.md). */
export const servicesTradeEvents = {
  deliveryRecorded: 'expo.service_delivery.recorded',
} as const;

/**
 * `expo.service_delivery.recorded`: one delivery (or instalment) of a service contract between a
 * Zhejiang provider and a client abroad, for the statistics (a services export). Ids, codes and
 * amounts only: no client names.
 */
export type ServiceDeliveryRecordedPayload = {
  deliveryId: string;
  contractId: string;
  providerOrganisationId: string;
  /** ISO 3166-1 alpha-2 of the client abroad. */
  clientCountry: string;
  /** EBOPS 2010 item code as recorded on the contract (e.g. SI2). */
  ebopsCode: string;
  gatsMode: string;
  digitallyDelivered: boolean;
  currency: string;
  /** Minor units, as a string (JSON has no bigint). */
  amountMinor: string;
  /** YYYY-MM-DD, the day of the delivery. */
  deliveredOn: string;
};
