import { sha256, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { inclusionProof, leafHash, rootFromLeafHashes, verifyInclusion } from './merkle.ts';
import {
  formatVerifierKey,
  openNote,
  parseVerifierKey,
  signerFromEd25519Seed,
  signNote,
  toBase64,
} from './note.ts';
import { formatTlogProof, parseTlogProof, TLOG_PROOF_HEADER } from './tlog-proof.ts';

const sum = (s: string) => sha256(utf8Encode(s));

describe('c2sp.org/tlog-proof@v1', () => {
  // The layouts of the spec's own marshalling examples (as in the Go reference's tests).
  it('formats the layouts the spec defines, with and without extra data', () => {
    const h1 = sum('hash1');
    const h2 = sum('hash2');
    expect(formatTlogProof({ index: 5, hashes: [h1, h2], checkpoint: 'test checkpoint\n' })).toBe(
      `c2sp.org/tlog-proof@v1\nindex 5\n${toBase64(h1)}\n${toBase64(h2)}\n\ntest checkpoint\n`,
    );
    const extra = utf8Encode('extra information');
    expect(formatTlogProof({ index: 10, hashes: [h1], checkpoint: 'checkpoint data\n', extra })).toBe(
      `c2sp.org/tlog-proof@v1\nextra ${toBase64(extra)}\nindex 10\n${toBase64(h1)}\n\ncheckpoint data\n`,
    );
    expect(formatTlogProof({ index: 0, hashes: [], checkpoint: 'checkpoint\n' })).toBe(
      'c2sp.org/tlog-proof@v1\nindex 0\n\ncheckpoint\n',
    );
  });

  it('carries a real signed checkpoint and inclusion proof that verify after parsing', () => {
    const origin = 'trade.example/log';
    const signer = signerFromEd25519Seed(origin, new Uint8Array(32).fill(3));
    const entries = Array.from({ length: 13 }, (_, i) => utf8Encode(`entry ${i}`));
    const leaves = entries.map(leafHash);
    const rootHash = rootFromLeafHashes(leaves);
    const note = signNote(formatCheckpoint({ origin, size: 13, rootHash }), [signer]);
    const text = formatTlogProof({
      index: 6,
      hashes: inclusionProof(leaves, 6),
      checkpoint: note,
      extra: entries[6] as Uint8Array,
    });
    const parsed = parseTlogProof(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.proof.checkpoint).toBe(note);
    const verifier = parseVerifierKey(formatVerifierKey(origin, signer.publicKey));
    if (!verifier.ok) {
      throw new Error(verifier.message);
    }
    expect(openNote(parsed.proof.checkpoint, [verifier.key]).ok).toBe(true);
    expect(
      verifyInclusion({
        index: parsed.proof.index,
        treeSize: 13,
        leafHash: leafHash(parsed.proof.extra ?? new Uint8Array()),
        proof: [...parsed.proof.hashes],
        rootHash,
      }),
    ).toEqual({ ok: true });
  });

  it('refuses malformed proofs with a reason', () => {
    const h = toBase64(sum('x'));
    const cases: [string, string][] = [
      ['wrong-header\nindex 0\n\ncheckpoint\n', 'missing_header'],
      [`${TLOG_PROOF_HEADER}\nextra !!!\nindex 0\n\ncheckpoint\n`, 'invalid_extra'],
      [`${TLOG_PROOF_HEADER}\n${h}\n\ncheckpoint\n`, 'missing_index'],
      [`${TLOG_PROOF_HEADER}\nindex 01\n\ncheckpoint\n`, 'invalid_index'],
      [`${TLOG_PROOF_HEADER}\nindex -1\n\ncheckpoint\n`, 'invalid_index'],
      [`${TLOG_PROOF_HEADER}\nindex 99999999999999999999\n\ncheckpoint\n`, 'unsupported_index'],
      [`${TLOG_PROOF_HEADER}\nindex 1\nnot-a-hash\n\ncheckpoint\n`, 'invalid_hash'],
      [`${TLOG_PROOF_HEADER}\nindex 1\n${toBase64(new Uint8Array(31))}\n\ncheckpoint\n`, 'invalid_hash'],
      [`${TLOG_PROOF_HEADER}\nindex 1\n${h}\n`, 'missing_checkpoint'],
      [`${TLOG_PROOF_HEADER}\nindex 1\n\ncheckpoint`, 'missing_checkpoint'],
      [`${TLOG_PROOF_HEADER}\nindex 1\n${`${h}\n`.repeat(65)}\ncheckpoint\n`, 'too_many_hashes'],
    ];
    for (const [text, reason] of cases) {
      expect(parseTlogProof(text), text).toMatchObject({ ok: false, reason });
    }
    expect(parseTlogProof(new Uint8Array([0xff, 0xfe]))).toMatchObject({ ok: false, reason: 'not_utf8' });
  });

  it('round-trips any proof and never throws on arbitrary input', () => {
    const hash = fc.uint8Array({ minLength: 32, maxLength: 32 });
    fc.assert(
      fc.property(
        fc.record({
          index: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
          hashes: fc.array(hash, { maxLength: 64 }),
          checkpoint: fc.stringMatching(/^[a-z0-9./\n]{0,80}$/).map((s) => `${s}\n`),
          extra: fc.option(fc.uint8Array({ maxLength: 300 }), { nil: undefined }),
        }),
        (p) => {
          const base = { index: p.index, hashes: p.hashes, checkpoint: p.checkpoint };
          const proof = p.extra === undefined ? base : { ...base, extra: p.extra };
          const parsed = parseTlogProof(formatTlogProof(proof));
          return parsed.ok && formatTlogProof(parsed.proof) === formatTlogProof(proof);
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const parsed = parseTlogProof(`${TLOG_PROOF_HEADER}\n${text}`);
        return parsed.ok || parsed.message.length > 0;
      }),
    );
  });
});
