import type { Actor, Executor } from '../../../platform/access/index.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * What a state-changing use case needs besides its input: who acts, and how to record the change
 * in the audit trail inside the same transaction. Routes build it from the request; the CLI and
 * the seed build a system one.
 */
export type WriteContext = {
  actor: Actor | null;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};
