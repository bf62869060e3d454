import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
} from 'node:crypto';
import type { JsonValue } from '@tradehub/kernel';
import { AppError, fromHex, toHex } from '@tradehub/kernel';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JsonObject, SecuredDocument } from './data-integrity.ts';
import {
  createEddsaJcs2022Proof,
  isXsdDateTime,
  MAX_CANONICAL_BYTES,
  proofHashData,
  verifyEddsaJcs2022Proof,
} from './data-integrity.ts';
import {
  decodeEd25519Multikey,
  decodeMultibaseBase58Btc,
  encodeEd25519DidKeyVerificationMethod,
} from './multibase.ts';
import vectors from './testdata/eddsa-jcs-2022-w3c.json' with { type: 'json' };

function unwrap(result: ReturnType<typeof decodeMultibaseBase58Btc>): Uint8Array {
  if (!result.ok) {
    throw new Error(`test vector does not decode: ${result.reason}`);
  }
  return result.value;
}

// The secret key multibase carries the 2-byte ed25519-priv multicodec header (0x8026) before the seed.
const SEED = unwrap(decodeMultibaseBase58Btc(vectors.keyPair.secretKeyMultibase)).subarray(2);
const PUBLIC_KEY = unwrap(decodeEd25519Multikey(vectors.keyPair.publicKeyMultibase));
const OTHER_SEED = new Uint8Array(32).fill(7);
const VERIFICATION_METHOD = vectors.proofOptions.verificationMethod;
const CREATED = vectors.proofOptions.created;

const unsecured = (): JsonObject => structuredClone(vectors.unsecuredDocument);
const secured = (): JsonObject => structuredClone(vectors.securedDocument);

function sign(document: JsonObject, seed: Uint8Array = SEED): SecuredDocument {
  return createEddsaJcs2022Proof({
    document,
    privateKey: seed,
    verificationMethod: VERIFICATION_METHOD,
    created: CREATED,
  });
}

function thrownAppError(run: () => unknown, code: string): AppError {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === code) {
      return error;
    }
    throw new Error(`expected AppError ${code}, got ${String(error)}`, { cause: error });
  }
  throw new Error(`expected AppError ${code}, nothing was thrown`);
}

// node:crypto as an independent Ed25519 and SHA-256: raw keys wrapped in their RFC 8410 DER headers.
const nodePublicKey = (raw: Uint8Array) =>
  createPublicKey({
    key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]),
    format: 'der',
    type: 'spki',
  });
const nodePrivateKey = (seed: Uint8Array) =>
  createPrivateKey({
    key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
    format: 'der',
    type: 'pkcs8',
  });
const nodeSha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The raw public key of a seed, derived by node:crypto rather than by the code under test. */
function nodePublicKeyRaw(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(nodePrivateKey(seed)).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - 32));
}

describe('eddsa-jcs-2022 W3C test vectors (vc-di-eddsa v1.0 Appendix B.3)', () => {
  it('reproduces the canonical forms, hashes and hash data', () => {
    const data = proofHashData(vectors.unsecuredDocument, vectors.proofOptions);
    expect(data.canonicalDocument).toBe(vectors.canonicalDocument);
    expect(data.canonicalProofConfig).toBe(vectors.canonicalProofConfig);
    expect(toHex(data.documentHash)).toBe(vectors.documentHashHex);
    expect(toHex(data.proofConfigHash)).toBe(vectors.proofConfigHashHex);
    expect(toHex(data.hashData)).toBe(vectors.hashDataHex);
    expect(nodeSha256Hex(data.canonicalDocument)).toBe(vectors.documentHashHex);
    expect(nodeSha256Hex(data.canonicalProofConfig)).toBe(vectors.proofConfigHashHex);
  });

  it('reproduces the signature, the proofValue and the whole signed credential', () => {
    const signedDocument = sign(unsecured());
    expect(signedDocument).toEqual(vectors.securedDocument);
    expect(signedDocument.proof.proofValue).toBe(vectors.proofValue);
    expect(toHex(unwrap(decodeMultibaseBase58Btc(signedDocument.proof.proofValue)))).toBe(
      vectors.signatureHex,
    );
    // The same key order as the spec's example, so a JSON dump reads like Example 39.
    expect(JSON.stringify(signedDocument)).toBe(JSON.stringify(vectors.securedDocument));
  });

  it('agrees with node:crypto Ed25519 on the signature', () => {
    const hashData = fromHex(vectors.hashDataHex);
    expect(nodeSign(null, hashData, nodePrivateKey(SEED)).toString('hex')).toBe(vectors.signatureHex);
    expect(nodeVerify(null, hashData, nodePublicKey(PUBLIC_KEY), fromHex(vectors.signatureHex))).toBe(true);
  });

  it('verifies the signed credential of the Recommendation', () => {
    expect(verifyEddsaJcs2022Proof(secured(), PUBLIC_KEY)).toEqual({ ok: true });
    expect(
      verifyEddsaJcs2022Proof(secured(), PUBLIC_KEY, { expectedProofPurpose: 'assertionMethod' }),
    ).toEqual({
      ok: true,
    });
  });

  it('verifies the repository signedJCS.json vector (https verification method) and reproduces it', () => {
    const { document, signatureHex } = vectors.repositorySecuredDocument;
    expect(verifyEddsaJcs2022Proof(document, PUBLIC_KEY)).toEqual({ ok: true });
    expect(toHex(unwrap(decodeMultibaseBase58Btc(document.proof.proofValue)))).toBe(signatureHex);
    const again = createEddsaJcs2022Proof({
      document: unsecured(),
      privateKey: SEED,
      verificationMethod: document.proof.verificationMethod,
      created: document.proof.created,
    });
    expect(again).toEqual(document);
  });
});

