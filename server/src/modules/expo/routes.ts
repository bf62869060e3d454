import type { FastifyInstance } from 'fastify';
import type { ExpoDeps } from './deps.ts';

/** Mounts the routes of every part of the expo module. */
export const registerExpoRoutes = (app: FastifyInstance, deps: ExpoDeps): void => {
  void app;
  void deps;
};
