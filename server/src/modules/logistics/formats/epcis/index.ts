export {
  CARRIER_BOOKING_TYPE,
  DCSA_NAMESPACE,
  EPCIS_CONTEXT,
  type HubIdentifiers,
  hubIdentifiers,
  UNLOCODE_NAMESPACE,
  unlocodeUri,
} from './identifiers.ts';
export {
  buildEpcisDocument,
  type ConsignmentFacts,
  dcsaEventToEpcis,
  dcsaExtension,
  type EpcisDocument,
  type EpcisEvent,
  epcisTimeOf,
  equipmentSteps,
  shipmentActions,
  transportSteps,
} from './mapper.ts';
export { validateEpcisJson } from './validate.ts';
