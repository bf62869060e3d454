import type { Database } from '../../platform/db/index.ts';
import type { DxpProvider } from './formats/dxp/index.ts';
import type { TariffInForce } from './service/tariff-source.ts';

/** The organisation key that signs MESSAGE_BATCH log entries (identity's active Ed25519 key). */
export type SubmitterKey = {
  did: string;
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array | Promise<Uint8Array>;
};

/** What the customs module needs from the transparency log (its index.ts functions). */
export type CustomsLog = {
  queueEntries(
    trx: Parameters<Parameters<Database['transaction']>[0]>[0],
    bodies: readonly Uint8Array[],
  ): Promise<unknown>;
  entriesQueued(count: number): void;
};

/** The customs office's knobs: the sandbox answers as customs would, with these rules. */
export type SandboxSettings = {
  /** Share of released parcels sent to inspection, 0..1 (deterministic per parcel). */
  inspectionRate: number;
  /** Matching rules' severities by rule id ('reject' | 'warn' | 'off'), over their defaults. */
  matchingSeverities: Record<string, 'reject' | 'warn' | 'off'>;
};

export type CustomsDeps = {
  db: Database;
  now: () => Date;
  /** The hub secret: seals personal data and keys the buyer lookup hash. */
  secretKey: Uint8Array;
  log: CustomsLog;
  submitterKey(organisationId: string): Promise<SubmitterKey>;
  /** The organisation's kind (identity): a customs authority sees every parcel. */
  organisationKind(organisationId: string): Promise<string | undefined>;
  sandbox: SandboxSettings;
  /** The tariff in force, loaded at start (`loadTariff`): the operator's or the illustrative sample. */
  tariff: TariffInForce;
  afterCommit: () => void;
  /** Set when TRADEHUB_CUSTOMS_PROVIDER=dxp: messages go to the E-port instead of the sandbox. */
  provider?: DxpProvider;
};
