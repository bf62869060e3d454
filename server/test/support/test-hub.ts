import { appendFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { type BuildHubOptions, buildHub, type Hub } from '../../src/app.ts';
import { createArgon2PasswordHasher } from '../../src/modules/identity/index.ts';
import { createLogger } from '../../src/platform/logging/index.ts';
import { createTestDatabase } from './test-db.ts';

/** Where every test hub writes its logs; the run's teardown greps them for secrets. */
export const testLogDir = fileURLToPath(new URL('../../../.test-logs/', import.meta.url));

export const testPassword = 'correct horse battery staple';

/** Records a secret a test saw (token, API key), so the log audit can prove it was never logged. */
export const rememberSecret = (secret: string) => {
  mkdirSync(testLogDir, { recursive: true });
  appendFileSync(`${testLogDir}secrets-${process.pid}.txt`, `${secret}\n`);
};

// Cheap argon2id parameters keep the suite fast; production uses the OWASP baseline.
const fastPasswords = createArgon2PasswordHasher({ memoryCost: 1024, timeCost: 1, parallelism: 1 });

let hubCount = 0;

export type TestHub = Hub & { request: Hub['app']['inject'] };

/** A full hub (every module and route) on a fresh copy of the migrated test database. */
export const createTestHub = async (
  options: {
    writeRateMax?: number;
    bodyLimitBytes?: number;
    webDistDir?: string;
    customsSandbox?: BuildHubOptions['customsSandbox'];
  } = {},
) => {
  mkdirSync(testLogDir, { recursive: true });
  hubCount += 1;
  const logFile = `${testLogDir}hub-${process.pid}-${hubCount}.log`;
  const logger = createLogger({
    level: 'debug',
    destination: pino.destination({ dest: logFile, sync: true }),
  });
  const db = await createTestDatabase();
  const hub = await buildHub({
    config: {
      publicUrl: 'http://localhost:8080',
      bodyLimitBytes: options.bodyLimitBytes ?? 1024 * 1024,
      writeRateMax: options.writeRateMax ?? 10_000,
      webDistDir: options.webDistDir ?? '/nonexistent',
    },
    db,
    logger,
    passwords: fastPasswords,
    ...(options.customsSandbox === undefined ? {} : { customsSandbox: options.customsSandbox }),
  });

  return {
    hub,
    close: async () => {
      await hub.close();
      await db.close();
    },
  };
};

export type Party = {
  userId: string;
  email: string;
  organisationId: string;
  cookie: string;
};

let partyCount = 0;

/** Registers a person over HTTP, signs them in, and gives them an organisation they own. */
export const createParty = async (
  hub: Hub,
  label: string,
  options: { kind?: string } = {},
): Promise<Party> => {
  partyCount += 1;
  const email = `${label.toLowerCase()}-${process.pid}-${partyCount}@party.example`;
  const registered = await hub.app.inject({
    method: 'POST',
    url: '/api/auth/register',
    payload: { email, displayName: `${label} Person`, password: testPassword },
  });
  if (registered.statusCode !== 201) {
    throw new Error(`register failed: ${registered.statusCode} ${registered.body}`);
  }
  const cookieHeader = registered.cookies.find((c) => c.name === 'th_session');
  if (cookieHeader === undefined) {
    throw new Error('register set no session cookie');
  }
  rememberSecret(cookieHeader.value);
  const cookie = `th_session=${cookieHeader.value}`;
  const org = await hub.app.inject({
    method: 'POST',
    url: '/api/orgs',
    headers: { cookie },
    payload: {
      nameZh: `${label}公司`,
      nameEn: `${label} Ltd`,
      kind: options.kind ?? 'exporter',
      country: 'CN',
    },
  });
  if (org.statusCode !== 201) {
    throw new Error(`org create failed: ${org.statusCode} ${org.body}`);
  }
  const me = registered.json<{ user: { id: string } }>();

  return { userId: me.user.id, email, organisationId: org.json<{ id: string }>().id, cookie };
};
