export {
  claimIdempotencyKey,
  findIdempotencyKey,
  type IdempotencyClaim,
  idempotencyWindowMs,
  type StoredKey,
  storeIdempotentResponse,
} from './idempotency-keys.ts';
