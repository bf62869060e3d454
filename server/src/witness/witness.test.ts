import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAppError, utf8Encode } from '@tradehub/kernel';
import {
  consistencyProof,
  formatAddCheckpointRequest,
  formatCheckpoint,
  formatVerifierKey,
  generateWitnessKey,
  leafHash,
  type NoteSigner,
  parseCosignatureResponse,
  parseTreeSizeResponse,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  rootFromLeafHashes,
  signerFromEd25519Seed,
  signNote,
  TLOG_SIZE_CONTENT_TYPE,
} from '@tradehub/verifier';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createMemoryWitnessStore,
  createWitness,
  createWitnessHttpServer,
  openFileWitnessStore,
  type Witness,
  type WitnessStore,
} from './index.ts';

const ORIGIN = 'hub.example/log';
const logSigner = signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(1));
const logKey = formatVerifierKey(ORIGIN, logSigner.publicKey);
const leaves = Array.from({ length: 64 }, (_, i) => leafHash(utf8Encode(`bill of lading ${i}`)));
// Another history of the same log: what a forked or rolled-back log would show.
const forkLeaves = leaves.map((leaf, i) => (i < 3 ? leaf : leafHash(utf8Encode(`forged ${i}`))));

const keys = generateWitnessKey('customs.example/witness', new Uint8Array(32).fill(9));
const unwrap = <T>(result: { ok: true; key: T } | { ok: false; message: string }): T => {
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.key;
};
const witnessSigner = unwrap(parseWitnessSignerKey(keys.signerKey));
const witnessVerifier = unwrap(parseWitnessVerifierKey(keys.verifierKey));
const clock = () => new Date('2026-03-01T08:00:00Z');

const checkpointText = (size: number, tree = leaves, origin = ORIGIN) =>
  formatCheckpoint({ origin, size, rootHash: rootFromLeafHashes(tree.slice(0, size)) });
const note = (size: number, tree = leaves, signer: NoteSigner = logSigner) =>
  signNote(checkpointText(size, tree, signer.name), [signer]);

const request = (oldSize: number, size: number, tree = leaves, signer: NoteSigner = logSigner) =>
  formatAddCheckpointRequest({
    oldSize,
    consistencyProof: oldSize === 0 || oldSize === size ? [] : consistencyProof(tree.slice(0, size), oldSize),
    checkpointNote: note(size, tree, signer),
  });

const newWitness = (store: WitnessStore = createMemoryWitnessStore()) =>
  createWitness({
    name: witnessSigner.name,
    signer: witnessSigner,
    logs: [{ origin: ORIGIN, verifierKey: logKey }],
    store,
    now: clock,
  });

const expectCosigned = async (witness: Witness, body: Uint8Array, size: number, tree = leaves) => {
  const answer = await witness.addCheckpoint(body);
  expect(answer.message).toBe(`Cosigned ${ORIGIN} at size ${size}`);
  expect(answer.status).toBe(200);
  const parsed = parseCosignatureResponse(answer.body, checkpointText(size, tree), [witnessVerifier]);
  expect(parsed.ok && parsed.cosignatures[0]?.timestamp).toBe(Date.parse('2026-03-01T08:00:00Z') / 1000);
};

