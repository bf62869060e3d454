import type { FastifyInstance } from 'fastify';
import { createPersonalDataVault } from '../../platform/crypto/index.ts';
import type { CustomsDeps } from './deps.ts';
import { registerCustomsRoutes } from './routes.ts';
import { declareBondedInbound, type InboundInput } from './service/bonded-stock.ts';
import { createDxpRetrier } from './service/dxp-outbox.ts';
import { seedDemoExports } from './service/export-demo.ts';
import { buildExportSummaries } from './service/export-summary.ts';
import { type ReceiveContext, receiveMessages } from './service/receive-messages.ts';

export type { CustomsDeps, SandboxSettings, SubmitterKey } from './deps.ts';
export { customsErrorStatuses } from './errors.ts';
export { customsEvents, type ParcelReleasedPayload } from './events.ts';
export type { ReceiveOutcome } from './service/receive-messages.ts';
export { MAX_MESSAGES_PER_BATCH } from './service/receive-messages.ts';
export { importTariff, loadTariff, type TariffInForce } from './service/tariff-source.ts';

/** The sandbox's defaults: 2% of parcels inspected, the matching rules at their own severities. */
export const defaultSandboxSettings = { inspectionRate: 0.02, matchingSeverities: {} };

/** The customs module bound to its dependencies: what the composition root, the CLI and the seed use. */
export const createCustomsModule = (deps: CustomsDeps) => ({
  registerRoutes: (app: FastifyInstance) => registerCustomsRoutes(app, deps),
  /**
   * With the DXP provider: retries the messages the E-port did not take, in the background
   * (start/stop) with a growing pause, or at once (`retryNow`); without it, does nothing.
   */
  dxpRetrier: createDxpRetrier(deps.db, deps.provider, createPersonalDataVault(deps.secretKey), deps.now),
  /** Receives CEB messages from one organisation, as the HTTP routes do (seed, CLI). */
  receiveMessages: (ctx: ReceiveContext, xmls: readonly string[]) => receiveMessages(deps, ctx, xmls),
  /** Declares goods into a bonded account book (seed, CLI); stock once their CEB711 is accepted. */
  declareBondedInbound: (
    organisationId: string,
    input: InboundInput,
    audit?: Parameters<typeof declareBondedInbound>[3],
  ) => declareBondedInbound(deps, organisationId, input, audit),
  /** Builds an exporter's CEB701 summaries of a month (YYYY-MM) with their CEB792 results (CLI, seed). */
  /** The demo's export side (seed): the Yiwu exporter's parcels and its approved Hamburg warehouse. */
  seedDemoExports: (ctx: Parameters<typeof seedDemoExports>[1]) => seedDemoExports(deps, ctx),
  summariseExports: (
    organisationId: string,
    month: string,
    audit: Parameters<typeof buildExportSummaries>[3],
  ) => buildExportSummaries(deps, organisationId, month, audit),
});

export type CustomsModule = ReturnType<typeof createCustomsModule>;
export {
  demoBondedInbound,
  demoBondedWarehouse,
  demoDeliveryList,
  seedDemoBondedWarehouse,
} from './demo/demo-bonded.ts';
export { type DemoParcel, type DemoParcelOptions, generateDemoParcels } from './demo/demo-parcels.ts';
export { signAsDemoDeclarant } from './demo/demo-signer.ts';
export { EXPORT_FIELD_ERROR_CODES } from './domain/export-matching/index.ts';
export { createDxpProvider, type DxpProviderSetting } from './formats/dxp/index.ts';
export { importPositiveList, positiveListStatus } from './service/bonded-positive-list.ts';
export type { InboundInput } from './service/bonded-stock.ts';
export { recordDxpReceipts } from './service/dxp-outbox.ts';
export {
  type DemoExportOptions,
  type DemoExportParcel,
  demoExportParties,
  generateDemoExportParcels,
} from './service/export-demo.ts';
