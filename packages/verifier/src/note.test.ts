import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { isAppError, utf8Encode } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NoteResult, NoteVerifier } from './note.ts';
import {
  computeKeyHash,
  formatKeyHash,
  formatVerifierKey,
  fromBase64,
  generateSignerKey,
  inspectNote,
  isValidKeyName,
  MAX_NOTE_BYTES,
  openNote,
  parseSignerKey,
  parseVerifierKey,
  signerFromEd25519Seed,
  signNote,
  toBase64,
} from './note.ts';

// Vectors from golang.org/x/mod/sumdb/note/note_test.go (TestNewVerifier, TestSign, TestOpen).
const PETER_VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const PETER_SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const ENOCH_VKEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

function verifierOf(text: string): NoteVerifier {
  const parsed = parseVerifierKey(text);
  if (!parsed.ok) {
    throw new Error(`bad test key: ${parsed.reason}`);
  }
  return parsed.key;
}

function signerOf(text: string) {
  const parsed = parseSignerKey(text);
  if (!parsed.ok) {
    throw new Error(`bad test key: ${parsed.reason}`);
  }
  return parsed.key;
}

function reasonOf(result: NoteResult): string {
  return result.ok ? 'ok' : result.reason;
}

const peter = verifierOf(PETER_VKEY);
const enoch = verifierOf(ENOCH_VKEY);

describe('standard base64', () => {
  it('round-trips any bytes and matches RFC 4648 vectors', () => {
    expect(['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => toBase64(utf8Encode(s)))).toEqual([
      '',
      'Zg==',
      'Zm8=',
      'Zm9v',
      'Zm9vYg==',
      'Zm9vYmE=',
      'Zm9vYmFy',
    ]);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), (bytes) => {
        expect(fromBase64(toBase64(bytes))).toEqual(bytes);
        expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
      }),
    );
  });

  it('refuses missing padding, other alphabets and non-zero leftover bits', () => {
    for (const bad of ['Zg', 'Zg=', 'Zh==', 'Zm9=', 'Z-8=', 'Zm_v', '====', 'Z===', 'Zm9v\n', ' Zm9v']) {
      expect(fromBase64(bad)).toBeUndefined();
    }
  });
});