const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tradehub-witness-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe('witness', () => {
  it('cosigns a consistent sequence of checkpoints, each extending the last', async () => {
    const witness = newWitness();
    await expectCosigned(witness, request(0, 5), 5);
    await expectCosigned(witness, request(5, 12), 12);
    // The same checkpoint again: cosigned again, the state unchanged.
    await expectCosigned(witness, request(12, 12), 12);
    await expectCosigned(witness, request(12, 13), 13);
    await expectCosigned(witness, request(13, 64), 64);
    expect(witness.verifierKey).toBe(keys.verifierKey);
  });

  it('answers 409 text/x.tlog.size with its latest size when the old size is not it', async () => {
    const witness = newWitness();
    await expectCosigned(witness, request(0, 7), 7);
    for (const oldSize of [0, 3, 8]) {
      const answer = await witness.addCheckpoint(request(oldSize, 20));
      expect(answer.status).toBe(409);
      expect(answer.verdict).toBe('old_size_mismatch');
      expect(answer.contentType).toBe(TLOG_SIZE_CONTENT_TYPE);
      expect(parseTreeSizeResponse(answer.body)).toEqual({ ok: true, size: 7 });
    }
    // A log that never talked to the witness learns its size from an `old 0` request.
    await expectCosigned(witness, request(7, 20), 20);
  });

  it('answers 422 when the consistency proof does not verify, and keeps its state', async () => {
    const witness = newWitness();
    await expectCosigned(witness, request(0, 9), 9);
    const proof = consistencyProof(leaves.slice(0, 30), 9);
    const tampered = proof.map((hash, i) => (i === 1 ? hash.map((b, j) => (j === 0 ? b ^ 1 : b)) : hash));
    for (const bad of [tampered, proof.slice(1), [...proof, proof[0] as Uint8Array]]) {
      const answer = await witness.addCheckpoint(
        formatAddCheckpointRequest({ oldSize: 9, consistencyProof: bad, checkpointNote: note(30) }),
      );
      expect(answer.status).toBe(422);
      expect(answer.verdict).toBe('inconsistent');
    }
    // A proof of another history (the first 9 leaves differ) does not verify against the stored root.
    const forkFrom9 = forkLeaves.map((leaf, i) => (i < 9 ? leafHash(utf8Encode(`other ${i}`)) : leaf));
    expect((await witness.addCheckpoint(request(9, 30, forkFrom9))).status).toBe(422);
    await expectCosigned(witness, request(9, 30), 30);
  });

  it('answers 403 for a checkpoint not signed by the known log key, 404 for an unknown log', async () => {
    const witness = newWitness();
    const impostor = signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(2));
    const forbidden = await witness.addCheckpoint(request(0, 5, leaves, impostor));
    expect([forbidden.status, forbidden.verdict]).toEqual([403, 'bad_signature']);
    // The log key's name and ID with a broken signature.
    const signed = note(5);
    const broken = signed.replace(
      / (\S)(\S+)\n$/,
      (_, first: string, rest: string) => ` ${first === 'A' ? 'B' : 'A'}${rest}\n`,
    );
    const answer = await witness.addCheckpoint(
      formatAddCheckpointRequest({ oldSize: 0, consistencyProof: [], checkpointNote: broken }),
    );
    expect([answer.status, answer.verdict]).toEqual([403, 'bad_signature']);
    const other = signerFromEd25519Seed('other.example/log', new Uint8Array(32).fill(3));
    const unknown = await witness.addCheckpoint(request(0, 5, leaves, other));
    expect([unknown.status, unknown.verdict, unknown.contentType]).toEqual([
      404,
      'unknown_log',
      'text/plain; charset=utf-8',
    ]);
    // Nothing was stored by the refusals.
    await expectCosigned(witness, request(0, 5), 5);
  });

  it('answers 400 for a malformed body and for an old size above the checkpoint size', async () => {
    const witness = newWitness();
    const malformed = await witness.addCheckpoint(utf8Encode(`old 01\n\n${note(5)}`));
    expect([malformed.status, malformed.verdict]).toEqual([400, 'malformed']);
    const above = await witness.addCheckpoint(utf8Encode(`old 6\n${'A'.repeat(43)}=\n\n${note(5)}`));
    expect([above.status, above.verdict]).toEqual([400, 'old_size_too_large']);
  });

  it('refuses a rolled-back tree (smaller than the size it cosigned) with its own verdict', async () => {
    const witness = newWitness();
    await expectCosigned(witness, request(0, 20), 20);
    // The log asks from the size the witness holds: the spec's 400, named as a rollback.
    const fromLatest = await witness.addCheckpoint(utf8Encode(`old 20\n\n${note(12)}`));
    expect([fromLatest.status, fromLatest.verdict]).toEqual([400, 'rolled_back']);
    expect(fromLatest.body).toBe(
      'Rolled-back tree: the checkpoint has size 12, but this witness already cosigned size 20\n',
    );
    // From any other size: the spec's 409 with the witness's size, still named as a rollback.
    for (const oldSize of [0, 5]) {
      const answer = await witness.addCheckpoint(request(oldSize, 12));
      expect([answer.status, answer.verdict, answer.body]).toEqual([409, 'rolled_back', '20\n']);
    }
    // A rolled-back log that then grows a different history is still refused.
    expect((await witness.addCheckpoint(request(20, 25, forkLeaves))).verdict).toBe('inconsistent');
  });

  it('refuses the same size with another root hash (a forked tree) with 409 and its own verdict', async () => {
    const witness = newWitness();
    await expectCosigned(witness, request(0, 10), 10);
    const answer = await witness.addCheckpoint(request(10, 10, forkLeaves));
    expect([answer.status, answer.verdict, answer.contentType]).toEqual([
      409,
      'forked',
      'text/plain; charset=utf-8',
    ]);
    expect(answer.body).toBe('Forked tree: this witness cosigned another root hash for size 10\n');
    await expectCosigned(witness, request(10, 10), 10);
  });

  it('handles requests for one log one at a time, so two racing checkpoints never roll it back', async () => {
    // A store that yields between reading and writing exposes any check-then-write race.
    const inner = createMemoryWitnessStore();
    const slow: WitnessStore = {
      read: async (origin) => {
        await new Promise((resolve) => setImmediate(resolve));
        return inner.read(origin);
      },
      write: async (origin, state) => {
        await new Promise((resolve) => setImmediate(resolve));
        await inner.write(origin, state);
      },
    };
    const witness = newWitness(slow);
    const answers = await Promise.all([
      witness.addCheckpoint(request(0, 30)),
      witness.addCheckpoint(request(0, 10)),
      witness.addCheckpoint(request(0, 20)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 409, 409]);
    expect((await inner.read(ORIGIN))?.size).toBe(30);
  });

  it('does not cosign when its state cannot be stored', async () => {
    const failing: WitnessStore = {
      read: async () => undefined,
      write: async () => {
        throw new Error('disk full');
      },
    };
    const seen: string[] = [];
    const witness = createWitness({
      name: witnessSigner.name,
      signer: witnessSigner,
      logs: [{ origin: ORIGIN, verifierKey: logKey }],
      store: failing,
      now: clock,
      onAnswer: (answer) => seen.push(answer.message),
    });
    const answer = await witness.addCheckpoint(request(0, 5));
    expect([answer.status, answer.verdict]).toEqual([500, 'failed']);
    expect(answer.body).not.toContain('disk full');
    expect(answer.body).not.toContain('\u2014');
    expect(seen).toEqual(['The witness could not handle the checkpoint: disk full']);
  });

  it('refuses a configuration whose log key does not match its origin', () => {
    const make =
      (logs: { origin: string; verifierKey: string }[], name = witnessSigner.name) =>
      () =>
        createWitness({ name, signer: witnessSigner, logs, store: createMemoryWitnessStore(), now: clock });
    const codeOf = (run: () => unknown) => {
      try {
        run();
        return 'created';
      } catch (error) {
        return isAppError(error) ? error.code : String(error);
      }
    };
    expect(codeOf(make([{ origin: 'other.example/log', verifierKey: logKey }]))).toBe(
      'witness.invalid_log_key',
    );
    expect(codeOf(make([{ origin: ORIGIN, verifierKey: 'garbage' }]))).toBe('witness.invalid_log_key');
    expect(codeOf(make([{ origin: ORIGIN, verifierKey: keys.verifierKey }]))).toBe('witness.invalid_log_key');
    const twice = [
      { origin: ORIGIN, verifierKey: logKey },
      { origin: ORIGIN, verifierKey: logKey },
    ];
    expect(codeOf(make(twice))).toBe('witness.invalid_log_key');
    expect(codeOf(make([], 'bank.example/witness'))).toBe('witness.invalid_key_file');
  });
});

