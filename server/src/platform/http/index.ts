export { type AuditedObject, recordAuditFailure, recordAuditSuccess } from './audit-request.ts';
export { authorize, requireActor } from './authorize.ts';
export {
  createHttpServer,
  type HttpServer,
  type HttpServerOptions,
  isWriteMethod,
  type RouteRegistry,
  type ZodApp,
} from './create-http-server.ts';
export { type Problem, problem, problemContentType, sendProblem } from './problem.ts';
export type { RouteAccess } from './route-config.ts';
