import type { Actor, Executor } from '../../../platform/access/index.ts';
import type { IssuerKey } from '../deps.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * Who acts and how the change is audited inside its own transaction. Routes build it from the
 * request (which also claims the Idempotency-Key there); direct callers such as the benchmark
 * build one that appends audit rows for their actor.
 */
export type WriteContext = {
  actor: Actor | null;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};

/** The organisation that signs: its active key and the name its credentials carry. */
export type Issuer = { organisationId: string; name: string; key: IssuerKey };

/** The id recorded as `issued_by`: the person, the API key, or `system`. */
export const actingAs = (actor: Actor | null): string =>
  actor === null ? 'system' : actor.kind === 'user' ? actor.userId : actor.apiKeyId;
