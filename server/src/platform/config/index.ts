import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z.string().url().optional(),
  TRADEHUB_DATA_DIR: z.string().min(1).default('./data'),
  TRADEHUB_PUBLIC_URL: z.string().url().optional(),
  TRADEHUB_SECRET_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be 64 hex characters (32 bytes)')
    .optional(),
  TRADEHUB_COOKIE_SECURE: z.enum(['true', 'false']).optional(),
  TRADEHUB_WEB_DIST: z.string().optional(),
  TRADEHUB_DEMO: z.enum(['true', 'false']).optional(),
  TRADEHUB_TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRADEHUB_WRITE_RATE_MAX: z.coerce.number().int().positive().default(600),
  TRADEHUB_BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  TRADEHUB_LOG_BATCH_MAX: z.coerce.number().int().min(1).max(10_000).default(256),
  TRADEHUB_LOG_INTERVAL_MS: z.coerce.number().int().min(1).max(3_600_000).default(500),
  TRADEHUB_LOG_MONITOR_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
  TRADEHUB_WITNESSES: z.string().max(20_000).optional(),
  TRADEHUB_CUSTOMS_INSPECTION_RATE: z.coerce.number().min(0).max(1).default(0.02),
  TRADEHUB_CUSTOMS_PROVIDER: z.enum(['sandbox', 'dxp']).default('sandbox'),
  TRADEHUB_CUSTOMS_DXP: z.string().max(20_000).optional(),
  TRADEHUB_WITNESS_QUORUM: z.coerce.number().int().min(0).max(100).optional(),
  TRADEHUB_RAIL_TRANSPORTS: z.string().max(20_000).optional(),
  TRADEHUB_RAIL_INSTRUCTING_BIC: z
    .string()
    .regex(/^[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$/, 'must be a BIC')
    .optional(),
});

// One transport per bank-operated rail (docs/payment-rails.md): an HTTP gateway with an auth
// header, or a directory the operator's gateway picks files up from.
const ZRailTransport = z.union([
  z.strictObject({
    kind: z.literal('http'),
    url: z.url({ protocol: /^https?$/ }),
    authHeaderName: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,100}$/)
      .optional(),
    authHeaderValue: z.string().min(1).max(4000).optional(),
    timeoutMs: z.number().int().min(100).max(300_000).optional(),
  }),
  z.strictObject({ kind: z.literal('directory'), dir: z.string().min(1).max(1000) }),
]);
const ZRailTransports = z.strictObject({ cips: ZRailTransport.optional(), ecny: ZRailTransport.optional() });

// The customs DXP provider (docs/customs.md): the hub's DXP id and how envelopes reach the E-port:
// an HTTP endpoint with an auth header, or the E-port client's send folder.
const ZCustomsDxp = z.strictObject({
  senderId: z.string().regex(/^[A-Za-z0-9]{1,16}$/),
  transport: ZRailTransport,
});

/** Where the customs module sends: the built-in sandbox answers, or the E-port over DXP. */
export type CustomsProviderSetting = { kind: 'sandbox' } | ({ kind: 'dxp' } & z.infer<typeof ZCustomsDxp>);

