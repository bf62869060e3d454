import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  consistencyProof,
  formatAddCheckpointRequest,
  leafHash,
  parseCosignatureResponse,
  parseWitnessVerifierKey,
  verifyCosignature,
} from '@tradehub/verifier';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCliInProcess } from './support/run-cli.ts';
import { createTestHub } from './support/test-hub.ts';

// `tradehub witness` as an operator runs it: a separate process against a hub over HTTP.
const bin = fileURLToPath(new URL('../bin/tradehub.mjs', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'tradehub-witness-e2e-'));
const keyFile = join(dir, 'customs.key');
const stateFile = join(dir, 'customs-state.json');

const env = () => {
  const out: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
  delete out.DATABASE_URL;
  return out;
};

// In this process: a command that stops by itself (keygen, a refusal); asynchronous, so the hub in
// this process keeps answering while the command talks to it. A running witness is a process of
// its own (below).
const tradehub = (...args: string[]) => runCliInProcess(args, env());

type RunningWitness = {
  url: string;
  output: () => string;
  /** The output once it contains `text`: log lines are written after the HTTP answer is sent. */
  outputWith: (text: string) => Promise<string>;
  errors: () => string;
  stop: (signal: NodeJS.Signals) => Promise<number | null>;
};

const running = new Set<ChildProcessWithoutNullStreams>();

// Starts `tradehub witness` and resolves once it prints where it listens; rejects if it exits first.
const startWitness = (logUrl: string) =>
  new Promise<RunningWitness>((resolve, reject) => {
    const args = ['witness', '--log', logUrl, '--key', keyFile, '--state', stateFile, '--port', '0'];
    const child = spawn(process.execPath, [bin, ...args], { env: env() });
    running.add(child);
    let out = '';
    let err = '';
    const exited = new Promise<number | null>((done) => {
      child.on('exit', (code) => {
        running.delete(child);
        done(code);
        reject(new Error(`the witness exited with ${code}: ${err}`));
      });
    });
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /listening on (\S+)/.exec(out)?.[1];
      if (url !== undefined) {
        resolve({
          url,
          output: () => out,
          outputWith: async (text) => {
            for (let waited = 0; !out.includes(text) && waited < 10_000; waited += 50) {
              await new Promise((r) => setTimeout(r, 50));
            }
            return out;
          },
          errors: () => err,
          stop: (signal) => {
            child.kill(signal);
            return exited;
          },
        });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
  });

const bodies = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => new TextEncoder().encode(`waybill ${from + i}`));

