import type { FastifyInstance } from 'fastify';
import type { ExpoDeps } from './deps.ts';
import { registerExpoRoutes } from './routes.ts';

export type { ExpoDeps } from './deps.ts';
export { expoErrorStatuses, expoFieldErrorCodes } from './errors.ts';

/** The expo module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createExpoModule = (deps: ExpoDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerExpoRoutes(app, deps),
});

export type ExpoModule = ReturnType<typeof createExpoModule>;
