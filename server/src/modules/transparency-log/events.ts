/**
 * Events the transparency-log module publishes through the outbox. Payloads carry sizes,
 * indices and hashes only.
 */
export const transparencyLogEvents = {
  /** The monitor found the stored log disagreeing with itself (see service/verify-log.ts). */
  mismatchDetected: 'transparency-log.log.mismatch_detected',
} as const;
