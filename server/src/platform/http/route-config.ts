import type { Actor } from '../access/index.ts';
import type { IdempotencyClaim } from '../idempotency/index.ts';

/**
 * How a route decides who may call it. Every route must declare one; the access-matrix test
 * enumerates the routes and proves each declaration holds.
 * - `public`: anyone, no session (health, login, reference code lists).
 * - `authenticated`: any signed-in caller, acting on its own data only (`/api/me`).
 * - `organisation`: the path parameter `param` names the owning organisation; `objects` maps
 *   further path parameters to the kind of object they name, each owned by that organisation.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'authenticated'; usersOnly?: boolean }
  | { kind: 'organisation'; param: string; objects?: Record<string, string> };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    /** The audit action a state-changing route records, e.g. `identity.organisation.update`. */
    audit?: string;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** Audit rows this request wrote in its own transaction. */
    auditWrites: number;
    /** The Idempotency-Key this request will claim with its change, if it sent one. */
    idempotency: IdempotencyClaim | null;
    idempotencyClaimed: boolean;
    /** The answer is a replay of a stored one: nothing ran, nothing is audited. */
    idempotentReplay: boolean;
  }
}
