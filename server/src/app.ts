import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { migrationSources } from './migration-sources.ts';
import {
  createArgon2PasswordHasher,
  createIdentityModule,
  createLoginLimiter,
  type IdentityModule,
  identityErrorStatuses,
  type PasswordHasher,
} from './modules/identity/index.ts';
import {
  createTransparencyLogModule,
  type TransparencyLogModule,
  transparencyLogErrorStatuses,
} from './modules/transparency-log/index.ts';
import { loadCodeLists, registerCodeRoutes } from './platform/codes/index.ts';
import type { Config } from './platform/config/index.ts';
import { createPersonalDataVault } from './platform/crypto/index.ts';
import {
  type Database,
  isDatabaseUnavailable,
  loadMigrations,
  type Migration,
  migrationStatus,
} from './platform/db/index.ts';
import { createEventBus, type EventBus } from './platform/events/index.ts';
import { createHttpServer, type RouteRegistry, recordAuditFailure } from './platform/http/index.ts';
import type { Logger } from './platform/logging/index.ts';

export const hubVersion = '0.1.0';

/** The modules this build contains, in dependency order; the web navigation shows these. */
export const installedModules = [{ id: 'transparency-log' }, { id: 'identity' }] as const;

export type Hub = {
  app: FastifyInstance;
  routes: RouteRegistry;
  db: Database;
  bus: EventBus;
  identity: IdentityModule;
  transparencyLog: TransparencyLogModule;
  close: () => Promise<void>;
};

export type BuildHubOptions = {
  config: Pick<Config, 'publicUrl' | 'bodyLimitBytes' | 'writeRateMax' | 'webDistDir'> &
    Partial<Pick<Config, 'cookieSecure' | 'trustProxyHops' | 'secretKey'>>;
  db: Database;
  logger: Logger;
  now?: () => Date;
  passwords?: PasswordHasher;
  /** Migrations already loaded by the caller, to check readiness against. */
  migrations?: Migration[];
};

const defaultWebDist = fileURLToPath(new URL('../../web/dist/', import.meta.url));

/**
 * The composition root: builds every module with its dependencies on an open, migrated database
 * and mounts their routes. Used by `tradehub start`, by the tests and by the benchmarks.
 */
export const buildHub = async (options: BuildHubOptions): Promise<Hub> => {
  const { db, logger } = options;
  const now = options.now ?? (() => new Date());
  const migrations = options.migrations ?? (await loadMigrations(migrationSources));
  const codes = await loadCodeLists(db.kysely);
  const bus = createEventBus({ db, logger });
  // Without a configured key (tests, benchmarks) a per-process one is enough for the stored
  // idempotent answers; the log key derived from it then lasts as long as the process.
  const secretKey = options.config.secretKey ?? randomBytes(32);
  const transparencyLog = createTransparencyLogModule({
    db,
    logger,
    secretKey,
    publicUrl: options.config.publicUrl,
  });
  const identity = createIdentityModule({
    db,
    now,
    passwords: options.passwords ?? createArgon2PasswordHasher(),
    loginLimiter: createLoginLimiter({ maxFailures: 10, windowMs: 60_000, now: () => now().getTime() }),
    checkUnlocode: codes.checkUnlocode,
    publicUrl: options.config.publicUrl,
    cookieSecure: options.config.cookieSecure ?? options.config.publicUrl.startsWith('https://'),
    sessionTtlMs: 12 * 60 * 60 * 1000,
    invitationTtlMs: 7 * 24 * 60 * 60 * 1000,
    afterCommit: () => bus.notify(),
  });
  const webDistDir = options.config.webDistDir ?? (existsSync(defaultWebDist) ? defaultWebDist : undefined);
  const { app, routes } = await createHttpServer({
    logger,
    version: hubVersion,
    bodyLimitBytes: options.config.bodyLimitBytes,
    writeRateMax: options.config.writeRateMax,
    authenticate: identity.authenticate,
    recordFailedWrite: (request, statusCode) => recordAuditFailure(db.kysely, request, statusCode),
    isDatabaseUnavailable,
    errorStatuses: { ...transparencyLogErrorStatuses, ...identityErrorStatuses },
    checkReadiness: async () => {
      await db.ping();
      const status = await migrationStatus(db, migrations);
      if (status.pending.length > 0 || status.changed.length > 0) {
        throw new AppError('db.migrations_not_current', 'Database migrations are not current.');
      }
    },
    webDistDir,
    trustProxyHops: options.config.trustProxyHops ?? 0,
    idempotency: {
      db: db.kysely,
      vault: createPersonalDataVault(secretKey),
    },
    isHttps: options.config.publicUrl.startsWith('https://'),
  });
  registerMetaRoute(app);
  registerCodeRoutes(app, codes);
  transparencyLog.registerRoutes(app);
  identity.registerRoutes(app);
  await app.ready();

  return {
    app,
    routes,
    db,
    bus,
    identity,
    transparencyLog,
    close: async () => {
      await app.close();
      await bus.stop();
    },
  };
};

const registerMetaRoute = (root: FastifyInstance) => {
  root.withTypeProvider<ZodTypeProvider>().get(
    '/api/meta',
    {
      schema: {
        tags: ['meta'],
        summary: 'Version and installed modules',
        response: { 200: z.object({ version: z.string(), modules: z.array(z.object({ id: z.string() })) }) },
      },
      config: { access: { kind: 'public' } },
    },
    async () => ({ version: hubVersion, modules: [...installedModules] }),
  );
};
