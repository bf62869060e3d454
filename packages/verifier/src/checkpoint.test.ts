import { isAppError, sha256, toHex, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OpenCheckpointResult } from './checkpoint.ts';
import {
  formatCheckpoint,
  MAX_SUPPORTED_TREE_SIZE,
  MAX_TREE_SIZE,
  openCheckpoint,
  parseCheckpoint,
} from './checkpoint.ts';
import { cosignCheckpoint, formatWitnessVerifierKey, parseWitnessVerifierKey } from './cosignature.ts';
import type { NoteVerifier } from './note.ts';
import {
  generateSignerKey,
  parseSignerKey,
  parseVerifierKey,
  signerFromEd25519Seed,
  signNote,
} from './note.ts';

// golang.org/x/mod/sumdb/tlog/note_test.go: TestFormatTree / TestParseTree, where the hash is
// RecordHash("hello world") = SHA-256(0x00 || "hello world").
const GO_TREE = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n';
const helloWorldLeaf = sha256(new Uint8Array([0, ...utf8Encode('hello world')]));
// c2sp.org/tlog-checkpoint example body.
const SPEC_BODY = 'example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n';

const ORIGIN = 'trade.example/log/v1';
const logKeys = generateSignerKey(ORIGIN, new Uint8Array(32).fill(3));
const logSigner = unwrap(parseSignerKey(logKeys.signerKey));
const logVerifier = unwrap(parseVerifierKey(logKeys.verifierKey));

function unwrap<T>(result: { ok: true; key: T } | { ok: false; reason: string }): T {
  if (!result.ok) {
    throw new Error(result.reason);
  }
  return result.key;
}

function reasonOf(result: OpenCheckpointResult | ReturnType<typeof parseCheckpoint>): string {
  return result.ok ? 'ok' : result.reason;
}

const root = sha256(utf8Encode('root'));