describe('createEddsaJcs2022Proof', () => {
  it('is deterministic: the same input gives the same proofValue', () => {
    const document = { ...unsecured(), extra: 'ünïcödé 中国 😀' };
    expect(sign(document).proof.proofValue).toBe(sign(structuredClone(document)).proof.proofValue);
    expect(sign(document, OTHER_SEED).proof.proofValue).not.toBe(sign(document).proof.proofValue);
  });

  it('defaults created to now (seconds, UTC) and proofPurpose to assertionMethod', () => {
    const before = Date.now();
    const { proof } = createEddsaJcs2022Proof({
      document: unsecured(),
      privateKey: SEED,
      verificationMethod: VERIFICATION_METHOD,
    });
    expect(proof.created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Date.parse(proof.created)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
    expect(proof.proofPurpose).toBe('assertionMethod');
  });

  it('omits the proof @context when the document has none, and copies it without aliasing', () => {
    const plain = sign({ hello: 'world' });
    expect(plain.proof).not.toHaveProperty('@context');
    expect(verifyEddsaJcs2022Proof(plain, PUBLIC_KEY)).toEqual({ ok: true });
    const document = unsecured();
    const signedDocument = sign(document);
    expect(signedDocument.proof['@context']).toEqual(document['@context']);
    expect(signedDocument.proof['@context']).not.toBe(document['@context']);
    expect(document).not.toHaveProperty('proof');
  });

  it('signs with any proof purpose and a did:key verification method', () => {
    const signedDocument = createEddsaJcs2022Proof({
      document: unsecured(),
      privateKey: OTHER_SEED,
      verificationMethod: encodeEd25519DidKeyVerificationMethod(nodePublicKeyRaw(OTHER_SEED)),
      proofPurpose: 'authentication',
      created: '2024-02-29T12:00:00.5+08:00',
    });
    expect(signedDocument.proof.proofPurpose).toBe('authentication');
    expect(verifyEddsaJcs2022Proof(signedDocument, nodePublicKeyRaw(OTHER_SEED))).toEqual({ ok: true });
    expect(
      verifyEddsaJcs2022Proof(signedDocument, nodePublicKeyRaw(OTHER_SEED), {
        expectedProofPurpose: 'assertionMethod',
      }),
    ).toEqual({ ok: false, reason: 'wrong_proof_purpose' });
  });

  it('rejects a document that already has a proof, even an undefined one', () => {
    thrownAppError(() => sign(secured()), 'verifier.already_has_proof');
    thrownAppError(() => sign({ proof: undefined } as unknown as JsonObject), 'verifier.already_has_proof');
  });

  it.each([
    ['undefined', { a: undefined }],
    ['NaN', { a: Number.NaN }],
    ['Infinity', { a: [Number.POSITIVE_INFINITY] }],
    ['a bigint', { a: 1n }],
    ['a Date', { a: new Date(0) }],
    ['a Map', { a: new Map() }],
    ['a lone surrogate', { a: '\ud800' }],
  ])('rejects a document containing %s as not canonicalizable', (_, document) => {
    const error = thrownAppError(
      () => sign(document as unknown as JsonObject),
      'verifier.not_canonicalizable',
    );
    expect(error.cause).toBeInstanceOf(AppError);
  });

  it('rejects a circular or absurdly deep document as not canonicalizable', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    thrownAppError(() => sign(circular as JsonObject), 'verifier.not_canonicalizable');
    let deep: JsonValue = 0;
    for (let i = 0; i < 100_000; i++) {
      deep = [deep];
    }
    thrownAppError(() => sign({ deep }), 'verifier.not_canonicalizable');
  });

  it('rejects documents over MAX_CANONICAL_BYTES, counting UTF-8 bytes', () => {
    // Each 中 is one UTF-16 unit but three UTF-8 bytes.
    const document = { text: '中'.repeat(Math.ceil(MAX_CANONICAL_BYTES / 3)) };
    thrownAppError(() => sign(document), 'verifier.document_too_large');
  });

  it.each([
    ['a non-object document', { document: [] }, 'verifier.invalid_document'],
    ['a 64-byte private key', { privateKey: new Uint8Array(64) }, 'verifier.invalid_private_key'],
    ['a hex private key', { privateKey: toHex(SEED) }, 'verifier.invalid_private_key'],
    ['an empty verification method', { verificationMethod: '' }, 'verifier.invalid_proof_options'],
    ['an empty proof purpose', { proofPurpose: '' }, 'verifier.invalid_proof_options'],
    ['a date without time', { created: '2023-02-24' }, 'verifier.invalid_created'],
    ['an impossible date', { created: '2023-02-29T00:00:00Z' }, 'verifier.invalid_created'],
  ])('rejects %s', (_, override, code) => {
    const input = {
      document: unsecured(),
      privateKey: SEED,
      verificationMethod: VERIFICATION_METHOD,
      ...override,
    };
    thrownAppError(
      () => createEddsaJcs2022Proof(input as Parameters<typeof createEddsaJcs2022Proof>[0]),
      code,
    );
  });
});

