import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BATCH_ID, batchPaths, buildBatchScenario } from './batch-test-support.ts';
import type { TradehubBundle } from './bundle.ts';
import type { JsonObject } from './data-integrity.ts';
import { encodeTradeLogEntry, parseTradeLogEntry, TradeLogEntryKind, ZERO_HASH } from './entry.ts';
import type { ProvenNodes } from './merkle.ts';
import { rootFromLeafHashes, verifyInclusion, verifyInclusionWithProvenNodes } from './merkle.ts';
import { fromBase64, toBase64 } from './note.ts';
import { buildScenario, ISSUER_DID } from './test-support.ts';
import type { VerificationReport } from './verify.ts';
import { createVerifier } from './verify.ts';
import {
  checkBatchIntegrity,
  issueBatchAux,
  issueBatchLeafHash,
  issueBatchSizeOf,
  tradeLogBatchRecordId,
} from './verify-batch.ts';

const checkOf = (report: VerificationReport, name: string) => {
  const found = report.checks.find((c) => c.check === name);
  if (found === undefined) {
    throw new Error(`no ${name} check`);
  }
  return found;
};

const flipBase64 = (text: string, byte = 0): string => {
  const bytes = fromBase64(text) as Uint8Array;
  bytes[byte] = (bytes[byte] ?? 0) ^ 0x01;
  return toBase64(bytes);
};

/** The tlog-proof text with one bit of its `extra` (the log entry) flipped at `byte`. */
const flipEntryBit = (tlogProof: string, byte: number): string =>
  tlogProof
    .split('\n')
    .map((line) => (line.startsWith('extra ') ? `extra ${flipBase64(line.slice(6), byte)}` : line))
    .join('\n');

