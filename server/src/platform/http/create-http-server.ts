import { existsSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { AppError, newId } from '@tradehub/kernel';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Actor } from '../access/index.ts';
import type { Logger } from '../logging/index.ts';
import { type IdempotencyOptions, registerIdempotency } from './idempotency.ts';
import { platformErrorStatuses, problem, sendProblem, toProblem } from './problem.ts';
import './route-config.ts';

export type HttpServerOptions = {
  logger: Logger;
  version: string;
  bodyLimitBytes: number;
  writeRateMax: number;
  /** Resolves the caller from a session cookie or API key; null when there is none. */
  authenticate: (request: FastifyRequest) => Promise<Actor | null>;
  /** Records a state-changing request that failed (its own transaction rolled back). */
  recordFailedWrite: (request: FastifyRequest, statusCode: number) => Promise<void>;
  isDatabaseUnavailable: (error: unknown) => boolean;
  errorStatuses: Record<string, number>;
  /** Throws when the hub cannot serve: database down or migrations not current. */
  checkReadiness: () => Promise<void>;
  webDistDir: string | undefined;
  /** Reverse proxies whose X-Forwarded-For is believed, so limits see the client's address. */
  trustProxyHops?: number;
  /** Served over https: browsers are told to upgrade any http sub-request. */
  isHttps?: boolean;
  idempotency: IdempotencyOptions;
};

export type HttpServer = FastifyInstance;
/** A Fastify instance whose routes take Zod schemas. */
export type ZodApp = FastifyInstance<
  Server,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;
export type RouteRegistry = RouteOptions[];

const writeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const isWriteMethod = (method: string): boolean => writeMethods.has(method);

/**
 * Builds the Fastify instance with everything every route shares: validation, problem+json
 * errors, request ids, security headers, rate limits, body limits, authentication, failure
 * auditing, OpenAPI and health endpoints. Modules then register their routes on it.
 */
export const createHttpServer = async (options: HttpServerOptions) => {
  const statuses = { ...platformErrorStatuses, ...options.errorStatuses };
  const routes: RouteRegistry = [];
  const serverOptions: FastifyHttpOptions<Server, FastifyBaseLogger> = {
    loggerInstance: options.logger as FastifyBaseLogger,
    bodyLimit: options.bodyLimitBytes,
    genReqId: () => newId('req'),
    requestIdHeader: false,
    return503OnClosing: true,
    // Behind N reverse proxies the client's address is the Nth from the right in X-Forwarded-For;
    // without this every client would share the proxy's address in the login and write limits.
    trustProxy: (_address: string, hop: number) => hop < (options.trustProxyHops ?? 0),
    routerOptions: { ignoreTrailingSlash: true },
  };
  const app = Fastify(serverOptions).withTypeProvider<ZodTypeProvider>();

  // Only JSON bodies: a browser form cannot post JSON cross-site without a CORS preflight, which
  // closes the classic CSRF path on top of the SameSite cookie.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('auditWrites', 0);
  app.addHook('onRoute', (route) => {
    routes.push(route as RouteOptions);
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurity(app, options);
  await registerOpenApi(app, options.version);
  registerErrorHandling(app, options, statuses);
  registerAuthentication(app, options);
  registerIdempotency(app, options.idempotency);
  registerHealth(app, options);
  if (options.webDistDir !== undefined) {
    await registerWeb(app, options.webDistDir);
  }

  return { app, routes };
};

const registerSecurity = async (app: FastifyInstance, options: HttpServerOptions) => {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // Ant Design writes its component styles at run time (CSS-in-JS).
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        scriptSrc: ["'self'"],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        // Over plain http (a trial on a local network) an upgrade would make the browser fetch
        // every asset over https and show a blank page.
        upgradeInsecureRequests: options.isHttps === true ? [] : null,
      },
    },
    crossOriginEmbedderPolicy: false,
    // HSTS over plain http is ignored by browsers and misleading in a trial; send it with https.
    strictTransportSecurity: options.isHttps === true,
  });
  await app.register(fastifyCookie);
  // Writes are limited per caller; the key is the credential itself (or the address), so one
  // busy client cannot starve the others. Reads stay unlimited for dashboards and exports.
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    if (methods.some((m) => isWriteMethod(m))) {
      Object.assign(route, {
        config: {
          ...route.config,
          rateLimit: {
            max: options.writeRateMax,
            timeWindow: 60_000,
            keyGenerator: (request: FastifyRequest) =>
              request.headers.authorization ?? request.cookies?.th_session ?? request.ip,
          },
        },
      });
    }
  });
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`Rate limit of ${context.max} per ${context.after} exceeded.`);
      Object.assign(error, { statusCode: 429 });

      return error;
    },
  });
};

