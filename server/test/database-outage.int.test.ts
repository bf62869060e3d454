import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHub, type Hub } from '../src/app.ts';
import { openDatabase } from '../src/platform/db/index.ts';
import { createLogger } from '../src/platform/logging/index.ts';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.ts';
import { createTestDatabase } from './support/test-db.ts';
import { createParty } from './support/test-hub.ts';

// Only PostgreSQL can go away under a running hub; PGlite lives inside the process.
describe.runIf(process.env.DATABASE_URL)('a database that goes away (needs PostgreSQL: DATABASE_URL)', () => {
  let proxy: TcpProxy;
  let hub: Hub;
  let closeAll: () => Promise<void>;

  beforeAll(async () => {
    const direct = await createTestDatabase();
    if (direct.url === undefined) {
      throw new Error('the PostgreSQL test database has a URL');
    }
    const target = new URL(direct.url);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
    const viaProxy = new URL(direct.url);
    viaProxy.hostname = '127.0.0.1';
    viaProxy.port = String(proxy.port);
    const db = await openDatabase({ databaseUrl: viaProxy.toString(), connectionTimeoutMs: 500 });
    hub = await buildHub({
      config: {
        publicUrl: 'http://localhost:8080',
        bodyLimitBytes: 65536,
        writeRateMax: 1000,
        webDistDir: '/nonexistent',
      },
      db,
      logger: createLogger({ level: 'silent' }),
    });
    closeAll = async () => {
      await hub.close();
      await db.close();
      await proxy.close();
      await direct.close();
    };
  });
  afterAll(async () => closeAll());

  it('answers 503 from /readyz and from requests while it is down, and recovers without a restart', async () => {
    const party = await createParty(hub, 'Outage');
    const read = () =>
      hub.app.inject({
        method: 'GET',
        url: `/api/orgs/${party.organisationId}`,
        headers: { cookie: party.cookie },
      });
    expect((await read()).statusCode).toBe(200);

    await proxy.stop();
    const ready = await hub.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'db.unavailable' });
    const during = await read();
    expect(during.statusCode).toBe(503);
    expect(during.headers['content-type']).toContain('application/problem+json');
    expect(during.json()).toMatchObject({ code: 'db.unavailable' });
    expect((await hub.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);

    await proxy.start();
    expect((await hub.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect((await read()).statusCode).toBe(200);
  });
});