describe('ISSUE_BATCH bundles', () => {
  const scenario = buildBatchScenario(5);

  it('verifies every member VALID with one shared verifier, each placed in the batch', async () => {
    const verifier = createVerifier(scenario.trustPolicy);
    for (const [i, bundle] of scenario.bundles.entries()) {
      const report = await verifier.verify(bundle);
      expect(report.checks.filter((c) => c.verdict === 'INVALID' || c.verdict === 'ERROR')).toEqual([]);
      expect(report.verdict).toBe('VALID');
      expect(checkOf(report, 'integrity')).toMatchObject({
        verdict: 'OK',
        reason: 'doc_hash_matches',
        details: { batchIndex: i, batchSize: 5 },
      });
      expect(checkOf(report, 'issuer_key').verdict).toBe('OK');
    }
    // The checkpoint was checked once for the five documents.
    expect(verifier.stats().checkpointsChecked).toBe(1);
  });

  it('a changed credential: integrity batch_proof_invalid and signature_invalid', async () => {
    const bundle = scenario.bundles[2] as TradehubBundle;
    const credential = { ...bundle.credential, validFrom: '2026-03-01T10:00:01.000Z' };
    const verifier = createVerifier(scenario.trustPolicy);
    // The intact members first, so the verifier's proven nodes of this batch are warm.
    for (const other of scenario.bundles) {
      expect((await verifier.verify(other)).verdict).toBe('VALID');
    }
    const report = await verifier.verify({ ...bundle, credential });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'integrity').reason).toBe('batch_proof_invalid');
    expect(checkOf(report, 'signature').reason).toBe('signature_invalid');
  });

  it('a flipped bit in the batch path: integrity batch_proof_invalid, with a cold and a warm verifier', async () => {
    const bundle = scenario.bundles[1] as TradehubBundle;
    const batch = bundle.issueBatch as NonNullable<TradehubBundle['issueBatch']>;
    const warm = createVerifier(scenario.trustPolicy);
    for (const other of scenario.bundles) {
      await warm.verify(other);
    }
    for (let at = 0; at < batch.path.length; at++) {
      const path = batch.path.map((hash, i) => (i === at ? flipBase64(hash, 7) : hash));
      const tampered = { ...bundle, issueBatch: { ...batch, path } };
      for (const verifier of [createVerifier(scenario.trustPolicy), warm]) {
        const report = await verifier.verify(tampered);
        expect(report.verdict).toBe('INVALID');
        expect(checkOf(report, 'integrity').reason).toBe('batch_proof_invalid');
      }
    }
  });

  it('a path that proves another member: integrity batch_proof_invalid', async () => {
    const bundle = scenario.bundles[0] as TradehubBundle;
    const other = scenario.bundles[3]?.issueBatch as NonNullable<TradehubBundle['issueBatch']>;
    const report = await createVerifier(scenario.trustPolicy).verify({ ...bundle, issueBatch: other });
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'integrity').reason).toBe('batch_proof_invalid');
  });

  it('a wrong batch id or size: record_id_mismatch, batch_proof_invalid', async () => {
    const bundle = scenario.bundles[0] as TradehubBundle;
    const batch = bundle.issueBatch as NonNullable<TradehubBundle['issueBatch']>;
    const verifier = createVerifier(scenario.trustPolicy);
    const otherId = await verifier.verify({ ...bundle, issueBatch: { ...batch, id: `${BATCH_ID}x` } });
    expect(checkOf(otherId, 'integrity').reason).toBe('record_id_mismatch');
    const otherSize = await verifier.verify({ ...bundle, issueBatch: { ...batch, size: 6 } });
    expect(checkOf(otherSize, 'integrity').reason).toBe('batch_proof_invalid');
  });

  it('no batch path for a batch entry: integrity batch_proof_missing', async () => {
    const { issueBatch: _dropped, ...bundle } = scenario.bundles[0] as TradehubBundle;
    const report = await createVerifier(scenario.trustPolicy).verify(bundle);
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'integrity').reason).toBe('batch_proof_missing');
  });

  it('a flipped bit in the batch entry: the entry signature, the inclusion and the batch fail', async () => {
    const bundle = scenario.bundles[4] as TradehubBundle;
    const verifier = createVerifier(scenario.trustPolicy);
    await verifier.verify(bundle);
    // Byte 45 is in doc_hash (the batch root), byte 150 in counterparty, byte 230 in the signature.
    for (const byte of [45, 150, 230]) {
      const report = await verifier.verify({ ...bundle, tlogProof: flipEntryBit(bundle.tlogProof, byte) });
      expect(report.verdict, `byte ${byte}`).toBe('INVALID');
      expect(checkOf(report, 'log_inclusion').reason).toBe('inclusion_proof_invalid');
      expect(checkOf(report, 'issuer_key').reason).toBe('entry_signature_invalid');
      if (byte === 45) {
        expect(checkOf(report, 'integrity').reason).toBe('batch_proof_invalid');
      }
    }
  });

  it('refuses a batch path on a bundle whose entry is a single ISSUE', async () => {
    const { bundle, trustPolicy } = await buildScenario();
    const batch = scenario.bundles[0]?.issueBatch as NonNullable<TradehubBundle['issueBatch']>;
    const report = await createVerifier(trustPolicy).verify({ ...bundle, issueBatch: batch });
    expect(checkOf(report, 'integrity').reason).toBe('batch_proof_invalid');
  });

  it('a reused verifier answers each bundle from its own status lists, not the last ones seen', async () => {
    const intact = await buildScenario();
    const revoked = await buildScenario({ revoked: true });
    const verifier = createVerifier(intact.trustPolicy);
    expect((await verifier.verify(intact.bundle)).verdict).toBe('VALID');
    const report = await verifier.verify(revoked.bundle);
    expect(report.verdict).toBe('INVALID');
    expect(checkOf(report, 'status').reason).toBe('revoked');
    expect((await verifier.verify(intact.bundle)).verdict).toBe('VALID');
    // The same list object changed in place after it was checked is checked again.
    const subjectOf = (bundle: TradehubBundle) =>
      ((bundle.statusList as NonNullable<TradehubBundle['statusList']>).credentials[0] as JsonObject)
        .credentialSubject as JsonObject;
    subjectOf(intact.bundle).encodedList = subjectOf(revoked.bundle).encodedList as string;
    expect((await verifier.verify(intact.bundle)).verdict).toBe('INVALID');
  });

  it('still verifies a bundle of the single-ISSUE format', async () => {
    const { bundle, trustPolicy } = await buildScenario();
    expect((await createVerifier(trustPolicy).verify(bundle)).verdict).toBe('VALID');
  });

  it('refuses malformed issueBatch members when parsing', async () => {
    const bundle = scenario.bundles[0] as TradehubBundle;
    const batch = bundle.issueBatch as NonNullable<TradehubBundle['issueBatch']>;
    for (const issueBatch of [
      { ...batch, index: 5 },
      { ...batch, index: -1 },
      { ...batch, size: 0 },
      { ...batch, id: '' },
      { ...batch, path: 'x' },
      { ...batch, extra: 1 },
    ]) {
      const report = await createVerifier(scenario.trustPolicy).verify({ ...bundle, issueBatch });
      expect(report.verdict).toBe('ERROR');
      expect(checkOf(report, 'integrity').reason).toBe('bundle_malformed');
    }
  });
});