const registerOpenApi = async (app: FastifyInstance, version: string) => {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'tradehub API',
        description:
          'The open digital-trade hub. Errors are RFC 9457 application/problem+json with a stable `code` and field-level `errors`.',
        version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'th_session' },
          apiKey: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(async (scope) => {
    markPublic(scope);
    await scope.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  });
  app.get('/openapi.json', { schema: { hide: true }, config: { access: { kind: 'public' } } }, async () =>
    app.swagger(),
  );
};

const registerErrorHandling = (
  app: FastifyInstance,
  options: HttpServerOptions,
  statuses: Record<string, number>,
) => {
  app.setErrorHandler((error, request, reply) => {
    const { body, unexpected } = toProblem(request, error, {
      statuses,
      isDatabaseUnavailable: options.isDatabaseUnavailable,
    });
    if (unexpected) {
      request.log.error({ err: error }, 'unexpected error');
    } else if (body.status >= 500) {
      request.log.warn({ code: body.code }, body.detail);
    }
    return sendProblem(reply, body);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(request, 404, 'http.not_found', `No route ${request.method} ${request.url}.`)),
  );
};

const registerAuthentication = (app: FastifyInstance, options: HttpServerOptions) => {
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config.access;
    if (access === undefined || access.kind === 'public') {
      return;
    }
    request.actor = await options.authenticate(request);
    if (request.actor === null) {
      throw new AppError('http.unauthenticated', 'Sign in or send an API key.');
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const action = request.routeOptions.config.audit;
    if (action === undefined || !isWriteMethod(request.method)) {
      return;
    }
    if (reply.statusCode >= 400) {
      await options.recordFailedWrite(request, reply.statusCode).catch((error: unknown) => {
        request.log.error({ err: error }, 'could not record a failed write in the audit trail');
      });
    } else if (request.auditWrites === 0 && !request.idempotentReplay) {
      request.log.error({ action }, 'a successful write recorded no audit entry');
    }
  });
};

const registerHealth = (app: FastifyInstance, options: HttpServerOptions) => {
  const publicRoute = { access: { kind: 'public' as const } };
  app.get('/healthz', { schema: { hide: true }, config: publicRoute }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true }, config: publicRoute }, async (request, reply) => {
    try {
      await options.checkReadiness();

      return { status: 'ok' };
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'not ready';
      return sendProblem(reply, problem(request, 503, 'db.unavailable', detail));
    }
  });
};

// Routes registered by third-party plugins (the API reference, static files) serve public
// material; marking them keeps the rule that every route declares its access.
const markPublic = (scope: FastifyInstance) => {
  scope.addHook('onRoute', (route) => {
    Object.assign(route, { config: { ...route.config, access: { kind: 'public' } } });
  });
};

const registerStaticFiles = async (scope: FastifyInstance, distDir: string) => {
  // Hashed bundle files are looked up on disk at request time (a rebuild needs no restart, and an
  // unknown asset is a 404); the few top-level files are listed once.
  await scope.register(fastifyStatic, {
    root: join(distDir, 'assets'),
    prefix: '/assets/',
    wildcard: true,
    index: false,
    immutable: true,
    maxAge: '365d',
  });
  await scope.register(fastifyStatic, {
    root: distDir,
    wildcard: false,
    index: false,
    decorateReply: false,
    globIgnore: ['assets/**'],
  });
};

const registerWeb = async (app: FastifyInstance, distDir: string) => {
  if (!existsSync(join(distDir, 'index.html'))) {
    app.log.warn({ distDir }, 'web bundle not found; the UI is not served');
    return;
  }
  await app.register(async (scope) => {
    markPublic(scope);
    await registerStaticFiles(scope, distDir);
    // The single-page app owns every other GET path that a browser navigates to.
    scope.get('/*', { schema: { hide: true } }, (request, reply) => {
      if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) {
        return sendProblem(reply, problem(request, 404, 'http.not_found', `No route GET ${request.url}.`));
      }
      return reply.type('text/html; charset=utf-8').sendFile('index.html', distDir);
    });
  });
};