describe('file witness store', () => {
  it('keeps the state across a restart, durably in one JSON file, and the log key it pinned', async () => {
    const path = join(tempDir(), 'state.json');
    const first = await openFileWitnessStore(path);
    await first.pinLog({ origin: ORIGIN, verifierKey: logKey });
    await expectCosigned(newWitness(first), request(0, 12), 12);
    await first.close();
    expect(readdirSync(join(path, '..')).sort()).toEqual(['state.json']);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(path, 'utf8')) as { format: string; logs: Record<string, unknown> };
    expect(saved.format).toBe('tradehub-witness-state/v1');
    expect(saved.logs[ORIGIN]).toEqual({
      verifierKey: logKey,
      size: 12,
      rootHash: Buffer.from(rootFromLeafHashes(leaves.slice(0, 12))).toString('base64'),
    });

    const second = await openFileWitnessStore(path);
    expect(second.pinnedLogs()).toEqual([{ origin: ORIGIN, verifierKey: logKey }]);
    const restarted = newWitness(second);
    const stale = await restarted.addCheckpoint(request(0, 20));
    expect([stale.status, stale.body]).toEqual([409, '12\n']);
    expect((await restarted.addCheckpoint(request(12, 12, forkLeaves))).verdict).toBe('forked');
    await expectCosigned(restarted, request(12, 20), 20);
    await second.close();
  });

  it('refuses to replace a pinned log key, a damaged file, and a file another process holds', async () => {
    const dir = tempDir();
    const path = join(dir, 'state.json');
    const store = await openFileWitnessStore(path);
    await store.pinLog({ origin: ORIGIN, verifierKey: logKey });
    const otherKey = formatVerifierKey(
      ORIGIN,
      signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(4)).publicKey,
    );
    await expect(store.pinLog({ origin: ORIGIN, verifierKey: otherKey })).rejects.toMatchObject({
      code: 'witness.log_key_changed',
    });
    // The refused change left the file as it was.
    expect(store.pinnedLogs()).toEqual([{ origin: ORIGIN, verifierKey: logKey }]);
    await store.close();

    // The parent process (the test runner) is alive and is not this process.
    writeFileSync(`${path}.lock`, String(process.ppid));
    await expect(openFileWitnessStore(path)).rejects.toMatchObject({ code: 'witness.state_file_locked' });
    // A lock left by a process that is gone is taken over.
    writeFileSync(`${path}.lock`, '2147483646');
    await (await openFileWitnessStore(path)).close();

    for (const damaged of [
      'not json',
      '{"format":"other","logs":{}}',
      JSON.stringify({ format: 'tradehub-witness-state/v1', logs: { [ORIGIN]: { size: 3 } } }),
      JSON.stringify({
        format: 'tradehub-witness-state/v1',
        logs: { [ORIGIN]: { size: 3, rootHash: 'AAAA' } },
      }),
      JSON.stringify({
        format: 'tradehub-witness-state/v1',
        logs: { [ORIGIN]: { size: -1, rootHash: 'AAAA' } },
      }),
    ]) {
      writeFileSync(path, damaged);
      await expect(openFileWitnessStore(path), damaged).rejects.toMatchObject({
        code: 'witness.state_file_invalid',
      });
    }
    // A refused open leaves no lock behind.
    expect(readdirSync(dir).sort()).toEqual(['state.json']);
  });
});

