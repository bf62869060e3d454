import { isAppError, toHex, utf8Decode, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.ts';
import { cosignCheckpoint, parseWitnessVerifierKey, verifyCosignature } from './cosignature.ts';
import { consistencyProof, leafHash, rootFromLeafHashes } from './merkle.ts';
import type { NoteVerifier } from './note.ts';
import { generateSignerKey, parseSignerKey, signerFromEd25519Seed, signNote, toBase64 } from './note.ts';
import {
  type AddCheckpointRequest,
  formatAddCheckpointRequest,
  formatCosignatureResponse,
  formatTreeSizeResponse,
  generateWitnessKey,
  MAX_CONSISTENCY_PROOF_LINES,
  parseAddCheckpointRequest,
  parseCosignatureResponse,
  parseTreeSizeResponse,
  parseWitnessSignerKey,
} from './witness-protocol.ts';

const ORIGIN = 'trade.example/log';
const log = signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(7));
const leaves = Array.from({ length: 40 }, (_, i) => leafHash(utf8Encode(`entry ${i}`)));

const noteAt = (size: number, origin = ORIGIN) =>
  signNote(formatCheckpoint({ origin, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)) }), [
    origin === ORIGIN ? log : signerFromEd25519Seed(origin, new Uint8Array(32).fill(7)),
  ]);

const textOf = (note: string) => note.slice(0, note.indexOf('\n\n') + 1);

const reasonOf = (result: { ok: true } | { ok: false; reason: string }) => (result.ok ? 'ok' : result.reason);

const unwrap = <T>(result: { ok: true; key: T } | { ok: false; reason: string }): T => {
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.key;
};

const witnessKeys = [1, 2, 3].map((n) =>
  generateWitnessKey(`witness${n}.example/w`, new Uint8Array(32).fill(10 + n)),
);
const witnessSigners = witnessKeys.map((k) => unwrap(parseWitnessSignerKey(k.signerKey)));
const witnessVerifiers = witnessKeys.map((k) => unwrap(parseWitnessVerifierKey(k.verifierKey)));
const [signer1, signer2, signer3] = witnessSigners as [
  (typeof witnessSigners)[0],
  (typeof witnessSigners)[0],
  (typeof witnessSigners)[0],
];
const [verifier1, verifier2] = witnessVerifiers as [NoteVerifier, NoteVerifier];

// c2sp.org/tlog-witness's example request, with the proof lines and note exactly as the spec shows.
const SPEC_REQUEST = [
  'old 20852014',
  'PlRNCrwHpqhGrupue0L7gxbjbMiKA9temvuZZDDpkaw=',
  'jrJZDmY8Y7SyJE0MWLpLozkIVMSMZcD5kvuKxPC3swk=',
  '5+pKlUdi2LeF/BcMHBn+Ku6yhPGNCswZZD1X/6QgPd8=',
  '/6WVhPs2CwSsb5rYBH5cjHV/wSmA79abXAwhXw3Kj/0=',
  '',
  'example.com/behind-the-sofa',
  '20852163',
  'CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=',
  '',
  '— example.com/behind-the-sofa Az3grlgtzPICa5OS8npVmf1Myq/5IZniMp+ZJurmRDeOoRDe4URYN7u5/Zhcyv2q1gGzGku9nTo+zyWE+xeMcTOAYQ8=',
  '— example.com/behind-the-sofa opLqBQsREYCgu6xQkYQwJr9fo45a62DN9EdmHXnZdXNqlcVGlCum2Wks+49/V6267UEjw6QUXTS5Rovnzv++qbSzm9Q=',
  '',
].join('\n');