describe('formatCheckpoint / parseCheckpoint', () => {
  it('matches the Go sumdb tree vector', () => {
    expect(
      formatCheckpoint({ origin: 'go.sum database tree', size: 123456789012, rootHash: helloWorldLeaf }),
    ).toBe(GO_TREE);
    const parsed = parseCheckpoint(GO_TREE);
    expect(parsed.ok && parsed.checkpoint.size).toBe(123456789012);
    expect(parsed.ok && toHex(parsed.checkpoint.rootHash)).toBe(toHex(helloWorldLeaf));
    expect(parsed.ok && parsed.checkpoint.extensions).toEqual([]);
  });

  it('parses the spec example and keeps extension lines', () => {
    const parsed = parseCheckpoint(`${SPEC_BODY}ext one\next two\n`);
    expect(parsed.ok && parsed.checkpoint.origin).toBe('example.com/behind-the-sofa');
    expect(parsed.ok && parsed.checkpoint.size).toBe(20852163);
    expect(parsed.ok && parsed.checkpoint.extensions).toEqual(['ext one', 'ext two']);
  });

  it('refuses bad checkpoints with a reason', () => {
    const cases: Array<[string, string]> = [
      ['go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      [
        'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
        'invalid_root_hash',
      ],
      // Go's ParseTree ignores trailing junk; a checkpoint's extra lines must be whole, non-empty lines.
      [`${GO_TREE}JOE`, 'malformed'],
      [`${GO_TREE}\n`, 'empty_extension'],
      [GO_TREE.slice(0, -1), 'malformed'],
      ['a\n1\n', 'too_few_lines'],
      [`\n1\n${GO_TREE.split('\n')[2]}\n`, 'empty_origin'],
      ['o\n01\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      ['o\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      ['o\n+1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      ['o\n 1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      ['o\n9223372036854775808\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_size'],
      ['o\n1\nAAAA\n', 'invalid_root_hash'],
      ['o\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb1=\n', 'invalid_root_hash'],
      ['o\n1\nTszzRgjTG6xce-z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'invalid_root_hash'],
      ['o\r\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n', 'malformed'],
    ];
    for (const [text, reason] of cases) {
      expect(reasonOf(parseCheckpoint(text)), JSON.stringify(text)).toBe(reason);
    }
    const hash = 'TszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=';
    expect(reasonOf(parseCheckpoint(`o\n${MAX_TREE_SIZE}\n${hash}\n`))).toBe('unsupported_size');
    expect(reasonOf(parseCheckpoint(`o\n${MAX_SUPPORTED_TREE_SIZE + 1}\n${hash}\n`))).toBe(
      'unsupported_size',
    );
    const max = parseCheckpoint(`o\n${MAX_SUPPORTED_TREE_SIZE}\n${hash}\n`);
    expect(max.ok && max.checkpoint.size).toBe(MAX_SUPPORTED_TREE_SIZE);
    expect(reasonOf(parseCheckpoint('o\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\n'))).toBe('ok');
  });

  it('refuses to format invalid fields', () => {
    const bad = [
      { origin: '', size: 1, rootHash: root },
      { origin: 'a\nb', size: 1, rootHash: root },
      { origin: 'o', size: -1, rootHash: root },
      { origin: 'o', size: 1.5, rootHash: root },
      { origin: 'o', size: MAX_SUPPORTED_TREE_SIZE + 1, rootHash: root },
      { origin: 'o', size: 1, rootHash: root.subarray(1) },
      { origin: 'o', size: 1, rootHash: root, extensions: [''] },
      { origin: 'o', size: 1, rootHash: root, extensions: ['a\nb'] },
    ];
    for (const input of bad) {
      expect(() => formatCheckpoint(input)).toThrow(
        expect.objectContaining({ code: 'verifier.invalid_checkpoint' }),
      );
    }
    try {
      formatCheckpoint(bad[0] as (typeof bad)[0]);
    } catch (error) {
      expect(isAppError(error, 'verifier.invalid_checkpoint')).toBe(true);
    }
  });

  const line = fc
    .string({ minLength: 1, maxLength: 20 })
    .filter((s) => ![...s].some((c) => (c.codePointAt(0) ?? 0) < 0x20) && !/[\ud800-\udfff]/.test(s));
  const checkpoint = fc.record({
    origin: line,
    size: fc.integer({ min: 0, max: MAX_SUPPORTED_TREE_SIZE }),
    rootHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
    extensions: fc.array(line, { maxLength: 3 }),
  });

  it('round-trips format then parse', () => {
    fc.assert(
      fc.property(checkpoint, (input) => {
        const parsed = parseCheckpoint(formatCheckpoint(input));
        expect(parsed).toEqual({ ok: true, checkpoint: input });
      }),
    );
  });
});

describe('openCheckpoint', () => {
  const body = formatCheckpoint({ origin: ORIGIN, size: 42, rootHash: root });
  const note = signNote(body, [logSigner]);

  it('opens a checkpoint signed by the log', () => {
    const opened = openCheckpoint(note, logVerifier);
    expect(opened.ok && opened.checkpoint.size).toBe(42);
    expect(opened.ok && opened.text).toBe(body);
  });

  it('requires the log signature, the origin as key name and a valid body', () => {
    const other = signerFromEd25519Seed(ORIGIN, new Uint8Array(32).fill(9));
    expect(reasonOf(openCheckpoint(signNote(body, [other]), logVerifier))).toBe('missing_log_signature');
    const otherName = unwrap(
      parseSignerKey(generateSignerKey('other.example/log', new Uint8Array(32)).signerKey),
    );
    const otherVerifier = unwrap(
      parseVerifierKey(generateSignerKey('other.example/log', new Uint8Array(32)).verifierKey),
    );
    expect(reasonOf(openCheckpoint(signNote(body, [otherName]), otherVerifier))).toBe('origin_mismatch');
    expect(reasonOf(openCheckpoint(signNote('not a checkpoint\n', [logSigner]), logVerifier))).toBe(
      'too_few_lines',
    );
    // Both signed: the other log's signature is simply unverified.
    const opened = openCheckpoint(signNote(body, [logSigner, otherName]), logVerifier);
    expect(opened.ok && opened.unverified.map((s) => s.name)).toEqual(['other.example/log']);
  });

  it('refuses a witness key as the log key, and a bad witness cosignature', () => {
    const witness = signerFromEd25519Seed('witness.example/w1', new Uint8Array(32).fill(5));
    const witnessVerifier = unwrap(
      parseWitnessVerifierKey(formatWitnessVerifierKey(witness.name, witness.publicKey)),
    );
    expect(reasonOf(openCheckpoint(note, witnessVerifier))).toBe('wrong_key_type');
    const cosigned = note + cosignCheckpoint(body, witness, 1_700_000_000);
    expect(reasonOf(openCheckpoint(cosigned, logVerifier, [witnessVerifier]))).toBe('ok');
    const tampered = cosigned.replace(/.{6}\n$/, 'AAAAA=\n');
    expect(reasonOf(openCheckpoint(tampered, logVerifier, [witnessVerifier]))).toBe('invalid_signature');
    expect(reasonOf(openCheckpoint(tampered, logVerifier))).toBe('ok');
  });

  it('catches any single byte change', () => {
    const bytes = utf8Encode(note);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, delta) => {
          const changed = bytes.slice();
          changed[at] = ((changed[at] as number) + delta) & 0xff;
          expect(openCheckpoint(changed, logVerifier).ok).toBe(false);
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('never throws on arbitrary input', () => {
    const verifiers: NoteVerifier[] = [];
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof openCheckpoint(bytes, logVerifier, verifiers).ok).toBe('boolean');
      }),
    );
  });
});
