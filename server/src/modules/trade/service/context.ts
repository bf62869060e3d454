import { createHmac } from 'node:crypto';
import type { Actor, Executor } from '../../../platform/access/index.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * Who acts and how the change is audited inside its own transaction. Routes build it from the
 * request (which also claims the Idempotency-Key there); the seed builds one for the system.
 */
export type WriteContext = {
  actor: Actor | null;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};

/** How a history row names who acted. */
export const actingAs = (actor: Actor | null) =>
  actor === null
    ? { by_actor_type: 'system' as const, by_actor_id: null, by_label: 'tradehub' }
    : actor.kind === 'user'
      ? { by_actor_type: 'user' as const, by_actor_id: actor.userId, by_label: actor.label }
      : { by_actor_type: 'api_key' as const, by_actor_id: actor.apiKeyId, by_label: actor.label };

/** The keyed hash an invitation token is stored and looked up by. */
export const invitationTokenHash = (secretKey: Uint8Array, token: string): Uint8Array =>
  new Uint8Array(
    createHmac('sha256', secretKey).update('trade/order-invitation/v1\n').update(token).digest(),
  );

/** The ISO date of `now` in UTC. */
export const isoDate = (now: Date): string => now.toISOString().slice(0, 10);