const parseCustomsProvider = (kind: 'sandbox' | 'dxp', text: string | undefined): CustomsProviderSetting => {
  if (kind === 'sandbox') {
    return { kind };
  }
  let json: unknown;
  try {
    json = JSON.parse(text ?? '');
  } catch {
    throw new ConfigError(
      'Invalid configuration:\n  TRADEHUB_CUSTOMS_DXP: expected a JSON object {senderId, transport} with TRADEHUB_CUSTOMS_PROVIDER=dxp',
    );
  }
  const parsed = ZCustomsDxp.safeParse(json);
  if (!parsed.success) {
    // Paths and codes only: the values (an auth header among them) are never echoed.
    const lines = parsed.error.issues.map(
      (issue) => `  TRADEHUB_CUSTOMS_DXP.${issue.path.join('.')}: ${issue.code}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const transport = Object.fromEntries(
    Object.entries(parsed.data.transport).filter(([, value]) => value !== undefined),
  ) as z.infer<typeof ZRailTransport>;
  return { kind: 'dxp', senderId: parsed.data.senderId, transport };
};

/** The rails' transports; the auth header value is a secret and never appears in an error. */
export type RailTransportsSetting = z.infer<typeof ZRailTransports>;

/** `TRADEHUB_RAIL_TRANSPORTS`: a JSON object `{"cips": {...}, "ecny": {...}}`; nothing when unset. */
const parseRailTransports = (text: string | undefined): RailTransportsSetting => {
  if (text === undefined || text === '') {
    return {};
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError('Invalid configuration:\n  TRADEHUB_RAIL_TRANSPORTS: expected a JSON object');
  }
  const parsed = ZRailTransports.safeParse(json);
  if (!parsed.success) {
    // Paths and messages only: the values (an auth header among them) are never echoed.
    const lines = parsed.error.issues.map(
      (issue) => `  TRADEHUB_RAIL_TRANSPORTS.${issue.path.join('.')}: ${issue.code}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  // Without the members left out, as the rails' settings type has them.
  return Object.fromEntries(
    Object.entries(parsed.data)
      .filter(([, setting]) => setting !== undefined)
      .map(([rail, setting]) => [
        rail,
        Object.fromEntries(Object.entries(setting ?? {}).filter(([, value]) => value !== undefined)),
      ]),
  ) as RailTransportsSetting;
};

const ZExternalWitnesses = z
  .array(
    z.object({
      name: z.string().min(1).max(200),
      verifierKey: z.string().min(1).max(1000),
      url: z.url({ protocol: /^https?$/ }),
    }),
  )
  .min(1)
  .max(20);

/** `none`, `demo`, or a JSON array of external witnesses `[{name, verifierKey, url}]`. */
const parseWitnessSetting = (text: string | undefined, loadDemo: boolean): WitnessSetting => {
  if (text === undefined || text === '') {
    return { kind: loadDemo ? 'demo' : 'none' };
  }
  if (text === 'none' || text === 'demo') {
    return { kind: text };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ConfigError(
      'Invalid configuration:\n  TRADEHUB_WITNESSES: expected none, demo or a JSON array',
    );
  }
  const parsed = ZExternalWitnesses.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `  TRADEHUB_WITNESSES.${issue.path.join('.')}: ${issue.message}`,
    );
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { kind: 'external', witnesses: parsed.data };
};

/** Which witnesses the log asks to cosign its checkpoints. */
export type WitnessSetting =
  | { kind: 'none' }
  | { kind: 'demo' }
  | { kind: 'external'; witnesses: { name: string; verifierKey: string; url: string }[] };

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  publicUrl: string;
  /** 32-byte key for cookie signing and personal-data encryption; never logged. */
  secretKey: Uint8Array;
  cookieSecure: boolean;
  webDistDir: string | undefined;
  /** Load the demo organisations into an empty database on start (default: only on PGlite). */
  loadDemo: boolean;
  /** Reverse proxies in front of the hub whose X-Forwarded-For is trusted (0: none). */
  trustProxyHops: number;
  logLevel: z.infer<typeof ZEnv>['LOG_LEVEL'];
  /** Writes per minute allowed per caller (user, API key or address). */
  writeRateMax: number;
  bodyLimitBytes: number;
  /** Transparency-log sequencer: the most entries per batch, and the pending count that starts one at once. */
  logBatchMax: number;
  /** Transparency-log sequencer: how long pending entries wait at most for the next batch. */
  logIntervalMs: number;
  /** Time between the transparency-log monitor's background checks; 0 disables them. */
  logMonitorIntervalMs: number;
  /** Witnesses asked to cosign each checkpoint (default: the two demo witnesses when the demo loads). */
  witnesses: WitnessSetting;
  /** Cosignatures the published trust policy requires (default: all configured witnesses). */
  witnessQuorum: number | undefined;
  /** Share of parcels the customs sandbox sends to inspection, 0..1 (deterministic per parcel). */
  customsInspectionRate?: number;
  /** Customs provider: the sandbox (default) or the E-port over DXP (its transport holds a secret). */
  customsProvider?: CustomsProviderSetting;
  /** Payment rails: the operator's transports (secrets inside, never logged) and instructing agent BIC. */
  rails?: { transports: RailTransportsSetting; instructingAgentBic?: string };
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Reads configuration from the environment. Invalid values stop start-up with a message naming
 * the variable, because a half-configured hub is worse than one that does not start.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = resolve(e.TRADEHUB_DATA_DIR);
  const publicUrl = e.TRADEHUB_PUBLIC_URL ?? `http://localhost:${e.PORT}`;
  // A trial on the embedded database wants the demo; a production PostgreSQL must ask for it,
  // because the demo logins share a published password.
  const loadDemo = e.TRADEHUB_DEMO === undefined ? e.DATABASE_URL === undefined : e.TRADEHUB_DEMO === 'true';
  const witnesses = parseWitnessSetting(e.TRADEHUB_WITNESSES, loadDemo);
  const witnessCount = {
    none: 0,
    demo: 2,
    external: witnesses.kind === 'external' ? witnesses.witnesses.length : 0,
  }[witnesses.kind];
  if (e.TRADEHUB_WITNESS_QUORUM !== undefined && e.TRADEHUB_WITNESS_QUORUM > witnessCount) {
    throw new ConfigError(
      `Invalid configuration:\n  TRADEHUB_WITNESS_QUORUM: ${e.TRADEHUB_WITNESS_QUORUM} is more than the ${witnessCount} configured witnesses`,
    );
  }

  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir,
    publicUrl: publicUrl.replace(/\/$/, ''),
    secretKey: e.TRADEHUB_SECRET_KEY
      ? Uint8Array.from(Buffer.from(e.TRADEHUB_SECRET_KEY, 'hex'))
      : loadOrCreateLocalSecret(dataDir),
    cookieSecure: e.TRADEHUB_COOKIE_SECURE === 'true' || publicUrl.startsWith('https://'),
    webDistDir: e.TRADEHUB_WEB_DIST,
    loadDemo,
    trustProxyHops: e.TRADEHUB_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    writeRateMax: e.TRADEHUB_WRITE_RATE_MAX,
    bodyLimitBytes: e.TRADEHUB_BODY_LIMIT_BYTES,
    logBatchMax: e.TRADEHUB_LOG_BATCH_MAX,
    logIntervalMs: e.TRADEHUB_LOG_INTERVAL_MS,
    logMonitorIntervalMs: e.TRADEHUB_LOG_MONITOR_INTERVAL_MS,
    witnesses,
    witnessQuorum: e.TRADEHUB_WITNESS_QUORUM,
    customsInspectionRate: e.TRADEHUB_CUSTOMS_INSPECTION_RATE,
    customsProvider: parseCustomsProvider(e.TRADEHUB_CUSTOMS_PROVIDER, e.TRADEHUB_CUSTOMS_DXP),
    rails: {
      transports: parseRailTransports(e.TRADEHUB_RAIL_TRANSPORTS),
      ...(e.TRADEHUB_RAIL_INSTRUCTING_BIC === undefined
        ? {}
        : { instructingAgentBic: e.TRADEHUB_RAIL_INSTRUCTING_BIC }),
    },
  };
};

// A trial install has no secret configured; one generated into the data directory keeps sessions
// and encrypted fields valid across restarts without asking a newcomer to invent a key.
const loadOrCreateLocalSecret = (dataDir: string): Uint8Array => {
  const file = resolve(dataDir, 'secret.key');
  if (existsSync(file)) {
    return Uint8Array.from(Buffer.from(readFileSync(file, 'utf8').trim(), 'hex'));
  }
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32);
  writeFileSync(file, key.toString('hex'), { mode: 0o600 });

  return Uint8Array.from(key);
};
