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

  it('sends secure cookies when the public address is https', () => {
    const config = loadConfig({ TRADEHUB_DATA_DIR: dataDir, TRADEHUB_PUBLIC_URL: 'https://hub.example/' });
    expect(config).toMatchObject({ cookieSecure: true, publicUrl: 'https://hub.example' });
  });
});
