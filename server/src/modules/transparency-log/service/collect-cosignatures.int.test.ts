import { utf8Encode } from '@tradehub/kernel';
import {
  consistencyProof,
  cosignCheckpoint,
  countWitnessCosignatures,
  formatAddCheckpointRequest,
  formatCheckpoint,
  generateWitnessKey,
  leafHash,
  openCheckpoint,
  openNote,
  parseVerifierKey,
  parseWitnessSignerKey,
  parseWitnessVerifierKey,
  rootFromLeafHashes,
  signNote,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/test-db.ts';
import {
  createMemoryWitnessStore,
  createWitness,
  createWitnessHttpServer,
  type Witness,
} from '../../../witness/index.ts';
import {
  appendCosignatures,
  type CollectCosignaturesOptions,
  collectCosignatures,
  cosignedCheckpointNote,
  type LogWitness,
  type WitnessingContext,
  type WitnessReply,
} from './collect-cosignatures.ts';
import { deriveLogKey } from './log-key.ts';

const leaves = Array.from({ length: 40 }, (_, i) => leafHash(utf8Encode(`customs declaration ${i}`)));
const forkLeaves = leaves.map((leaf, i) => (i < 2 ? leaf : leafHash(utf8Encode(`rewritten ${i}`))));
const clock = () => new Date('2026-05-04T10:00:00Z');

const unwrap = <T>(result: { ok: true; key: T } | { ok: false; message: string }): T => {
  if (!result.ok) {
    throw new Error(result.message);
  }
  return result.key;
};

const witnessKey = (name: string, seed: number) => {
  const keys = generateWitnessKey(name, new Uint8Array(32).fill(seed));
  return { ...keys, signer: unwrap(parseWitnessSignerKey(keys.signerKey)) };
};
const customsKey = witnessKey('customs.example/witness', 21);
const bankKey = witnessKey('bank.example/witness', 22);

type Logged = { level: 'info' | 'warn' | 'error'; message: string; fields: unknown };

let db: TestDatabase;
let ctx: WitnessingContext;
const logged: Logged[] = [];
const logger: CollectCosignaturesOptions['logger'] = {
  info: (fields: unknown, message?: string) => logged.push({ level: 'info', message: message ?? '', fields }),
  warn: (fields: unknown, message?: string) => logged.push({ level: 'warn', message: message ?? '', fields }),
  error: (fields: unknown, message?: string) =>
    logged.push({ level: 'error', message: message ?? '', fields }),
} as CollectCosignaturesOptions['logger'];

const noteOf = (size: number, tree = leaves) =>
  signNote(
    formatCheckpoint({ origin: ctx.key.origin, size, rootHash: rootFromLeafHashes(tree.slice(0, size)) }),
    [ctx.key.signer],
  );

const textOf = (note: string) => note.slice(0, note.indexOf('\n\n') + 1);

// The log's stored checkpoints, as integration writes them (the tree itself is not needed here).
const storeCheckpoint = async (size: number) => {
  const note = noteOf(size);
  await sql`insert into transparency_log.checkpoints (size, root_hash, note)
    values (${size}, ${rootFromLeafHashes(leaves.slice(0, size))}, ${note})`.execute(db.kysely);
  return { size, note };
};

const proofs: [number, number][] = [];
const options = (extra: Partial<CollectCosignaturesOptions> = {}): CollectCosignaturesOptions => ({
  consistencyProof: async (from, to) => {
    proofs.push([from, to]);
    return consistencyProof(leaves.slice(0, to), from);
  },
  logger,
  timeoutMs: 2000,
  ...extra,
});

const newWitness = (key = customsKey) =>
  createWitness({
    name: key.signer.name,
    signer: key.signer,
    logs: [{ origin: ctx.key.origin, verifierKey: ctx.key.verifierKey }],
    store: createMemoryWitnessStore(),
    now: clock,
  });

// An in-process transport that counts the requests it carries.
const inProcess = (witness: Witness, key = customsKey) => {
  const calls: string[] = [];
  const logWitness: LogWitness = {
    name: key.signer.name,
    verifierKey: key.verifierKey,
    transport: {
      kind: 'in-process',
      addCheckpoint: async (body) => {
        calls.push(new TextDecoder().decode(body).split('\n')[0] ?? '');
        return witness.addCheckpoint(body);
      },
    },
  };
  return { logWitness, calls };
};

// Feeds a witness a checkpoint of this log's key directly, as another process of the log would.
const feed = async (witness: Witness, oldSize: number, size: number, tree = leaves) => {
  const answer = await witness.addCheckpoint(
    formatAddCheckpointRequest({
      oldSize,
      consistencyProof: oldSize === 0 ? [] : consistencyProof(tree.slice(0, size), oldSize),
      checkpointNote: noteOf(size, tree),
    }),
  );
  expect(answer.status).toBe(200);
};

const countRows = async (table: 'cosignatures' | 'witness_state') => {
  const { rows } = await sql<{
    n: string;
  }>`select count(*) as n from ${sql.table(`transparency_log.${table}`)}`.execute(db.kysely);
  return Number(rows[0]?.n);
};

const resetWitnessing = async () => {
  // The tables refuse deletes; a test resets them the way an operator would not: as the owner,
  // with the trigger disabled for the moment.
  await sql`alter table transparency_log.cosignatures disable trigger cosignatures_append_only`.execute(
    db.kysely,
  );
  await sql`delete from transparency_log.cosignatures`.execute(db.kysely);
  await sql`alter table transparency_log.cosignatures enable trigger cosignatures_append_only`.execute(
    db.kysely,
  );
  await sql`delete from transparency_log.witness_state`.execute(db.kysely);
  logged.length = 0;
  proofs.length = 0;
};

let checkpoint5: { size: number; note: string };
let checkpoint12: { size: number; note: string };
let checkpoint30: { size: number; note: string };

beforeAll(async () => {
  db = await createTestDatabase();
  ctx = { db, key: deriveLogKey(new Uint8Array(32).fill(5), 'https://hub.example') };
  checkpoint5 = await storeCheckpoint(5);
  checkpoint12 = await storeCheckpoint(12);
  checkpoint30 = await storeCheckpoint(30);
});
afterAll(async () => db.close());

describe('collectCosignatures', () => {
  it('gets and stores both witnesses’ cosignatures, then asks from the size each cosigned last', async () => {
    await resetWitnessing();
    const customs = inProcess(newWitness(customsKey), customsKey);
    const bank = inProcess(newWitness(bankKey), bankKey);
    const witnesses = [customs.logWitness, bank.logWitness];

    const first = await collectCosignatures(ctx, witnesses, checkpoint5, options());
    expect(first.map((r) => [r.witness, r.outcome])).toEqual([
      ['customs.example/witness', 'cosigned'],
      ['bank.example/witness', 'cosigned'],
    ]);
    const second = await collectCosignatures(ctx, witnesses, checkpoint12, options());
    expect(second.map((r) => r.outcome)).toEqual(['cosigned', 'cosigned']);
    expect(customs.calls).toEqual(['old 0', 'old 5']);
    expect(proofs).toEqual([
      [5, 12],
      [5, 12],
    ]);

    // Asking again for the same checkpoint sends nothing.
    const again = await collectCosignatures(ctx, witnesses, checkpoint12, options());
    expect(again.map((r) => r.outcome)).toEqual(['already_cosigned', 'already_cosigned']);
    // An older checkpoint than the last one cosigned is not sent either.
    const older = await collectCosignatures(ctx, witnesses, checkpoint5, options());
    expect(older.map((r) => r.outcome)).toEqual(['superseded', 'superseded']);
    expect(customs.calls).toHaveLength(2);
    expect(await countRows('cosignatures')).toBe(4);
  });

  it('serves the checkpoint note with the cosignatures appended, which verifiers accept', async () => {
    const note = await cosignedCheckpointNote(ctx, 12);
    expect(note?.startsWith(checkpoint12.note)).toBe(true);
    expect(note?.length).toBeGreaterThan(checkpoint12.note.length);
    // The form the module's publishedNote hook takes: the checkpoint it already has in hand.
    expect(await appendCosignatures(ctx, checkpoint12)).toBe(note);
    const logVerifier = unwrap(parseVerifierKey(ctx.key.verifierKey));
    const witnessVerifiers = [customsKey, bankKey].map((k) => unwrap(parseWitnessVerifierKey(k.verifierKey)));
    const opened = openCheckpoint(note ?? '', logVerifier, witnessVerifiers);
    expect(opened.ok && opened.verified.map((s) => s.name)).toEqual([
      ctx.key.origin,
      'bank.example/witness',
      'customs.example/witness',
    ]);
    // A verifier that only knows the log key still opens it: unknown signatures are ignored.
    expect(openNote(note ?? '', [logVerifier]).ok).toBe(true);
    const quorum = countWitnessCosignatures(note ?? '', witnessVerifiers, 2);
    expect(quorum.ok && quorum.thresholdMet).toBe(true);
    // The latest checkpoint (30) has no cosignature yet: its note is served as signed.
    expect(await cosignedCheckpointNote(ctx)).toBe(checkpoint30.note);
    expect(await cosignedCheckpointNote(ctx, 31)).toBeUndefined();
  });

  it('retries once from the size a 409 reports, after checking it is not past the checkpoint', async () => {
    await resetWitnessing();
    const witness = newWitness();
    // The witness cosigned size 5 for another process of this log; this one does not know it.
    await feed(witness, 0, 5);
    const { logWitness, calls } = inProcess(witness);
    const [outcome] = await collectCosignatures(ctx, [logWitness], checkpoint12, options());
    expect(outcome?.outcome).toBe('cosigned');
    expect(calls).toEqual(['old 0', 'old 5']);
    expect(proofs).toEqual([[5, 12]]);
    const { rows } = await sql<{ size: string }>`select size from transparency_log.witness_state`.execute(
      db.kysely,
    );
    expect(rows.map((r) => Number(r.size))).toEqual([12]);
  });

  it('reports a rolled-back tree when a witness cosigned a larger tree than this log holds', async () => {
    await resetWitnessing();
    const witness = newWitness();
    // Size 35 was signed by this log's key, but the log (restored from a backup, say) has only 30.
    await feed(witness, 0, 35);
    const { logWitness, calls } = inProcess(witness);
    const [outcome] = await collectCosignatures(ctx, [logWitness], checkpoint30, options());
    expect(outcome?.outcome).toBe('rolled_back');
    expect(outcome?.message).toBe(
      'Rolled-back tree: customs.example/witness cosigned size 35 of this log, which now has only 30 entries',
    );
    expect(calls).toEqual(['old 0']);
    expect(logged.find((l) => l.level === 'error')?.message).toBe(outcome?.message);
    expect(await countRows('cosignatures')).toBe(0);
  });

  it('reports a 409 that comes back for the witness’s own larger size as superseded when the log has it', async () => {
    await resetWitnessing();
    const witness = newWitness();
    await feed(witness, 0, 30);
    const { logWitness } = inProcess(witness);
    const [outcome] = await collectCosignatures(ctx, [logWitness], checkpoint12, options());
    expect(outcome?.outcome).toBe('superseded');
    const { rows } = await sql<{ size: string }>`select size from transparency_log.witness_state`.execute(
      db.kysely,
    );
    expect(rows.map((r) => Number(r.size))).toEqual([30]);
  });

  it('reports forked and inconsistent trees as errors and stores nothing', async () => {
    await resetWitnessing();
    const forkedAt12 = newWitness();
    await feed(forkedAt12, 0, 12, forkLeaves);
    const forked = inProcess(forkedAt12);
    const [sameSize] = await collectCosignatures(ctx, [forked.logWitness], checkpoint12, options());
    expect(sameSize?.outcome).toBe('forked');
    expect(forked.calls).toEqual(['old 0', 'old 12']);

    await resetWitnessing();
    const forkedAt5 = newWitness();
    await feed(forkedAt5, 0, 5, forkLeaves);
    const [later] = await collectCosignatures(
      ctx,
      [inProcess(forkedAt5).logWitness],
      checkpoint12,
      options(),
    );
    expect(later?.outcome).toBe('inconsistent');
    expect(
      logged.filter((l) => l.level === 'error').map((l) => (l.fields as { outcome: string }).outcome),
    ).toEqual(['inconsistent']);
    expect(await countRows('cosignatures')).toBe(0);
  });

  it('never throws: a witness that is down, slow, wrong or broken is reported and the others still cosign', async () => {
    await resetWitnessing();
    const healthy = inProcess(newWitness(bankKey), bankKey);
    const named = (transport: LogWitness['transport'], key = customsKey): LogWitness => ({
      name: key.signer.name,
      verifierKey: key.verifierKey,
      transport,
    });
    const impostor = witnessKey('customs.example/witness', 99);
    const reply = (status: number, body: string, contentType = 'text/plain'): Promise<WitnessReply> =>
      Promise.resolve({ status, contentType, body });
    const cases: [LogWitness, string][] = [
      [named({ kind: 'http', url: 'http://127.0.0.1:1/witness' }), 'unavailable'],
      [named({ kind: 'in-process', addCheckpoint: () => new Promise<never>(() => {}) }), 'unavailable'],
      [
        named({
          kind: 'in-process',
          addCheckpoint: async () => {
            throw new Error('boom');
          },
        }),
        'unavailable',
      ],
      [named({ kind: 'in-process', addCheckpoint: () => reply(503, 'busy\n') }), 'unavailable'],
      [named({ kind: 'in-process', addCheckpoint: () => reply(403, 'no\n') }), 'refused'],
      [named({ kind: 'in-process', addCheckpoint: () => reply(404, 'no\n') }), 'refused'],
      [named({ kind: 'in-process', addCheckpoint: () => reply(200, 'nonsense\n') }), 'invalid_answer'],
      [
        named({ kind: 'in-process', addCheckpoint: () => reply(409, 'x\n', 'text/x.tlog.size') }),
        'invalid_answer',
      ],
      [
        // A cosignature by another key under the witness's name.
        named({
          kind: 'in-process',
          addCheckpoint: () =>
            reply(200, cosignCheckpoint(textOf(checkpoint12.note), impostor.signer, 1_777_777_777)),
        }),
        'invalid_answer',
      ],
      [
        { ...named({ kind: 'http', url: 'http://127.0.0.1:1' }), verifierKey: ctx.key.verifierKey },
        'misconfigured',
      ],
    ];
    const results = await collectCosignatures(
      ctx,
      [...cases.map(([w]) => w), healthy.logWitness],
      checkpoint12,
      options({ timeoutMs: 300 }),
    );
    expect(results.map((r) => r.outcome)).toEqual([...cases.map(([, outcome]) => outcome), 'cosigned']);
    expect(await countRows('cosignatures')).toBe(1);
    // A logger that throws does not escape either.
    const throwing = {
      info: () => {
        throw new Error('log down');
      },
      warn: () => {},
      error: () => {},
    } as unknown as CollectCosignaturesOptions['logger'];
    const [quiet] = await collectCosignatures(
      ctx,
      [healthy.logWitness],
      checkpoint30,
      options({ logger: throwing }),
    );
    expect(quiet?.outcome).toBe('cosigned');
  });

  it('talks to a witness over HTTP', async () => {
    await resetWitnessing();
    const server = await createWitnessHttpServer(newWitness(), { port: 0, host: '127.0.0.1', prefix: '/w' });
    try {
      const logWitness: LogWitness = {
        name: customsKey.signer.name,
        verifierKey: customsKey.verifierKey,
        transport: { kind: 'http', url: server.url },
      };
      const outcomes = [
        await collectCosignatures(ctx, [logWitness], checkpoint5, options()),
        await collectCosignatures(ctx, [logWitness], checkpoint30, options()),
      ];
      expect(outcomes.flat().map((r) => r.outcome)).toEqual(['cosigned', 'cosigned']);
      expect(proofs).toEqual([[5, 30]]);
    } finally {
      await server.close();
    }
  });

  it('keeps cosignatures append-only and each witness’s size from going back', async () => {
    await resetWitnessing();
    await collectCosignatures(ctx, [inProcess(newWitness()).logWitness], checkpoint12, options());
    await expect(
      sql`update transparency_log.cosignatures set timestamp = 0`.execute(db.kysely),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from transparency_log.cosignatures`.execute(db.kysely)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`update transparency_log.witness_state set size = 5`.execute(db.kysely)).rejects.toThrow(
      /not going back/,
    );
    // A cosignature of a size the log never signed cannot be stored.
    await expect(
      sql`insert into transparency_log.cosignatures (size, witness_name, witness_key, line, timestamp)
        values (13, 'w', 'k', '— w AAAA', 1)`.execute(db.kysely),
    ).rejects.toThrow();
  });
});