describe('isXsdDateTime', () => {
  it.each([
    '2023-02-24T23:36:38Z',
    '2023-02-24T23:36:38',
    '2023-02-24T23:36:38.123456+05:30',
    '2024-02-29T00:00:00Z',
    '2000-02-29T24:00:00Z',
    '-0044-03-15T12:00:00Z',
    '12023-01-01T00:00:00-14:00',
    // XSD 1.1 (unlike 1.0) has a year zero.
    '0000-01-01T00:00:00Z',
  ])('accepts %s', (value) => {
    expect(isXsdDateTime(value)).toBe(true);
  });

  it.each([
    '2023-02-24',
    '2023-02-24 23:36:38Z',
    '2023-02-29T00:00:00Z',
    '1900-02-29T00:00:00Z',
    '2023-04-31T00:00:00Z',
    '2023-13-01T00:00:00Z',
    '2023-02-24T24:00:01Z',
    '2023-02-24T23:36:38+15:00',
    '2023-02-24T23:36:38z',
    '02023-01-01T00:00:00Z',
    '',
  ])('rejects %j', (value) => {
    expect(isXsdDateTime(value)).toBe(false);
  });
});

describe('verifyEddsaJcs2022Proof failures', () => {
  const withProof = (patch: Record<string, unknown>): unknown => {
    const document = secured();
    return { ...document, proof: { ...(document.proof as JsonObject), ...patch } };
  };
  const reason = (document: unknown, key: Uint8Array = PUBLIC_KEY) => {
    const result = verifyEddsaJcs2022Proof(document, key);
    return result.ok ? 'ok' : result.reason;
  };
  const { proof: _, ...withoutProof } = vectors.securedDocument;

  it.each([
    ['a document without proof', withoutProof, 'no_proof'],
    ['a proof set', { ...withoutProof, proof: [vectors.securedDocument.proof] }, 'proof_set_unsupported'],
    ['a string proof', { ...withoutProof, proof: 'z123' }, 'malformed_proof'],
    ['a null proof', { ...withoutProof, proof: null }, 'malformed_proof'],
    ['another proof type', withProof({ type: 'Ed25519Signature2020' }), 'wrong_type'],
    ['another cryptosuite', withProof({ cryptosuite: 'eddsa-rdfc-2022' }), 'wrong_cryptosuite'],
    ['a missing verification method', withProof({ verificationMethod: undefined }), 'malformed_proof'],
    ['a numeric proof purpose', withProof({ proofPurpose: 1 }), 'malformed_proof'],
    ['a created that is not a dateTime', withProof({ created: 'yesterday' }), 'malformed_proof'],
    ['a missing proofValue', withProof({ proofValue: undefined }), 'malformed_proof_value'],
    ['a base64 proofValue', withProof({ proofValue: `u${'A'.repeat(86)}` }), 'malformed_proof_value'],
    [
      'a short proofValue',
      withProof({ proofValue: vectors.proofValue.slice(0, 40) }),
      'malformed_proof_value',
    ],
    [
      'a proofValue with 0',
      withProof({ proofValue: `${vectors.proofValue.slice(0, -1)}0` }),
      'malformed_proof_value',
    ],
    [
      'another proof @context',
      withProof({ '@context': ['https://www.w3.org/ns/credentials/v2'] }),
      'bad_signature',
    ],
    [
      'a proof @context the document lacks',
      withProof({ '@context': ['https://x.example'] }),
      'context_mismatch',
    ],
    ['a proof @context but no document one', { ...secured(), '@context': undefined }, 'context_mismatch'],
    ['an added proof member', withProof({ domain: 'example.com' }), 'bad_signature'],
    ['a changed created', withProof({ created: '2023-02-24T23:36:39Z' }), 'bad_signature'],
    [
      'a changed subject',
      { ...secured(), credentialSubject: { id: 'did:example:abcdefgh' } },
      'bad_signature',
    ],
    ['an added member', { ...secured(), validUntil: '2030-01-01T00:00:00Z' }, 'bad_signature'],
    ['a non-JSON member', { ...secured(), when: new Date(0) }, 'not_canonicalizable'],
    ['an array', [vectors.securedDocument], 'not_an_object'],
    ['null', null, 'not_an_object'],
    ['a JSON string', JSON.stringify(vectors.securedDocument), 'not_an_object'],
    ['a class instance', new (class Credential {})(), 'not_an_object'],
  ])('%s', (_, document, expected) => {
    expect(reason(document)).toBe(expected);
  });

  it('fails for another public key, a malformed key and a small-order key', () => {
    expect(reason(secured(), nodePublicKeyRaw(OTHER_SEED))).toBe('bad_signature');
    expect(reason(secured(), PUBLIC_KEY.subarray(1))).toBe('invalid_public_key');
    expect(reason(secured(), 'z6Mk' as unknown as Uint8Array)).toBe('invalid_public_key');
    // The identity point: strict verification rejects small-order keys outright.
    expect(reason(secured(), fromHex(`01${'00'.repeat(31)}`))).toBe('bad_signature');
  });

  it('keeps the spec rule that contexts appended after the signed prefix are not signed', () => {
    const document = secured();
    const contexts = document['@context'] as string[];
    expect(reason({ ...document, '@context': [...contexts, 'https://later.example/v1'] })).toBe('ok');
    expect(reason({ ...document, '@context': [contexts[1], contexts[0]] })).toBe('context_mismatch');
    expect(reason({ ...document, '@context': contexts[0] })).toBe('context_mismatch');
  });

  it('accepts a string proof @context that prefixes the document contexts', () => {
    const document = { ...unsecured(), '@context': 'https://www.w3.org/ns/credentials/v2' };
    const signedDocument = sign(document);
    expect(reason(signedDocument)).toBe('ok');
    expect(
      reason({
        ...signedDocument,
        '@context': ['https://www.w3.org/ns/credentials/v2', 'https://x.example'],
      }),
    ).toBe('ok');
  });

  it('fails documents over the canonical size bound without hashing them', () => {
    expect(verifyEddsaJcs2022Proof(secured(), PUBLIC_KEY, { maxCanonicalBytes: 300 })).toEqual({
      ok: false,
      reason: 'too_large',
    });
    const huge = { ...secured(), padding: 'x'.repeat(MAX_CANONICAL_BYTES) };
    expect(reason(huge)).toBe('too_large');
  });

  it('reports hostile objects (throwing getters, proxies) as unreadable instead of throwing', () => {
    const getter = Object.defineProperty({ ...secured() }, 'name', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    expect(reason(getter)).toBe('unreadable_input');
    const proxy = new Proxy(secured(), {
      ownKeys() {
        throw new Error('boom');
      },
    });
    expect(reason(proxy)).toBe('unreadable_input');
  });
});

// ---- properties ----

type Path = (string | number)[];

function leafPaths(value: unknown, path: Path = []): Path[] {
  if (Array.isArray(value)) {
    return value.length === 0 ? [path] : value.flatMap((item, i) => leafPaths(item, [...path, i]));
  }
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value);
    return entries.length === 0 ? [path] : entries.flatMap(([key, item]) => leafPaths(item, [...path, key]));
  }
  return [path];
}

function getAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], value);
}

// Rebuilds the path with defineProperty, so a `__proto__` key stays an own member as in parsed JSON.
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) {
    return replacement;
  }
  const copy: object = Array.isArray(value) ? [...value] : { ...(value as object) };
  const child = (value as Record<string | number, unknown>)[key];
  Object.defineProperty(copy, key, {
    value: replaceAt(child, rest, replacement),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return copy;
}

const canonical = (value: unknown) => JSON.stringify(value === undefined ? null : sortKeys(value));
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return Object.is(value, -0) ? 0 : value;
}

const jsonLeaf = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);
const documentArbitrary = fc
  .dictionary(
    fc.string({ maxLength: 8 }).filter((key) => key !== 'proof'),
    fc.jsonValue({ maxDepth: 3 }),
    { maxKeys: 6 },
  )
  .map((document) => document as JsonObject);
const withRealisticContext = fc.oneof(
  documentArbitrary,
  documentArbitrary.map((document) => ({ ...unsecured(), ...document })),
);

describe('verifyEddsaJcs2022Proof properties', () => {
  it('verifies whatever createEddsaJcs2022Proof signs', () => {
    fc.assert(
      fc.property(withRealisticContext, fc.uint8Array({ minLength: 32, maxLength: 32 }), (document, seed) => {
        const signedDocument = sign(document, seed);
        expect(verifyEddsaJcs2022Proof(signedDocument, nodePublicKeyRaw(seed))).toEqual({ ok: true });
        // JSON transport (parse of stringify) keeps it valid: only JSON data was signed.
        expect(
          verifyEddsaJcs2022Proof(JSON.parse(JSON.stringify(signedDocument)), nodePublicKeyRaw(seed)),
        ).toEqual({
          ok: true,
        });
      }),
      { numRuns: 60 },
    );
  });

  it('fails when any leaf of the document or of its proof changes', () => {
    fc.assert(
      fc.property(withRealisticContext, fc.nat(), jsonLeaf, (document, pick, replacement) => {
        const signedDocument = sign(document);
        const paths = leafPaths(signedDocument);
        const path = paths[pick % paths.length] as Path;
        fc.pre(canonical(getAt(signedDocument, path)) !== canonical(replacement));
        const tampered = replaceAt(signedDocument, path, replacement);
        expect(verifyEddsaJcs2022Proof(tampered, PUBLIC_KEY).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary values, arbitrary proofs or arbitrary keys', () => {
    const proofLike = fc.record(
      {
        type: fc.oneof(fc.constant('DataIntegrityProof'), fc.anything()),
        cryptosuite: fc.oneof(fc.constant('eddsa-jcs-2022'), fc.anything()),
        created: fc.oneof(fc.constant(CREATED), fc.anything()),
        verificationMethod: fc.oneof(fc.constant(VERIFICATION_METHOD), fc.anything()),
        proofPurpose: fc.oneof(fc.constant('assertionMethod'), fc.anything()),
        '@context': fc.oneof(fc.constant(vectors.proofOptions['@context']), fc.anything()),
        proofValue: fc.oneof(fc.constant(vectors.proofValue), fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const candidates = fc.oneof(
      fc.anything(),
      fc.jsonValue(),
      fc.record({ proof: fc.anything() }),
      proofLike.map((proof) => ({ ...unsecured(), proof })),
    );
    const keys = fc.oneof(fc.constant(PUBLIC_KEY), fc.uint8Array({ maxLength: 40 }), fc.anything());
    fc.assert(
      fc.property(candidates, keys, (document, key) => {
        const result = verifyEddsaJcs2022Proof(document, key as Uint8Array);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 500 },
    );
  });
});