describe('tradehub witness against a running hub', { timeout: 180_000 }, () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let logUrl: string;
  let witnessKey: string;
  const appended: Uint8Array[] = [];

  // Appends entries and integrates them into a new checkpoint; returns the checkpoint note.
  const grow = async (count: number) => {
    const batch = bodies(appended.length, count);
    await ctx.hub.db.transaction((trx) => ctx.hub.transparencyLog.queueEntries(trx, batch));
    await ctx.hub.transparencyLog.integratePending({ batchMax: 1000 });
    appended.push(...batch);
    const response = await fetch(`${logUrl}/checkpoint`);
    expect(response.status).toBe(200);
    return response.text();
  };

  const addCheckpoint = (url: string, oldSize: number, note: string, size: number) =>
    fetch(`${url}/add-checkpoint`, {
      method: 'POST',
      body: formatAddCheckpointRequest({
        oldSize,
        consistencyProof:
          oldSize === 0 || oldSize === size
            ? []
            : consistencyProof(appended.slice(0, size).map(leafHash), oldSize),
        checkpointNote: note,
      }),
    });

  const textOf = (note: string) => note.slice(0, note.indexOf('\n\n') + 1);

  beforeAll(async () => {
    ctx = await createTestHub();
    const address = await ctx.hub.app.listen({ port: 0, host: '127.0.0.1' });
    logUrl = `${address}/log`;
  });

  // A test that failed with its witness still running must not hold the state file's lock for the next.
  const killRunning = async () => {
    const exits = [...running].map((child) => new Promise((done) => child.once('exit', done)));
    for (const child of running) {
      child.kill('SIGKILL');
    }
    await Promise.all(exits);
  };
  afterEach(killRunning);

  afterAll(async () => {
    await killRunning();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('makes a witness key once, private to its owner, and prints the verifier key', async () => {
    const made = await tradehub('witness', 'keygen', '--name', 'customs.example/witness', '--out', keyFile);
    expect(made.code, made.err).toBe(0);
    witnessKey = made.out.trim().split('\n').at(-1) ?? '';
    expect(parseWitnessVerifierKey(witnessKey).ok).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const before = readFileSync(keyFile, 'utf8');
    const again = await tradehub('witness', 'keygen', '--name', 'customs.example/witness', '--out', keyFile);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
    expect(readFileSync(keyFile, 'utf8')).toBe(before);
    expect(
      (await tradehub('witness', 'keygen', '--name', 'two words', '--out', join(dir, 'x.key'))).code,
    ).toBe(2);
    expect((await tradehub('witness', '--key', keyFile)).code).toBe(2);
  });

  it('cosigns the hub’s checkpoints as the log grows, and refuses a rolled-back tree', async () => {
    const firstNote = await grow(5);
    const witness = await startWitness(logUrl);
    expect(witness.output()).toContain(`verifier key: ${witnessKey}`);
    expect(witness.output()).toContain('witnessing localhost:8080/log');
    const verifier = parseWitnessVerifierKey(witnessKey);
    if (!verifier.ok) {
      throw new Error(verifier.message);
    }

    const first = await addCheckpoint(witness.url, 0, firstNote, 5);
    expect(first.status).toBe(200);
    const line = await first.text();
    expect(verifyCosignature(line, textOf(firstNote), verifier.key).ok).toBe(true);

    const laterNote = await grow(17);
    const later = await addCheckpoint(witness.url, 5, laterNote, 22);
    expect(later.status).toBe(200);
    const parsed = parseCosignatureResponse(await later.text(), textOf(laterNote), [verifier.key]);
    expect(parsed.ok && parsed.cosignatures.map((c) => c.name)).toEqual(['customs.example/witness']);

    // The hub's own older checkpoint, offered again: the tree it shows is rolled back.
    const rolledBack = await addCheckpoint(witness.url, 0, firstNote, 5);
    expect(rolledBack.status).toBe(409);
    expect(rolledBack.headers.get('content-type')).toBe('text/x.tlog.size');
    expect(await rolledBack.text()).toBe('22\n');
    expect(await witness.outputWith('"verdict":"rolled_back"')).toContain('"verdict":"rolled_back"');
    expect(witness.output()).toContain('Rolled-back tree: the checkpoint has size 5');

    expect(await witness.stop('SIGTERM')).toBe(0);
    expect(witness.output()).toContain('SIGTERM: finishing requests in flight, then stopping.');
  });

  it('keeps its state across a restart and stops on SIGINT', async () => {
    const saved = JSON.parse(readFileSync(stateFile, 'utf8')) as {
      logs: Record<string, { size: number; url: string }>;
    };
    expect(saved.logs['localhost:8080/log']).toMatchObject({ size: 22, url: logUrl });
    const witness = await startWitness(logUrl);
    const note = await grow(3);
    const stale = await addCheckpoint(witness.url, 0, note, 25);
    expect([stale.status, await stale.text()]).toEqual([409, '22\n']);
    expect((await addCheckpoint(witness.url, 22, note, 25)).status).toBe(200);
    expect(await witness.stop('SIGINT')).toBe(0);
  });

  it('refuses a log whose key changed since it was pinned', async () => {
    // Same origin (localhost:8080/log), another key: a different hub secret behind the same name.
    const other = await createTestHub();
    try {
      const address = await other.hub.app.listen({ port: 0, host: '127.0.0.1' });
      const args = [
        'witness',
        '--log',
        `${address}/log`,
        '--key',
        keyFile,
        '--state',
        stateFile,
        '--port',
        '0',
      ];
      const refused = await tradehub(...args);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain('The key of log localhost:8080/log changed');
    } finally {
      await other.close();
    }
  });

  it('witnesses with the pinned key while the log is unreachable', async () => {
    await ctx.hub.app.close();
    const witness = await startWitness(logUrl);
    expect(witness.errors()).toContain('using the key pinned for localhost:8080/log');
    expect(await witness.stop('SIGTERM')).toBe(0);
  });
});
