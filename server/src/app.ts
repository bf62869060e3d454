import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AppError, isUnitCode } from '@tradehub/kernel';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createOrderEscrowFlow,
  type OrderEscrowFlow,
  orderEscrowErrorStatuses,
} from './flows/order-escrow/index.ts';
import { migrationSources } from './migration-sources.ts';
import {
  type CustomsModule,
  createCustomsModule,
  createDxpProvider,
  customsErrorStatuses,
  defaultSandboxSettings,
  loadTariff,
  type SandboxSettings,
} from './modules/customs/index.ts';
import {
  createDocumentsModule,
  type DocumentsModule,
  documentsErrorStatuses,
} from './modules/documents/index.ts';
import { convertAtRate, createExpoModule, type ExpoModule, expoErrorStatuses } from './modules/expo/index.ts';
import {
  type ConcludedOrder,
  createCreditScores,
  createFinanceModule,
  deriveRegistryKey,
  type FinanceModule,
  financeErrorStatuses,
} from './modules/finance/index.ts';
import {
  createArgon2PasswordHasher,
  createIdentityModule,
  createLocalKeyProvider,
  createLoginLimiter,
  findOrganisationDirectoryEntries,
  type IdentityModule,
  identityErrorStatuses,
  type PasswordHasher,
} from './modules/identity/index.ts';
import {
  createLogisticsModule,
  type LogisticsModule,
  logisticsErrorStatuses,
} from './modules/logistics/index.ts';
import {
  createPaymentsModule,
  type PaymentsModule,
  paymentsErrorStatuses,
  type RailTransportSettings,
} from './modules/payments/index.ts';
import { breakdown, createStatsModule, type StatsModule, statsErrorStatuses } from './modules/stats/index.ts';
import {
  createTradeModule,
  generateTradeDocument,
  type TradeDeps,
  type TradeModule,
  tradeErrorStatuses,
  tradeFormats,
} from './modules/trade/index.ts';
import {
  type CheckEntry,
  createTransparencyLogModule,
  logIdentity,
  type TransparencyLogModule,
  transparencyLogErrorStatuses,
} from './modules/transparency-log/index.ts';
import { loadCodeLists, registerCodeRoutes } from './platform/codes/index.ts';
import { type Config, ConfigError } from './platform/config/index.ts';
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
import { tradeLogEntryChecker } from './trust/check-log-entry.ts';
import { registerTrustRoutes } from './trust/routes.ts';
import { resolveWitnesses } from './trust/witnesses.ts';

export const hubVersion = '0.1.0';

/** The modules this build contains, in dependency order; the web navigation shows these. */
export const installedModules = [
  { id: 'transparency-log' },
  { id: 'identity' },
  { id: 'documents' },
  { id: 'trade' },
  { id: 'customs' },
  { id: 'logistics' },
  { id: 'payments' },
  { id: 'finance' },
  { id: 'stats' },
  { id: 'expo' },
] as const;

export type Hub = {
  app: FastifyInstance;
  routes: RouteRegistry;
  db: Database;
  bus: EventBus;
  identity: IdentityModule;
  transparencyLog: TransparencyLogModule;
  documents: DocumentsModule;
  trade: TradeModule;
  customs: CustomsModule;
  logistics: LogisticsModule;
  payments: PaymentsModule;
  finance: FinanceModule;
  stats: StatsModule;
  expo: ExpoModule;
  /** The stats module's intake of facts from events: `retryNow` tries the parked ones again. */
  factIntake: ReturnType<StatsModule['registerConsumers']>;
  orderEscrow: OrderEscrowFlow;
  /** The hub's clock (a test's fixed one, or the wall clock): what seeds date their data by. */
  now: () => Date;
  close: () => Promise<void>;
};