describe('batch trees', () => {
  const hashOf = (n: number, size: number) => {
    const bytes = new Uint8Array(32);
    new DataView(bytes.buffer).setUint32(0, n);
    new DataView(bytes.buffer).setUint32(4, size);
    return bytes;
  };

  it('states the batch size in aux and reads it back', () => {
    expect(issueBatchSizeOf(issueBatchAux(1))).toBe(1);
    expect(issueBatchSizeOf(issueBatchAux(100_000))).toBe(100_000);
    expect(issueBatchSizeOf(ZERO_HASH)).toBeUndefined();
    expect(() => issueBatchAux(0)).toThrow(RangeError);
  });

  it('every member of a batch of 1 to 300 has a path that verifies, and any one-byte change is caught', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.nat(),
        fc.nat(),
        fc.integer({ min: 1, max: 255 }),
        (size, pick, where, xor) => {
          const docHashes = Array.from({ length: size }, (_, i) => hashOf(i, size));
          const root = rootFromLeafHashes(docHashes.map(issueBatchLeafHash));
          const fields = {
            kind: TradeLogEntryKind.ISSUE_BATCH,
            timeMs: 0,
            recordId: tradeLogBatchRecordId(ISSUER_DID, BATCH_ID),
            docHash: root,
            prevEntryHash: ZERO_HASH,
            actor: ZERO_HASH,
            counterparty: ZERO_HASH,
            aux: issueBatchAux(size),
          };
          const parsed = parseTradeLogEntry(encodeTradeLogEntry(fields, new Uint8Array(64)));
          if (!parsed.ok) {
            throw new Error(parsed.message);
          }
          const entry = parsed.entry;
          const paths = batchPaths(docHashes);
          const memo = { nodes: new Map() };
          for (const [i, docHash] of docHashes.entries()) {
            const check = checkBatchIntegrity(entry, paths[i], ISSUER_DID, docHash, memo);
            expect(check.verdict, `member ${i} of ${size}`).toBe('OK');
            // The same answer without the cache.
            expect(checkBatchIntegrity(entry, paths[i], ISSUER_DID, docHash, undefined).verdict).toBe('OK');
          }
          // One byte changed in the member's doc hash, in one of its path hashes, or in the root.
          const member = pick % size;
          const path = paths[member] as NonNullable<(typeof paths)[number]>;
          const targets = 1 + path.path.length + 1;
          const target = where % targets;
          const byte = Math.floor(where / targets) % 32;
          const change = (bytes: Uint8Array) => {
            const copy = bytes.slice();
            copy[byte] = (copy[byte] ?? 0) ^ xor;
            return copy;
          };
          let docHash = docHashes[member] as Uint8Array;
          let tamperedPath = path;
          let tamperedEntry = entry;
          if (target === 0) {
            docHash = change(docHash);
          } else if (target <= path.path.length) {
            const hashes = path.path.map((h, i) =>
              i === target - 1 ? toBase64(change(fromBase64(h) as Uint8Array)) : h,
            );
            tamperedPath = { ...path, path: hashes };
          } else {
            tamperedEntry = { ...entry, docHash: change(entry.docHash) };
          }
          for (const cache of [memo, undefined]) {
            const check = checkBatchIntegrity(tamperedEntry, tamperedPath, ISSUER_DID, docHash, cache);
            expect(check.verdict).toBe('INVALID');
            expect(check.reason).toBe('batch_proof_invalid');
          }
        },
      ),
      { numRuns: 60, seed: 6 },
    );
  }, 60_000);

  it('verifyInclusionWithProvenNodes agrees with verifyInclusion on any proof, leaf and tree', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), fc.nat(), (size, a, b) => {
        const docHashes = Array.from({ length: size }, (_, i) => hashOf(i, size));
        const leaves = docHashes.map(issueBatchLeafHash);
        const rootHash = rootFromLeafHashes(leaves);
        const paths = batchPaths(docHashes);
        const proven: ProvenNodes = new Map();
        // Warm the cache with one member, then check another leaf against another member's path.
        const warmAt = a % size;
        const warm = paths[warmAt] as NonNullable<(typeof paths)[number]>;
        const proof = (p: typeof warm) => p.path.map((h) => fromBase64(h) as Uint8Array);
        verifyInclusionWithProvenNodes(
          {
            leafHash: leaves[warmAt] as Uint8Array,
            index: warmAt,
            treeSize: size,
            proof: proof(warm),
            rootHash,
          },
          proven,
        );
        const at = b % size;
        const claimed = paths[(a + b) % size] as NonNullable<(typeof paths)[number]>;
        const input = {
          leafHash: leaves[at] as Uint8Array,
          index: at,
          treeSize: size,
          proof: proof(claimed),
          rootHash,
        };
        expect(verifyInclusionWithProvenNodes(input, proven).ok).toBe(verifyInclusion(input).ok);
      }),
      { numRuns: 300, seed: 7 },
    );
  }, 60_000);

  it('uses the batch leaf hash SHA-256(0x00 || doc hash)', () => {
    const docHash = Uint8Array.from({ length: 32 }, (_, i) => i);
    const expected = createHash('sha256').update(Uint8Array.of(0)).update(docHash).digest();
    expect(issueBatchLeafHash(docHash)).toEqual(new Uint8Array(expected));
  });
});
