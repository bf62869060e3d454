import type { Actor, Executor } from '../../../platform/access/index.ts';

export type AuditedChange = {
  organisationId: string | null;
  object: { type: string; id: string } | null;
  detail?: Record<string, unknown>;
};

/**
 * Who acts, which request it is (the registry's query trail names both) and how the change is
 * audited inside its own transaction. Routes build it from the request.
 */
export type WriteContext = {
  actor: Actor;
  requestId: string;
  audit: (ex: Executor, change: AuditedChange) => Promise<void>;
};
