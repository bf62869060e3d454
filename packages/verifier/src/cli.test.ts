import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { utf8Encode } from '@tradehub/kernel';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildScenario } from './test-support.ts';
import type { VerificationReport } from './verify.ts';

const packageRoot = fileURLToPath(new URL('..', import.meta.url));
const bin = join(packageRoot, 'bin', 'tradehub-verify.mjs');

type Run = { code: number; stdout: string; stderr: string };

// Runs the CLI as a process: by default the self-contained build in dist/, as an installed package would.
function run(args: string[], options: { source?: boolean } = {}): Promise<Run> {
  const env = { ...process.env, TRADEHUB_VERIFY_BUILT: options.source === true ? '0' : '1' };
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { env, timeout: 60_000 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      resolve({ code, stdout, stderr });
    });
  });
}

let dir: string;
const path = (name: string) => join(dir, name);

beforeAll(async () => {
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [join(packageRoot, 'scripts', 'build.mjs')], (error) =>
      error === null ? resolve() : reject(error),
    );
  });
  dir = mkdtempSync(join(tmpdir(), 'tradehub-verify-'));
  const good = await buildScenario();
  const revoked = await buildScenario({ revoked: true });
  const text = JSON.stringify(good.bundle, null, 2);
  writeFileSync(path('policy.json'), JSON.stringify(good.trustPolicy));
  writeFileSync(path('good.tradehub.json'), text);
  writeFileSync(path('revoked.tradehub.json'), JSON.stringify(revoked.bundle));
  writeFileSync(path('tampered.tradehub.json'), text.replace('INV-2026-0001', 'INV-2026-0666'));
  writeFileSync(path('truncated.tradehub.json'), text.slice(0, text.length / 2));
  writeFileSync(path('credential.json'), JSON.stringify(good.credential));
  writeFileSync(path('bad-policy.json'), '{"type":"tradehub-trust-policy/v1","logs":7}');
  const pdf = await PDFDocument.create();
  pdf.addPage();
  await pdf.attach(utf8Encode(JSON.stringify(good.bundle)), 'INV-2026-0001.tradehub.json', {
    mimeType: 'application/json',
  });
  writeFileSync(path('invoice.pdf'), await pdf.save());
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each test spawns Node processes: generous budgets, as other work may share the machine.
describe('tradehub-verify', { timeout: 60_000 }, () => {
  it('exits 0 for a valid bundle and prints one line per check, then the verdict', async () => {
    const { code, stdout } = await run([path('good.tradehub.json'), '--trust', path('policy.json')]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(lines.filter((l) => /^ {2}OK /.test(l))).toHaveLength(8);
    expect(lines.at(-1)).toBe('VALID: every check passed');
    expect(stdout).toContain('CommercialInvoice urn:uuid:');
  });

  it('prints the report as JSON with --json', async () => {
    const { code, stdout } = await run([
      path('good.tradehub.json'),
      '--trust',
      path('policy.json'),
      '--json',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as VerificationReport;
    expect(report.verdict).toBe('VALID');
    expect(report.checks).toHaveLength(8);
    expect(report.log?.treeSize).toBe(9);
  });

  it('exits 1 for a tampered or a revoked document, naming what failed', async () => {
    const tampered = await run([path('tampered.tradehub.json'), '--trust', path('policy.json')]);
    expect(tampered.code).toBe(1);
    expect(tampered.stdout).toMatch(/INVALID +integrity +The credential's hash/);
    const revoked = await run([path('revoked.tradehub.json'), '--trust', path('policy.json'), '--json']);
    expect(revoked.code).toBe(1);
    expect((JSON.parse(revoked.stdout) as VerificationReport).checks.at(-1)?.reason).toBe('revoked');
  });

  it('exits 2 when it could not check: truncated file, no trust policy, bare credential', async () => {
    const truncated = await run([path('truncated.tradehub.json'), '--trust', path('policy.json')]);
    expect(truncated.code).toBe(2);
    expect(truncated.stdout).toMatch(/ERROR +integrity +The input ends early: the file is truncated/);
    const untrusted = await run([path('good.tradehub.json')]);
    expect(untrusted.code).toBe(2);
    expect(untrusted.stderr).toMatch(/no trust policy/);
    const bare = await run([path('credential.json'), '--trust', path('policy.json'), '--json']);
    expect(bare.code).toBe(2);
    expect(
      (JSON.parse(bare.stdout) as VerificationReport).checks.find((c) => c.check === 'signature')?.verdict,
    ).toBe('OK');
  });

  it('exits 2 on a missing file, a bad policy and bad arguments', async () => {
    expect((await run([path('nothing.json'), '--trust', path('policy.json')])).code).toBe(2);
    const badPolicy = await run([path('good.tradehub.json'), '--trust', path('bad-policy.json')]);
    expect(badPolicy.code).toBe(2);
    expect(badPolicy.stderr).toMatch(/invalid trust policy/);
    for (const args of [
      [],
      ['--frobnicate', 'x'],
      [path('a'), path('b')],
      [path('a'), '--lang', 'fr'],
      [path('a'), '--trust'],
    ]) {
      const result = await run(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage: tradehub-verify');
    }
  });

  it('verifies the bundle attached to a PDF', async () => {
    const { code, stdout } = await run([path('invoice.pdf'), '--trust', path('policy.json')]);
    expect(code).toBe(0);
    expect(stdout).toContain('VALID');
  });

  it('answers in Chinese with --lang zh', async () => {
    const { code, stdout } = await run([
      path('revoked.tradehub.json'),
      '--trust',
      path('policy.json'),
      '--lang',
      'zh',
    ]);
    expect(code).toBe(1);
    expect(stdout).toContain('文件已被吊销');
    expect(stdout.trim().split('\n').at(-1)).toBe('无效：请勿信赖此文件');
  });

  it('fetches the trust policy with --trust-url, and exits 2 when the hub cannot be reached', async () => {
    const { trustPolicy } = await buildScenario();
    const requests: string[] = [];
    const server: Server = createServer((request, response) => {
      requests.push(request.url ?? '');
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(trustPolicy));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const ok = await run([path('good.tradehub.json'), '--trust-url', `http://127.0.0.1:${port}/`]);
      expect(ok.code).toBe(0);
      expect(requests).toEqual(['/log/trust-policy']);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const down = await run([path('good.tradehub.json'), '--trust-url', `http://127.0.0.1:${port}`]);
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/cannot fetch the trust policy/);
  });

  it('runs from the TypeScript source inside the repository too', async () => {
    const { code, stdout } = await run([path('good.tradehub.json'), '--trust', path('policy.json')], {
      source: true,
    });
    expect(code).toBe(0);
    expect(stdout).toContain('VALID');
  });
});
