export {
  DCSA_TNT_VERSION,
  type DcsaEvent,
  type DcsaEventType,
  dcsaEventTypes,
  validateDcsaEvent,
} from './event-schema.ts';