describe('witness HTTP server', () => {
  it('serves add-checkpoint over HTTP with the spec statuses and content types', async () => {
    const witness = newWitness();
    const server = await createWitnessHttpServer(witness, {
      port: 0,
      host: '127.0.0.1',
      prefix: '/witness/',
      bodyLimitBytes: 16 * 1024,
    });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/witness`);
      const post = (body: Uint8Array | string, path = '/witness/add-checkpoint') =>
        fetch(`http://127.0.0.1:${server.port}${path}`, { method: 'POST', body });
      const ok = await post(request(0, 8));
      expect(ok.status).toBe(200);
      const parsed = parseCosignatureResponse(await ok.text(), checkpointText(8), [witnessVerifier]);
      expect(parsed.ok).toBe(true);
      const conflict = await post(request(0, 9));
      expect(conflict.status).toBe(409);
      expect(conflict.headers.get('content-type')).toBe('text/x.tlog.size');
      expect(await conflict.text()).toBe('8\n');
      expect((await post('old 0\n')).status).toBe(400);
      const tooLarge = await post('x'.repeat(16 * 1024 + 1));
      expect(tooLarge.status).toBe(413);
      expect((await post(request(8, 9), '/add-checkpoint')).status).toBe(404);
      const get = await fetch(`http://127.0.0.1:${server.port}/witness/add-checkpoint`);
      expect([get.status, get.headers.get('allow')]).toEqual([405, 'POST']);
    } finally {
      await server.close();
    }
  });
});
