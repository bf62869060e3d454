import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-config-'));

describe('configuration', () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('defaults to PGlite in the data directory on port 8080 with the demo', () => {
    const config = loadConfig({ TRADEHUB_DATA_DIR: dataDir });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: undefined,
      dataDir,
      loadDemo: true,
      cookieSecure: false,
    });
    expect(config.publicUrl).toBe('http://localhost:8080');
  });

  it('keeps one generated secret key across starts and never the demo on PostgreSQL unless asked', () => {
    const first = loadConfig({ TRADEHUB_DATA_DIR: dataDir });
    const second = loadConfig({ TRADEHUB_DATA_DIR: dataDir });
    expect(Buffer.from(second.secretKey).toString('hex')).toBe(Buffer.from(first.secretKey).toString('hex'));
    expect(readFileSync(join(dataDir, 'secret.key'), 'utf8')).toMatch(/^[0-9a-f]{64}$/);
    const postgres = { TRADEHUB_DATA_DIR: dataDir, DATABASE_URL: 'postgres://x@127.0.0.1/db' };
    expect(loadConfig(postgres).loadDemo).toBe(false);
    expect(loadConfig({ ...postgres, TRADEHUB_DEMO: 'true' }).loadDemo).toBe(true);
  });

  it('stops with a message naming each invalid variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', TRADEHUB_SECRET_KEY: 'short' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', TRADEHUB_SECRET_KEY: 'short' });
    } catch (error) {
      expect(String(error)).toContain('PORT');
      expect(String(error)).toContain('TRADEHUB_SECRET_KEY');
      // The message names the variable but never echoes a secret's value.
      expect(String(error)).not.toContain('short');
    }
  });

  it('reads the transparency-log batch bounds and monitor interval, refusing a batch of 0', () => {
    expect(loadConfig({ TRADEHUB_DATA_DIR: dataDir })).toMatchObject({
      logBatchMax: 256,
      logIntervalMs: 500,
      logMonitorIntervalMs: 60_000,
    });
    const tuned = loadConfig({
      TRADEHUB_DATA_DIR: dataDir,
      TRADEHUB_LOG_BATCH_MAX: '1024',
      TRADEHUB_LOG_INTERVAL_MS: '250',
      TRADEHUB_LOG_MONITOR_INTERVAL_MS: '0',
    });
    expect(tuned).toMatchObject({ logBatchMax: 1024, logIntervalMs: 250, logMonitorIntervalMs: 0 });
    expect(() => loadConfig({ TRADEHUB_DATA_DIR: dataDir, TRADEHUB_LOG_BATCH_MAX: '0' })).toThrow(
      /TRADEHUB_LOG_BATCH_MAX/,
    );
  });

  it('runs the demo witnesses with the demo, none on PostgreSQL, and reads external ones', () => {
    expect(loadConfig({ TRADEHUB_DATA_DIR: dataDir }).witnesses).toEqual({ kind: 'demo' });
    expect(
      loadConfig({ TRADEHUB_DATA_DIR: dataDir, DATABASE_URL: 'postgres://db.example/tradehub' }).witnesses,
    ).toEqual({ kind: 'none' });
    expect(loadConfig({ TRADEHUB_DATA_DIR: dataDir, TRADEHUB_WITNESSES: 'none' }).witnesses).toEqual({
      kind: 'none',
    });
    const external = [
      { name: 'customs.example/w', verifierKey: 'customs.example/w+01020304+BA==', url: 'https://w.example' },
    ];
    expect(
      loadConfig({
        TRADEHUB_DATA_DIR: dataDir,
        TRADEHUB_WITNESSES: JSON.stringify(external),
        TRADEHUB_WITNESS_QUORUM: '1',
      }),
    ).toMatchObject({ witnesses: { kind: 'external', witnesses: external }, witnessQuorum: 1 });
  });

  it('refuses malformed witnesses and a quorum no checkpoint could reach', () => {
    const load = (env: Record<string, string>) => () => loadConfig({ TRADEHUB_DATA_DIR: dataDir, ...env });
    expect(load({ TRADEHUB_WITNESSES: 'some' })).toThrow(ConfigError);
    expect(load({ TRADEHUB_WITNESSES: '[{"name":"w"}]' })).toThrow(/TRADEHUB_WITNESSES\.0\.verifierKey/);
    expect(load({ TRADEHUB_WITNESSES: '[{"name":"w","verifierKey":"k","url":"ftp://w"}]' })).toThrow(/url/);
    expect(load({ TRADEHUB_WITNESS_QUORUM: '3' })).toThrow(/more than the 2 configured witnesses/);
    expect(load({ TRADEHUB_WITNESSES: 'none', TRADEHUB_WITNESS_QUORUM: '1' })).toThrow(
      /TRADEHUB_WITNESS_QUORUM/,
    );
  });

  it('takes the customs inspection rate as a share from 0 to 1 (2% by default)', () => {
    const load = (env: Record<string, string>) => loadConfig({ TRADEHUB_DATA_DIR: dataDir, ...env });
    expect(load({}).customsInspectionRate).toBe(0.02);
    expect(load({ TRADEHUB_CUSTOMS_INSPECTION_RATE: '0.25' }).customsInspectionRate).toBe(0.25);
    expect(() => load({ TRADEHUB_CUSTOMS_INSPECTION_RATE: '1.5' })).toThrow(
      /TRADEHUB_CUSTOMS_INSPECTION_RATE/,
    );
  });

  it('reads the rail transports, and never echoes an auth header in its refusal', () => {
    const load = (env: Record<string, string>) => loadConfig({ TRADEHUB_DATA_DIR: dataDir, ...env });
    expect(load({}).rails).toEqual({ transports: {} });
    const transports = {
      cips: {
        kind: 'http',
        url: 'https://gw.bank.example/cips',
        authHeaderName: 'authorization',
        authHeaderValue: 'Bearer s3cr3t-value',
      },
      ecny: { kind: 'directory', dir: '/srv/ecny/out' },
    };
    expect(
      load({
        TRADEHUB_RAIL_TRANSPORTS: JSON.stringify(transports),
        TRADEHUB_RAIL_INSTRUCTING_BIC: 'ABCDCNSHXXX',
      }).rails,
    ).toEqual({ transports, instructingAgentBic: 'ABCDCNSHXXX' });
    const bad = { cips: { ...transports.cips, url: 'ftp://gw.bank.example' } };
    expect(() => load({ TRADEHUB_RAIL_TRANSPORTS: JSON.stringify(bad) })).toThrow(
      /TRADEHUB_RAIL_TRANSPORTS\.cips/,
    );
    expect(() => load({ TRADEHUB_RAIL_TRANSPORTS: JSON.stringify(bad) })).not.toThrow(/s3cr3t/);
    expect(() => load({ TRADEHUB_RAIL_TRANSPORTS: '{not json' })).toThrow(/expected a JSON object/);
    expect(() => load({ TRADEHUB_RAIL_INSTRUCTING_BIC: 'nope' })).toThrow(/TRADEHUB_RAIL_INSTRUCTING_BIC/);
  });

  it('chooses the customs sandbox by default, or the DXP provider with its transport, never echoing its secret', () => {
    const load = (env: Record<string, string>) => loadConfig({ TRADEHUB_DATA_DIR: dataDir, ...env });
    expect(load({}).customsProvider).toEqual({ kind: 'sandbox' });
    const dxp = {
      senderId: 'DXPENT0000000001',
      transport: {
        kind: 'http',
        url: 'https://eport.example/dxp',
        authHeaderName: 'authorization',
        authHeaderValue: 'Bearer dxp-s3cr3t',
      },
    };
    expect(
      load({ TRADEHUB_CUSTOMS_PROVIDER: 'dxp', TRADEHUB_CUSTOMS_DXP: JSON.stringify(dxp) }).customsProvider,
    ).toEqual({
      kind: 'dxp',
      ...dxp,
    });
    expect(
      load({
        TRADEHUB_CUSTOMS_PROVIDER: 'dxp',
        TRADEHUB_CUSTOMS_DXP: JSON.stringify({
          senderId: 'DXPENT0000000001',
          transport: { kind: 'directory', dir: '/srv/eport/send' },
        }),
      }).customsProvider,
    ).toMatchObject({ kind: 'dxp', transport: { kind: 'directory' } });
    expect(() => load({ TRADEHUB_CUSTOMS_PROVIDER: 'dxp' })).toThrow(/TRADEHUB_CUSTOMS_DXP/);
    const bad = JSON.stringify({ ...dxp, transport: { ...dxp.transport, url: 'ftp://eport.example' } });
    expect(() => load({ TRADEHUB_CUSTOMS_PROVIDER: 'dxp', TRADEHUB_CUSTOMS_DXP: bad })).toThrow(
      /TRADEHUB_CUSTOMS_DXP\.transport/,
    );
    expect(() => load({ TRADEHUB_CUSTOMS_PROVIDER: 'dxp', TRADEHUB_CUSTOMS_DXP: bad })).not.toThrow(/s3cr3t/);
    expect(() => load({ TRADEHUB_CUSTOMS_PROVIDER: 'customs' })).toThrow(/TRADEHUB_CUSTOMS_PROVIDER/);
  });

  it('sends secure cookies when the public address is https', () => {
    const config = loadConfig({ TRADEHUB_DATA_DIR: dataDir, TRADEHUB_PUBLIC_URL: 'https://hub.example/' });
    expect(config).toMatchObject({ cookieSecure: true, publicUrl: 'https://hub.example' });
  });
});
