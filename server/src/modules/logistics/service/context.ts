import type { Actor, Executor } from '../../../platform/access/index.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * Who acts and how the change is audited inside its own transaction. Routes build it from the
 * request (which also claims the Idempotency-Key there).
 */
export type WriteContext = {
  actor: Actor | null;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};