export type BuildHubOptions = {
  config: Pick<Config, 'publicUrl' | 'bodyLimitBytes' | 'writeRateMax' | 'webDistDir'> &
    Partial<Pick<Config, 'cookieSecure' | 'trustProxyHops' | 'secretKey'>> &
    Partial<Pick<Config, 'logBatchMax' | 'logIntervalMs' | 'logMonitorIntervalMs'>> &
    Partial<
      Pick<Config, 'witnesses' | 'witnessQuorum' | 'dataDir' | 'customsInspectionRate' | 'customsProvider'>
    > &
    Partial<Pick<Config, 'rails'>>;
  db: Database;
  logger: Logger;
  now?: () => Date;
  passwords?: PasswordHasher;
  /**
   * Whether an organisation may append an entry to the transparency log (default: a TradeLogEntry
   * v1 signed by a current key of that organisation).
   */
  checkLogEntry?: CheckEntry;
  /** Migrations already loaded by the caller, to check readiness against. */
  migrations?: Migration[];
  /** The trade module's document generator and UBL/Peppol converters (tests pass their own). */
  trade?: Partial<Pick<TradeDeps, 'generateDocument' | 'formats'>>;
  /** The customs sandbox's rules (tests set the inspection rate to 0 or 1). */
  customsSandbox?: Partial<SandboxSettings>;
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
  const witnessing = await resolveWitnesses(options.config.witnesses ?? { kind: 'none' }, {
    secretKey,
    publicUrl: options.config.publicUrl,
    log: logIdentity(secretKey, options.config.publicUrl),
    ...(options.config.dataDir === undefined ? {} : { dataDir: options.config.dataDir }),
    now,
  });
  const witnessQuorum = options.config.witnessQuorum ?? witnessing.witnesses.length;
  if (witnessQuorum > witnessing.witnesses.length) {
    await witnessing.close();
    // No checkpoint could ever reach the quorum: no document would ever be handed out.
    throw new ConfigError(
      `TRADEHUB_WITNESS_QUORUM is ${witnessQuorum}, but only ${witnessing.witnesses.length} witnesses are configured.`,
    );
  }
  // Documents are proven against checkpoints their verifiers accept: ones with the quorum.
  const witnessedSize = async () => (await transparencyLog.latestWitnessedSize(witnessQuorum)) ?? 0;
  let checkLogEntry: CheckEntry | undefined = options.checkLogEntry;
  const transparencyLog = createTransparencyLogModule({
    db,
    logger,
    secretKey,
    publicUrl: options.config.publicUrl,
    sequencer: {
      batchMax: options.config.logBatchMax ?? 256,
      intervalMs: options.config.logIntervalMs ?? 500,
    },
    monitorIntervalMs: options.config.logMonitorIntervalMs ?? 60_000,
    afterCommit: () => bus.notify(),
    witnesses: witnessing.witnesses,
    // The default checker needs identity, which needs the log: it is bound just below.
    checkEntry: (organisationId, body) => (checkLogEntry ?? (async () => undefined))(organisationId, body),
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
    keyProvider: createLocalKeyProvider(secretKey),
    transparencyLog,
  });
  checkLogEntry ??= tradeLogEntryChecker(identity.signingKeys);
  const documents = createDocumentsModule({
    db,
    now,
    publicUrl: options.config.publicUrl,
    secretKey,
    log: {
      queueEntries: transparencyLog.queueEntries,
      // The first index holding the leaf (a copy appended later never moves the original), once
      // a checkpoint with the witness quorum covers it.
      indexOfLeafHash: async (leafHash) => {
        const index = (await transparencyLog.findEntriesByLeafHash(leafHash))[0];
        return index !== undefined && index < (await witnessedSize()) ? index : undefined;
      },
      tlogProof: async (index) => (await transparencyLog.tlogProof(index, await witnessedSize())).text,
      entriesQueued: (count) => transparencyLog.sequencer.poke(count),
    },
    activeKey: (organisationId) => identity.signingKeys.activeKey(organisationId),
    didDocument: (organisationId) => identity.signingKeys.didDocument(organisationId),
    organisationName: organisationNameOf(identity),
    afterCommit: () => bus.notify(),
  });
  const trade = createTradeModule({
    db,
    now,
    publicUrl: options.config.publicUrl,
    secretKey,
    codes: {
      isHs6: (code) => codes.hs.isValidHs6(code),
      checkUnlocode: codes.checkUnlocode,
      isUnitCode,
    },
    documents: {
      issue: documents.issueOne,
      bundle: documents.getBundle,
      pdf: documents.renderPdf,
      statuses: documents.documentStatuses,
    },
    generateDocument: options.trade?.generateDocument ?? generateTradeDocument,
    formats: options.trade?.formats ?? tradeFormats,
    afterCommit: () => bus.notify(),
  });
  const customs = createCustomsModule({
    db,
    now,
    secretKey,
    log: {
      queueEntries: transparencyLog.queueEntries,
      entriesQueued: (count) => transparencyLog.sequencer.poke(count),
    },
    submitterKey: (organisationId) => identity.signingKeys.activeKey(organisationId),
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
    sandbox: {
      ...defaultSandboxSettings,
      ...(options.config.customsInspectionRate === undefined
        ? {}
        : { inspectionRate: options.config.customsInspectionRate }),
      ...options.customsSandbox,
    },
    tariff: await loadTariff(db),
    // TRADEHUB_CUSTOMS_PROVIDER=dxp: messages go to the E-port; otherwise the sandbox answers.
    ...(options.config.customsProvider?.kind === 'dxp'
      ? {
          provider: createDxpProvider({
            senderId: options.config.customsProvider.senderId,
            transport: options.config.customsProvider.transport,
          }),
        }
      : {}),
    afterCommit: () => bus.notify(),
  });
  const logistics = createLogisticsModule({
    db,
    now,
    secretKey,
    publicUrl: options.config.publicUrl,
    codes: {
      checkUnlocode: codes.checkUnlocode,
      isHs6: (code) => codes.hs.isValidHs6(code),
      lookupUnlocode: (code) => codes.unlocodes.lookup(code),
    },
    orders: {
      partiesOf: async (organisationId, orderId) => {
        const order = await trade.getOrder(organisationId, orderId);
        return {
          myRole: order.myRole,
          sellerOrganisationId: order.sellerOrganisationId,
          buyerOrganisationId: order.buyerOrganisationId,
        };
      },
    },
    organisationExists: async (organisationId) =>
      (await identity.organisationName(organisationId)) !== undefined,
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
    afterCommit: () => bus.notify(),
    // Trace heads are proven like documents: against checkpoints with the witness quorum.
    trace: {
      queueEntries: transparencyLog.queueEntries,
      entriesQueued: (count) => transparencyLog.sequencer.poke(count),
      signingKey: (organisationId) => identity.signingKeys.activeKey(organisationId),
      indexOfLeafHash: async (leafHash) => {
        const index = (await transparencyLog.findEntriesByLeafHash(leafHash))[0];
        return index !== undefined && index < (await witnessedSize()) ? index : undefined;
      },
      tlogProof: async (index) => (await transparencyLog.tlogProof(index, await witnessedSize())).text,
      log: { origin: transparencyLog.origin, verifierKey: transparencyLog.verifierKey },
    },
  });
  const payments = createPaymentsModule({
    db,
    now,
    // The operator's rail transports (TRADEHUB_RAIL_TRANSPORTS); none: the sandbox settles, CIPS
    // and e-CNY payments stay prepared for the operator to deliver.
    rails: {
      transports: (options.config.rails?.transports ?? {}) as RailTransportSettings,
      instructingAgentBic: options.config.rails?.instructingAgentBic ?? 'TRHBCNZJXXX',
    },
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
  });
  const stats = createStatsModule({
    db,
    now,
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
    organisationNames: (organisationIds) => findOrganisationDirectoryEntries(db.kysely, organisationIds),
  });
  const finance = createFinanceModule({
    db,
    now,
    registryKeys: [deriveRegistryKey(secretKey)],
    documents: { statuses: documents.documentStatuses, bundle: documents.getBundle },
    orders: { get: trade.getOrder, list: trade.listOrders },
    payments: { createTransfer: payments.createTransfer },
  });
  // Credit scores read trade's orders and the ledger's escrows through their modules' index.ts.
  const credit = createCreditScores({
    db,
    now,
    secretKey,
    concludedOrders: async (organisationId, since) => {
      const concluded: ConcludedOrder[] = [];
      for (const status of ['completed', 'cancelled'] as const) {
        let cursor: string | undefined;
        // Newest first by creation: an order made before `since` may have ended after it, so
        // every ended order is read (bounded, as a score needs no more than this many).
        for (let page = 0; page < 50; page += 1) {
          const { items, nextCursor } = await trade.listOrders({
            organisationId,
            status,
            cursor,
            limit: 200,
          });
          for (const order of items) {
            const concludedAt = new Date(order.updatedAt);
            if (order.myRole !== 'shared' && concludedAt >= since) {
              concluded.push({
                id: order.id,
                status,
                sellerOrganisationId: order.sellerOrganisationId,
                buyerOrganisationId: order.buyerOrganisationId,
                concludedAt,
              });
            }
          }
          if (nextCursor === null) {
            break;
          }
          cursor = nextCursor;
        }
      }
      return concluded;
    },
    escrowOf: async (orderId) => {
      const record = await payments.findEscrow(orderId);
      return record === undefined
        ? undefined
        : {
            status: record.escrow.status,
            buyerOrganisationId: record.escrow.buyerOrganisationId,
            sellerOrganisationId: record.escrow.sellerOrganisationId,
          };
    },
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
    log: {
      queueEntries: transparencyLog.queueEntries,
      entriesQueued: (count) => transparencyLog.sequencer.poke(count),
      indexOfLeafHash: async (leafHash) => {
        const index = (await transparencyLog.findEntriesByLeafHash(leafHash))[0];
        return index !== undefined && index < (await witnessedSize()) ? index : undefined;
      },
      tlogProof: async (index) => (await transparencyLog.tlogProof(index, await witnessedSize())).text,
      verifierKey: transparencyLog.verifierKey,
    },
  });
  const expo = createExpoModule({
    db,
    now,
    // services-trade: a recorded delivery's statistics event is delivered right after its commit.
    afterCommit: () => bus.notify(),
    codes: {
      isHs6: (code) => codes.hs.isValidHs6(code),
      isUnitCode,
      checkUnlocode: codes.checkUnlocode,
    },
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
    organisationNames: (organisationIds) => findOrganisationDirectoryEntries(db.kysely, organisationIds),
    // meetings: "turn a meeting into a draft order" drafts it in the trade module.
    createDraftOrder: async (ctx, organisationId, content) => ({
      id: (await trade.createOrder(ctx, organisationId, content)).id,
    }),
    // catalogue: a certification backed by a credential is verified while documents says it is active.
    credentialStatus: async (organisationId, documentId) => {
      const status = (await documents.documentStatuses(organisationId, [documentId])).get(documentId);
      return status === undefined ? undefined : { valid: status === 'active' };
    },
    // ip-registry: a licence or assignment is a signed credential of the grantor (generic type
    // Other), anchored in the log; the agreement row commits in the issuing transaction.
    issueAgreement: async (actor, organisationId, input, within) =>
      documents.issueOne(
        actor,
        organisationId,
        { documentType: 'Other', ...input },
        {
          within: async (trx, issued) => {
            const [document] = issued;
            if (document === undefined) {
              throw new Error('issuing an IP agreement returned no document');
            }
            await within(trx, document);
          },
        },
      ),
    agreementBundle: (organisationId, documentId) => documents.getBundle(organisationId, documentId),
    // ip-registry: a pledge is registered in finance's duplicate-financing registry within the
    // pledge's own transaction, so a right is pledged once at a time across every bank.
    ipPledgeRegistry: finance.ipPledges,
    // matchmaking: a buyer's target price in the product's currency at payments' day rate (none:
    // the price component says so and stays neutral); the supplier's live credit score (finance,
    // 0..1000 normalised to 0..100) and its completed orders; trade by HS chapter or partner from
    // the statistics rollups, aggregates only.
    convertMoney: async (amountMinor, from, to, day) => {
      const quote = await payments.dayRate(from, to, day);
      return quote === undefined
        ? undefined
        : { amountMinor: convertAtRate(amountMinor, from, to, quote.rate), rate: quote.rate };
    },
    creditScore: async (organisationId) => {
      const { score, max, grade, completedOrders } = await credit.scoreOf(organisationId);
      // No completed order on the hub is no record at all: unknown (neutral), not a low score.
      return completedOrders === 0 ? undefined : { score: (score * 100) / max, grade };
    },
    tradeHistory: async (organisationId) => (await credit.scoreOf(organisationId)).completedOrders,
    tradeTrend: async ({ year, throughMonth, by }) =>
      (
        await breakdown(db.kysely, {
          year,
          throughMonth,
          dimension: by === 'country' ? 'partner' : 'hs_chapter',
          digitalOnly: false,
        })
      ).items.map((item) => ({ key: item.key, usdMinor: item.usdMinor })),
  });
  // A use case spanning trade and payments: the buyer's money on an order, held in the ledger.
  const orderEscrow = createOrderEscrowFlow({
    now,
    payments,
    trade,
    organisationKind: async (organisationId) =>
      (await findOrganisationDirectoryEntries(db.kysely, [organisationId])).get(organisationId)?.kind,
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
    errorStatuses: {
      ...transparencyLogErrorStatuses,
      ...identityErrorStatuses,
      ...documentsErrorStatuses,
      ...tradeErrorStatuses,
      ...customsErrorStatuses,
      ...logisticsErrorStatuses,
      ...paymentsErrorStatuses,
      ...financeErrorStatuses,
      ...statsErrorStatuses,
      ...expoErrorStatuses,
      ...orderEscrowErrorStatuses,
    },
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
  documents.registerRoutes(app);
  trade.registerRoutes(app);
  customs.registerRoutes(app);
  logistics.registerRoutes(app);
  logistics.registerConsumers(bus);
  // Trade statistics from customs' releases and trade's invoices (docs/stats-facts-from-events.md).
  const factIntake = stats.registerConsumers(bus, {
    enterpriseProfile: identity.statisticalProfile,
    dayRate: payments.dayRate,
  });
  payments.registerRoutes(app);
  finance.registerRoutes(app);
  credit.registerRoutes(app);
  stats.registerRoutes(app);
  expo.registerRoutes(app);
  orderEscrow.registerRoutes(app);
  registerTrustRoutes(app, {
    publicUrl: options.config.publicUrl,
    log: { origin: transparencyLog.origin, verifierKey: transparencyLog.verifierKey },
    witnesses: witnessing.witnesses,
    quorum: witnessQuorum,
  });
  await app.ready();
  transparencyLog.sequencer.start();
  transparencyLog.monitor.start();
  payments.sweeper.start();
  customs.dxpRetrier.start();
  orderEscrow.sweeper.start();
  logistics.exceptionSweeper.start();
  factIntake.start();

  return {
    app,
    routes,
    db,
    bus,
    identity,
    transparencyLog,
    documents,
    trade,
    customs,
    logistics,
    payments,
    finance,
    stats,
    expo,
    factIntake,
    orderEscrow,
    now,
    close: async () => {
      await factIntake.stop();
      await logistics.exceptionSweeper.stop();
      await orderEscrow.sweeper.stop();
      await payments.sweeper.stop();
      await customs.dxpRetrier.stop();
      await app.close();
      await transparencyLog.stop();
      await witnessing.close();
      await bus.stop();
    },
  };
};

// The issuer name in every credential. Identity does not export an organisation lookup yet; until
// it does (integrator: expose `organisationName(id)`), the organisation id stands in for it.
const organisationNameOf =
  (identity: IdentityModule) =>
  async (organisationId: string): Promise<string> => {
    const name = await identity.organisationName(organisationId);
    if (name === undefined) {
      throw new AppError('http.not_found', `No organisation ${organisationId}.`);
    }
    return name;
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