describe('keys', () => {
  it('parses the Go vector verifier and signer keys, which agree', () => {
    const signer = signerOf(PETER_SKEY);
    expect(peter.name).toBe('PeterNeumann');
    expect(formatKeyHash(peter.keyHash)).toBe('c74f20a3');
    expect(signer.keyHash).toBe(peter.keyHash);
    expect(signer.publicKey).toEqual(peter.publicKey);
    expect(formatVerifierKey('PeterNeumann', peter.publicKey)).toBe(PETER_VKEY);
    expect(computeKeyHash('PeterNeumann', 0x01, peter.publicKey)).toBe(0xc74f20a3);
  });

  it('refuses every substring and every one-byte change of the vector keys (as Go does)', () => {
    for (const [key, parse] of [
      [PETER_VKEY, parseVerifierKey],
      [PETER_SKEY, parseSignerKey],
    ] as const) {
      for (let i = 0; i <= key.length; i++) {
        for (let j = i + 1; j <= key.length; j++) {
          if (i !== 0 || j !== key.length) {
            expect(parse(key.slice(i, j)).ok).toBe(false);
          }
        }
      }
      for (let i = 0; i < key.length; i++) {
        const changed = key.slice(0, i) + String.fromCharCode(key.charCodeAt(i) + 1) + key.slice(i + 1);
        expect(parse(changed).ok, changed).toBe(false);
      }
    }
  });

  it('gives specific reasons', () => {
    const reason = (text: string) => {
      const parsed = parseVerifierKey(text);
      return parsed.ok ? 'ok' : parsed.reason;
    };
    // Go's wrong-length and unknown-algorithm vectors, each with an adjusted key hash. The first
    // ends in non-zero leftover bits ("EY=="), which Go's lenient base64 accepts and ours refuses.
    expect(reason('PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==')).toBe(
      'malformed_key',
    );
    expect(reason('PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'unsupported_key_type',
    );
    expect(reason('PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'key_hash_mismatch',
    );
    expect(reason('PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'malformed_key',
    );
    expect(reason('Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW')).toBe(
      'invalid_key_name',
    );
  });

  it('validates key names like Go', () => {
    expect(['example.com/log', 'Ünïcødé', 'a'].every(isValidKeyName)).toBe(true);
    for (const bad of ['', 'a+b', 'a b', 'a\tb', 'a\u00a0b', 'a\u2003b', 'a\u3000b', 'a\u0001b', '\ud800']) {
      expect(isValidKeyName(bad)).toBe(false);
    }
  });

  it('generates self-consistent keys, deterministically from a seed', () => {
    const seed = new Uint8Array(32).fill(7);
    const first = generateSignerKey('example.com/log', seed);
    expect(generateSignerKey('example.com/log', seed)).toEqual(first);
    const signer = signerOf(first.signerKey);
    const verifier = verifierOf(first.verifierKey);
    expect(signer.keyHash).toBe(verifier.keyHash);
    expect(openNote(signNote('hi\n', [signer]), [verifier]).ok).toBe(true);
    const random = generateSignerKey('example.com/log');
    expect(random.signerKey).not.toBe(first.signerKey);
    expect(() => generateSignerKey('bad name')).toThrow();
    expect(() => generateSignerKey('ok', new Uint8Array(31))).toThrow();
  });

  it('agrees with Node Ed25519 on signatures', () => {
    const signer = signerFromEd25519Seed('x', new Uint8Array(32).fill(1));
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), signer.publicKey]);
    const nodeKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (message) => {
        expect(nodeVerify(null, message, nodeKey, signer.sign(message))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

describe('signNote', () => {
  it('reproduces the Go vector byte for byte', () => {
    expect(signNote(TEXT, [signerOf(PETER_SKEY)])).toBe(`${TEXT}\n${PETER_SIG}`);
  });

  it('refuses bad texts and signer lists', () => {
    const signer = signerOf(PETER_SKEY);
    const thrown = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return isAppError(error) ? error.code : 'other';
      }
      return 'none';
    };
    expect(thrown(() => signNote('abc', [signer]))).toBe('verifier.invalid_note_text');
    expect(thrown(() => signNote('a\u0001b\n', [signer]))).toBe('verifier.invalid_note_text');
    expect(thrown(() => signNote('a\rb\n', [signer]))).toBe('verifier.invalid_note_text');
    expect(thrown(() => signNote(TEXT, []))).toBe('verifier.invalid_signers');
    expect(thrown(() => signNote(TEXT, [signer, signer]))).toBe('verifier.invalid_signers');
    expect(thrown(() => signNote(`${'x'.repeat(MAX_NOTE_BYTES)}\n`, [signer]))).toBe(
      'verifier.note_too_large',
    );
  });

  it('keeps blank lines inside the text apart from the signatures', () => {
    const signer = signerOf(PETER_SKEY);
    for (const text of ['\n', 'a\n\nb\n', 'a\n\n', '\n\n\n']) {
      const opened = openNote(signNote(text, [signer]), [peter]);
      expect(opened.ok && opened.text).toBe(text);
    }
  });
});

describe('openNote', () => {
  const both = `${TEXT}\n${PETER_SIG}${ENOCH_SIG}`;

  it('verifies known keys and lists unknown ones (Go TestOpen)', () => {
    const one = openNote(both, [peter]);
    expect(one.ok).toBe(true);
    if (one.ok) {
      expect(one.text).toBe(TEXT);
      expect(one.verified.map((s) => [s.name, formatKeyHash(s.keyHash)])).toEqual([
        ['PeterNeumann', 'c74f20a3'],
      ]);
      expect(one.unverified.map((s) => [s.name, formatKeyHash(s.keyHash)])).toEqual([
        ['EnochRoot', 'af0cfe78'],
      ]);
    }
    const two = openNote(utf8Encode(both), [peter, enoch]);
    expect(two.ok && two.verified.map((s) => s.name)).toEqual(['PeterNeumann', 'EnochRoot']);
    expect(reasonOf(openNote(both, []))).toBe('no_verified_signature');
    const inspected = inspectNote(both, []);
    expect(inspected.ok && inspected.unverified.length).toBe(2);
  });

  it('refuses an invalid signature by a known key', () => {
    const bad = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`;
    const result = openNote(bad, [peter]);
    expect(result).toMatchObject({ ok: false, reason: 'invalid_signature', keyName: 'PeterNeumann' });
  });

  it('ignores a key that matches by name or hash but not both', () => {
    const renamed = PETER_SIG.replace('PeterNeumann', 'CarmenSandiego');
    expect(reasonOf(openNote(`${TEXT}\n${renamed}`, [peter]))).toBe('no_verified_signature');
    const rehashed = PETER_SIG.replace('x08g', 'xxxx');
    expect(reasonOf(openNote(`${TEXT}\n${rehashed}`, [peter]))).toBe('no_verified_signature');
  });

  it('refuses duplicate signatures by a known key but folds repeated unknown ones', () => {
    expect(reasonOf(openNote(`${TEXT}\n${PETER_SIG}${PETER_SIG}`, [peter]))).toBe('duplicate_signature');
    const folded = openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}`, [peter]);
    expect(folded.ok && folded.unverified.length).toBe(1);
  });

  it('refuses ambiguous trusted keys only when used', () => {
    const fake = { ...enoch, publicKey: peter.publicKey };
    expect(reasonOf(openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, peter, fake]))).toBe('ambiguous_key');
    expect(reasonOf(openNote(`${TEXT}\n${PETER_SIG}`, [enoch, peter, fake]))).toBe('ok');
    expect(reasonOf(openNote(`${TEXT}\n${ENOCH_SIG}`, [enoch, enoch]))).toBe('ok');
  });

  it('caps signatures and size', () => {
    expect(reasonOf(openNote(`${TEXT}\n${ENOCH_SIG.repeat(101)}`, [peter]))).toBe('too_many_signatures');
    expect(reasonOf(openNote(`${TEXT}\n${PETER_SIG}${ENOCH_SIG.repeat(99)}`, [peter]))).toBe('ok');
    const huge = `${'x\n'.repeat(MAX_NOTE_BYTES / 2)}\n${PETER_SIG}`;
    expect(reasonOf(openNote(huge, [peter]))).toBe('too_large');
  });

  it('refuses malformed notes (Go bad messages and more)', () => {
    const cases: Array<[string | Uint8Array, string]> = [
      [TEXT, 'malformed'],
      [`${TEXT}\n`, 'no_signatures'],
      [`${TEXT}\n${PETER_SIG.slice(0, -1)}`, 'malformed'],
      [`\u0001${TEXT}\n${PETER_SIG}`, 'malformed'],
      [new Uint8Array([0xff, ...utf8Encode(`${TEXT}\n${PETER_SIG}`)]), 'malformed'],
      [
        `${TEXT}\n— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=`,
        'malformed',
      ],
      [`${TEXT}\n${PETER_SIG}Unexpected line.\n`, 'malformed'],
      [`${TEXT}\n${PETER_SIG.replace('— ', '-- ')}`, 'malformed'],
      [`${TEXT}\n${PETER_SIG.replace('— ', '—')}`, 'malformed'],
      [`${TEXT}\n${PETER_SIG.replace('AM=', 'AN=')}`, 'malformed'],
      [`${TEXT}\n${PETER_SIG.replace('\n', '\r\n')}`, 'malformed'],
      [`${TEXT}\n— PeterNeumann AAAAAA==\n`, 'malformed'],
      ['', 'malformed'],
    ];
    for (const [note, reason] of cases) {
      expect(reasonOf(openNote(note, [peter]))).toBe(reason);
    }
  });

  it('fails or loses the signature when any single byte changes', () => {
    const bytes = utf8Encode(`${TEXT}\n${PETER_SIG}`);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: bytes.length - 1 }),
        fc.integer({ min: 1, max: 255 }),
        (at, delta) => {
          const changed = bytes.slice();
          changed[at] = ((changed[at] as number) + delta) & 0xff;
          expect(openNote(changed, [peter]).ok).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary input', () => {
    const signed = utf8Encode(`${TEXT}\n${PETER_SIG}`);
    const arbitrary = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.string({ unit: 'binary', maxLength: 200 }).map(utf8Encode),
      fc
        .array(fc.constantFrom('\n', '— ', 'PeterNeumann ', 'x08go/ZJkuBS9UG/', '=', 'a', '+', ' '))
        .map((parts) => utf8Encode(parts.join(''))),
      fc
        .tuple(fc.integer({ min: 0, max: signed.length }), fc.uint8Array({ maxLength: 8 }))
        .map(([at, insert]) => new Uint8Array([...signed.slice(0, at), ...insert, ...signed.slice(at)])),
    );
    fc.assert(
      fc.property(arbitrary, (bytes) => {
        const result = openNote(bytes, [peter, enoch]);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });
});