describe('add-checkpoint request', () => {
  it('parses the spec example: old size, four proof hashes, the note verbatim', () => {
    const parsed = parseAddCheckpointRequest(utf8Encode(SPEC_REQUEST));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.request.oldSize).toBe(20852014);
    expect(parsed.request.consistencyProof.map(toBase64)).toEqual(SPEC_REQUEST.split('\n').slice(1, 5));
    expect(parsed.request.checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.request.checkpoint.size).toBe(20852163);
    expect(parsed.request.checkpointText).toBe(
      'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n',
    );
    expect(utf8Decode(formatAddCheckpointRequest(parsed.request))).toBe(SPEC_REQUEST);
  });

  it('formats what the log sends: a real consistency proof between two of its checkpoints', () => {
    const request = {
      oldSize: 13,
      consistencyProof: consistencyProof(leaves.slice(0, 29), 13),
      checkpointNote: noteAt(29),
    };
    const body = utf8Decode(formatAddCheckpointRequest(request));
    expect(body.startsWith('old 13\n')).toBe(true);
    expect(body.endsWith(`\n\n${request.checkpointNote}`)).toBe(true);
    const parsed = parseAddCheckpointRequest(body);
    expect(parsed.ok && parsed.request.consistencyProof.map(toHex)).toEqual(
      request.consistencyProof.map(toHex),
    );
  });

  it('refuses to format a request a witness would refuse as malformed', () => {
    const note = noteAt(5);
    const bad: AddCheckpointRequest[] = [
      { oldSize: -1, consistencyProof: [], checkpointNote: note },
      { oldSize: 1.5, consistencyProof: [], checkpointNote: note },
      { oldSize: 6, consistencyProof: [], checkpointNote: note },
      { oldSize: 0, consistencyProof: [new Uint8Array(32)], checkpointNote: note },
      { oldSize: 3, consistencyProof: [new Uint8Array(31)], checkpointNote: note },
      { oldSize: 3, consistencyProof: Array(64).fill(new Uint8Array(32)), checkpointNote: note },
      { oldSize: 0, consistencyProof: [], checkpointNote: textOf(note) },
      { oldSize: 0, consistencyProof: [], checkpointNote: signNote('not a checkpoint\n', [log]) },
    ];
    for (const request of bad) {
      expect(() => formatAddCheckpointRequest(request)).toThrow(
        expect.objectContaining({ code: 'verifier.invalid_witness_request' }),
      );
    }
  });

  it('gives each malformed body its own reason', () => {
    const note = noteAt(5);
    const hash = toBase64(new Uint8Array(32).fill(9));
    const cases: [string | Uint8Array, string][] = [
      [new Uint8Array([0x6f, 0x6c, 0x64, 0x20, 0x30, 0x0a, 0x0a, 0xff]), 'not_utf8'],
      [`old 5\n\n${note}`, 'ok'],
      [`old 05\n\n${note}`, 'invalid_old_size'],
      [`old -1\n\n${note}`, 'invalid_old_size'],
      [`old  5\n\n${note}`, 'invalid_old_size'],
      // A one-byte change of "old 1" once made this, which parsed while formatting refused it.
      [`old 0\n${hash}\n\n${note}`, 'proof_without_old_tree'],
      [`Old 5\n\n${note}`, 'invalid_old_size'],
      [`old 5\r\n\r\n${note}`, 'invalid_old_size'],
      [`old 9223372036854775808\n\n${note}`, 'invalid_old_size'],
      [`old 9223372036854775807\n\n${note}`, 'unsupported_size'],
      ['old 5', 'invalid_old_size'],
      [`old 3\n${hash}\n${note}`, 'invalid_proof_line'],
      [`old 3\n${hash.slice(0, -1)}\n\n${note}`, 'invalid_proof_line'],
      [`old 3\n${toBase64(new Uint8Array(33))}\n\n${note}`, 'invalid_proof_line'],
      [`old 3\n${`${hash}\n`.repeat(MAX_CONSISTENCY_PROOF_LINES)}\n${note}`, 'ok'],
      [`old 3\n${`${hash}\n`.repeat(MAX_CONSISTENCY_PROOF_LINES + 1)}\n${note}`, 'too_many_proof_lines'],
      [`old 3\n${hash}\n`, 'missing_checkpoint'],
      [`old 3\n${hash}\n\n`, 'missing_checkpoint'],
      [`old 3\n\n${textOf(note)}`, 'invalid_checkpoint'],
      [`old 3\n\n${note.slice(0, -1)}`, 'invalid_checkpoint'],
      [`old 3\n\n${signNote('origin only\n', [log])}`, 'invalid_checkpoint'],
      [`old 3\n\n${note}\n`, 'invalid_checkpoint'],
      ['x'.repeat(2 * 1024 * 1024), 'too_large'],
    ];
    for (const [body, reason] of cases) {
      const label = typeof body === 'string' ? JSON.stringify(body.slice(0, 40)) : 'bytes';
      expect(reasonOf(parseAddCheckpointRequest(body)), label).toBe(reason);
    }
  });

  const checkpointNote = fc
    .record({
      origin: fc.constantFrom(ORIGIN, 'customs.example/log', '贸易.example/日志'),
      size: fc.integer({ min: 0, max: leaves.length }),
      extensions: fc.array(fc.constantFrom('ext one', 'x=1'), { maxLength: 2 }),
    })
    .map(({ origin, size, extensions }) => ({
      size,
      note: signNote(
        formatCheckpoint({ origin, size, rootHash: rootFromLeafHashes(leaves.slice(0, size)), extensions }),
        [signerFromEd25519Seed(origin, new Uint8Array(32).fill(3))],
      ),
    }));

  const request = checkpointNote.chain(({ size, note }) =>
    fc.integer({ min: 0, max: size }).chain((oldSize) =>
      fc
        .array(fc.uint8Array({ minLength: 32, maxLength: 32 }), {
          maxLength: oldSize === 0 ? 0 : MAX_CONSISTENCY_PROOF_LINES,
        })
        .map((consistencyProof) => ({ oldSize, consistencyProof, checkpointNote: note })),
    ),
  );

  const sameRequest = (a: AddCheckpointRequest, b: AddCheckpointRequest) =>
    a.oldSize === b.oldSize &&
    a.checkpointNote === b.checkpointNote &&
    a.consistencyProof.map(toHex).join() === b.consistencyProof.map(toHex).join();

  it('round-trips every request it formats', () => {
    fc.assert(
      fc.property(request, (input) => {
        const parsed = parseAddCheckpointRequest(formatAddCheckpointRequest(input));
        expect(parsed.ok).toBe(true);
        expect(parsed.ok && sameRequest(parsed.request, input)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses any one-byte change, or reads it as a different request in its canonical encoding', () => {
    fc.assert(
      fc.property(request, fc.nat(), fc.integer({ min: 1, max: 255 }), (input, position, delta) => {
        const body = formatAddCheckpointRequest(input);
        const mutated = body.slice();
        const at = position % mutated.length;
        mutated[at] = ((mutated[at] ?? 0) + delta) & 0xff;
        const parsed = parseAddCheckpointRequest(mutated);
        if (parsed.ok) {
          expect(sameRequest(parsed.request, input)).toBe(false);
          // One encoding per request: what parsed formats back to exactly the bytes read.
          if (parsed.request.oldSize <= parsed.request.checkpoint.size) {
            expect(toHex(formatAddCheckpointRequest(parsed.request))).toBe(toHex(mutated));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on garbage', () => {
    const headerish = fc
      .tuple(fc.constantFrom('old 0\n', 'old 12\n', 'old 1\n\n', ''), fc.string({ maxLength: 300 }))
      .map(([head, tail]) => head + tail);
    fc.assert(
      fc.property(
        fc.oneof(fc.uint8Array({ maxLength: 400 }), fc.string({ maxLength: 400 }), headerish),
        (x) => {
          const parsed = parseAddCheckpointRequest(x);
          expect(typeof parsed.ok).toBe('boolean');
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('tree size answer (409)', () => {
  it('round-trips sizes and refuses anything but one canonical decimal line', () => {
    for (const size of [0, 1, 20852014, Number.MAX_SAFE_INTEGER]) {
      expect(formatTreeSizeResponse(size)).toBe(`${size}\n`);
      const parsed = parseTreeSizeResponse(utf8Encode(formatTreeSizeResponse(size)));
      expect(parsed.ok && parsed.size).toBe(size);
    }
    for (const body of [
      '',
      '12',
      '012\n',
      '-1\n',
      '1 \n',
      '1\n\n',
      'x\n',
      '9223372036854775808\n',
      `${'1'.repeat(40)}\n`,
    ]) {
      expect(parseTreeSizeResponse(body).ok, JSON.stringify(body)).toBe(false);
    }
    expect(() => formatTreeSizeResponse(-1)).toThrow();
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.string({ maxLength: 64 })), (x) => {
        expect(typeof parseTreeSizeResponse(x).ok).toBe('boolean');
      }),
    );
  });
});

describe('cosignature answer (200)', () => {
  const note = noteAt(21);
  const text = textOf(note);
  const line1 = cosignCheckpoint(text, signer1, 1_767_225_600);
  const line2 = cosignCheckpoint(text, signer2, 1_767_225_601);
  const line3 = cosignCheckpoint(text, signer3, 1_767_225_602);

  it("keeps the trusted witnesses' cosignatures with their timestamps and ignores unknown keys", () => {
    const parsed = parseCosignatureResponse(formatCosignatureResponse([line1, line3, line2]), text, [
      verifier1,
      verifier2,
    ]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) {
      return;
    }
    expect(parsed.cosignatures.map((c) => [c.name, c.timestamp])).toEqual([
      ['witness1.example/w', 1_767_225_600],
      ['witness2.example/w', 1_767_225_601],
    ]);
    expect(`${parsed.cosignatures[0]?.line}\n`).toBe(line1);
    // The kept line verifies on its own and can be appended to the log's note.
    expect(verifyCosignature(parsed.cosignatures[0]?.line ?? '', text, verifier1).ok).toBe(true);
  });

  it('refuses a forged line by a trusted key, an answer with no trusted key, and malformed answers', () => {
    const other = cosignCheckpoint(textOf(noteAt(22)), signer1, 1_767_225_600);
    const cases: [string, string][] = [
      [other, 'invalid_signature'],
      [line3, 'no_trusted_cosignature'],
      ['', 'malformed'],
      [line1.slice(0, -1), 'malformed'],
      [`${line1}\n`, 'malformed'],
      [`${line1}${line1}`, 'malformed'],
      [line1.replace('\u2014', '-'), 'malformed'],
      [`${line1}`.repeat(101), 'malformed'],
      ['x'.repeat(70_000), 'too_large'],
    ];
    for (const [body, reason] of cases) {
      expect(
        reasonOf(parseCosignatureResponse(body, text, [verifier1])),
        JSON.stringify(body.slice(0, 30)),
      ).toBe(reason);
    }
    expect(reasonOf(parseCosignatureResponse(line1, 'not a checkpoint\n', [verifier1]))).toBe(
      'invalid_checkpoint',
    );
    const logKey = unwrap(parseSignerKey(generateSignerKey('w', new Uint8Array(32).fill(1)).signerKey));
    const notWitness = { ...verifier1, signatureType: 0x01, keyHash: logKey.keyHash };
    expect(reasonOf(parseCosignatureResponse(line1, text, [notWitness]))).toBe('wrong_key_type');
  });

  it('never throws on garbage', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 })), (x) => {
        expect(typeof parseCosignatureResponse(x, text, [verifier1]).ok).toBe('boolean');
      }),
    );
  });
});

describe('witness keys', () => {
  it('are signed-note private keys of type 0x04 whose key ID is the cosignature key ID', () => {
    const { signerKey, verifierKey } = generateWitnessKey(
      'customs.example/witness',
      new Uint8Array(32).fill(5),
    );
    expect(signerKey).toMatch(/^PRIVATE\+KEY\+customs\.example\/witness\+[0-9a-f]{8}\+BA/);
    // Same name and key ID in both texts.
    expect(signerKey.split('+').slice(2, 4)).toEqual(verifierKey.split('+').slice(0, 2));
    const signer = unwrap(parseWitnessSignerKey(signerKey));
    const verifier = unwrap(parseWitnessVerifierKey(verifierKey));
    expect(signer.keyHash).toBe(verifier.keyHash);
    const text = textOf(noteAt(3));
    expect(verifyCosignature(cosignCheckpoint(text, signer, 1), text, verifier).ok).toBe(true);
    expect(generateWitnessKey('customs.example/witness', new Uint8Array(32).fill(5)).signerKey).toBe(
      signerKey,
    );
    expect(generateWitnessKey('customs.example/witness').signerKey).not.toBe(signerKey);
  });

  it('keeps log keys and witness keys apart, and refuses damaged key texts', () => {
    const witness = generateWitnessKey('bank.example/witness', new Uint8Array(32).fill(6)).signerKey;
    const logKey = generateSignerKey('bank.example/witness', new Uint8Array(32).fill(6)).signerKey;
    expect(reasonOf(parseSignerKey(witness))).toBe('unsupported_key_type');
    expect(reasonOf(parseWitnessSignerKey(logKey))).toBe('unsupported_key_type');
    const [prefix, rest] = [witness.slice(0, 33), witness.slice(33)];
    const cases: [string, string][] = [
      [witness.slice('PRIVATE+KEY+'.length), 'malformed_key'],
      [witness.replace(/\+[0-9a-f]{8}\+/, '+0000000g+'), 'malformed_key'],
      [
        witness.replace(
          /\+([0-9a-f]{8})\+/,
          (_, h: string) => `+${h === '00000000' ? '00000001' : '00000000'}+`,
        ),
        'key_hash_mismatch',
      ],
      [`${prefix}${rest}=`, 'malformed_key'],
      [witness.replace('bank.example/witness', 'bank example'), 'invalid_key_name'],
      [witness.slice(0, -4), 'malformed_key'],
    ];
    for (const [text, reason] of cases) {
      expect(reasonOf(parseWitnessSignerKey(text)), text).toBe(reason);
    }
    expect(() => generateWitnessKey('two words')).toThrow(
      expect.objectContaining({ code: 'verifier.invalid_key_name' }),
    );
    expect(
      isAppError(
        thrownBy(() => generateWitnessKey('w', new Uint8Array(31))),
        'verifier.invalid_seed',
      ),
    ).toBe(true);
  });

  it('never throws on garbage key texts', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 120 }),
          fc.string().map((s) => `PRIVATE+KEY+${s}`),
        ),
        (text) => {
          expect(typeof parseWitnessSignerKey(text).ok).toBe('boolean');
        },
      ),
    );
  });
});

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}
