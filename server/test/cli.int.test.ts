import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoOrganisations } from '../src/seed/demo-organisations.ts';
import { cliBin as bin, runCliInProcess } from './support/run-cli.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'tradehub-cli-'));

const cliEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { ...process.env, TRADEHUB_DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  return env;
};

// The program as a user runs it: a separate process, whose exit code is the bin's. Each start
// loads the whole hub (seconds), so the commands' own behaviour is checked in process below.
const tradehubProcess = (...args: string[]) => {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: cliEnv(),
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
};

const tradehub = (...args: string[]) => runCliInProcess(args, cliEnv());

describe('the tradehub CLI', { timeout: 180_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints help for the program and for each command', async () => {
    const top = tradehubProcess('--help');
    expect(top.code).toBe(0);
    for (const command of ['start', 'migrate', 'seed', 'user', 'org', 'codes']) {
      expect(top.out).toContain(command);
    }
    for (const args of [
      ['start'],
      ['migrate'],
      ['seed'],
      ['user', 'create'],
      ['org', 'create'],
      ['codes', 'import-unlocode'],
    ]) {
      const help = await tradehub(...args, '--help');
      expect(help.code, args.join(' ')).toBe(0);
      expect(help.out).toContain('Usage: tradehub');
    }
  });

  it('exits 2 with a clear message on a wrong command line', async () => {
    const unknown = tradehubProcess('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("unknown command 'frobnicate'");
    const missing = await tradehub('user', 'create', '--name', 'X');
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('--email');
  });

  it('migrates, creates a user and an organisation, and refuses a bad USCC with exit 2', async () => {
    expect((await tradehub('migrate')).code).toBe(0);
    const createUser = () =>
      tradehub(
        'user',
        'create',
        '--email',
        'cli@party.example',
        '--name',
        'CLI User',
        '--password',
        'long enough pw',
      );
    const createOrg = (uscc: string) =>
      tradehub(
        ...['org', 'create', '--owner', 'cli@party.example', '--name-zh', '测试', '--name-en', 'Test'],
        ...['--kind', 'exporter', '--country', 'CN', '--uscc', uscc],
      );
    const user = await createUser();
    expect(user.code, user.err).toBe(0);
    expect(user.out).toMatch(/Created user usr_/);
    const again = await createUser();
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    const bad = await createOrg('91350100M000100Y44');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--uscc');
    const good = await createOrg('91350100M000100Y43');
    expect(good.code, good.err).toBe(0);
    expect(good.out).toMatch(/Created organisation org_/);
  });

  it('loads the demo once, and again after --reset', async () => {
    const first = await tradehub('seed');
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain(`Created ${demoOrganisations.length} demo organisations`);
    expect(first.out).toContain('chen.li@yiwu-commodities.example');
    expect((await tradehub('seed')).out).toContain('Created 0 demo organisations');
    const reset = await tradehub('seed', '--reset');
    expect(reset.code, reset.err).toBe(0);
    expect(reset.out).toContain('Database wiped.');
    expect(reset.out).toContain(`Created ${demoOrganisations.length} demo organisations`);
  });

  it('imports official UNECE UN/LOCODE parts with progress', async () => {
    const file = join(dataDir, 'CodeListPart1.csv');
    // The UNECE layout: no header, Function before Status, a country header row with no location.
    const rows = [
      ',"CN","",".CHINA","CHINA","","","","","","",""',
      ',"CN","NGB","Ningbo","Ningbo","ZJ","1-------","AI","0107","","2952N 12133E",""',
      ',"CN","YIW","Yiwu","Yiwu","ZJ","--3-----","RL","1201","","2918N 12004E",""',
    ];
    writeFileSync(file, `${rows.join('\r\n')}\r\n`, 'latin1');
    const result = await tradehub('codes', 'import-unlocode', file);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('Imported 2 UN/LOCODE entries');
    const missing = await tradehub('codes', 'import-unlocode', join(dataDir, 'nope.csv'));
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('nope.csv');
  });

  it('imports an operator tariff for the customs sandbox, and refuses a bad file whole, saying where', async () => {
    const good = join(dataDir, 'tariff.csv');
    writeFileSync(
      good,
      'hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate\n1901101000,0.15,0.13,0\n3304990010,0.01,0.13,0.15\n',
    );
    const imported = await tradehub('customs', 'import-tariff', good);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain('Imported 2 tariff lines');
    const bad = join(dataDir, 'tariff-bad.csv');
    writeFileSync(
      bad,
      'hs_code,mfn_duty_rate,vat_rate,consumption_tax_rate\n1901101000,0.15,0.13,0\n19011,0.1,1.3,0\n',
    );
    const refused = await tradehub('customs', 'import-tariff', bad);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/rows\[3\]\.hs_code/);
  });

  it('starts, serves, and on SIGTERM finishes and exits 0', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
      });
    });
    const env: NodeJS.ProcessEnv = {
      ...cliEnv(),
      PORT: String(port),
      HOST: '127.0.0.1',
      TRADEHUB_WEB_DIST: join(dataDir, 'no-web'),
    };
    const child = spawn(process.execPath, [bin, 'start'], { env });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const deadline = Date.now() + 90_000;
      while (!out.includes('Press Ctrl+C to stop.') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(out).toContain(`tradehub is running at http://localhost:${port}`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(200);
      const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
      expect(ready.status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('SIGTERM: finishing requests in flight');
    } finally {
      child.kill('SIGKILL');
    }
  });
});
