import { describe, expect, it } from 'vitest';
import {
  createDidWebResolver,
  didOfUrl,
  didWebDocumentUrl,
  findIssuerKey,
  NetworkError,
  parseDateTimeMs,
} from './did-document.ts';
import { encodeEd25519Multikey } from './multibase.ts';
import { ISSUER_DID, issuerDidDocument, issuerSigner, KEY_ID } from './test-support.ts';
import type { FetchFunction } from './web-platform.ts';

function reasonOf(result: { ok: true } | { ok: false; reason: string }): string {
  return result.ok ? 'ok' : result.reason;
}

describe('did:web document locations', () => {
  it('follows the did:web method specification examples', () => {
    expect(didWebDocumentUrl('did:web:w3c-ccg.github.io')).toBe(
      'https://w3c-ccg.github.io/.well-known/did.json',
    );
    expect(didWebDocumentUrl('did:web:w3c-ccg.github.io:user:alice')).toBe(
      'https://w3c-ccg.github.io/user/alice/did.json',
    );
    expect(didWebDocumentUrl('did:web:example.com%3A3000:user:alice')).toBe(
      'https://example.com:3000/user/alice/did.json',
    );
  });

  it('maps an organisation DID to the hub route that serves it', () => {
    expect(didWebDocumentUrl('did:web:hub.example:org:org_01J0')).toBe(
      'https://hub.example/org/org_01J0/did.json',
    );
    expect(didWebDocumentUrl('did:web:127.0.0.1%3A8080:org:org_1', 'http')).toBe(
      'http://127.0.0.1:8080/org/org_1/did.json',
    );
  });

  it('refuses what is not a plain did:web', () => {
    for (const did of [
      'did:key:z6Mk',
      'did:web:',
      'did:web:exa mple.com',
      'did:web:example.com:..:secret',
      'did:web:example.com:a/b',
      'did:web:user@example.com',
      'did:web:.example.com',
    ]) {
      expect(didWebDocumentUrl(did)).toBeUndefined();
    }
  });

  it('splits DID URLs and reads dateTimes as UTC', () => {
    expect(didOfUrl(`${ISSUER_DID}#key-1`)).toBe(ISSUER_DID);
    expect(didOfUrl(ISSUER_DID)).toBe(ISSUER_DID);
    expect(parseDateTimeMs('2026-01-01T00:00:00Z')).toBe(Date.UTC(2026, 0, 1));
    expect(parseDateTimeMs('2026-01-01T00:00:00')).toBe(Date.UTC(2026, 0, 1));
    expect(parseDateTimeMs('2026-01-01T08:00:00.123456+08:00')).toBe(Date.UTC(2026, 0, 1, 0, 0, 0, 123));
    expect(parseDateTimeMs('2026-13-01T00:00:00Z')).toBeUndefined();
    expect(parseDateTimeMs('yesterday')).toBeUndefined();
  });
});

describe('issuer keys in DID documents', () => {
  it('finds the Multikey, with its dates and whether it may issue', () => {
    const found = findIssuerKey(
      issuerDidDocument({ keyExpires: '2026-06-01T00:00:00Z' }),
      ISSUER_DID,
      KEY_ID,
    );
    expect(found).toMatchObject({
      ok: true,
      key: {
        id: KEY_ID,
        publicKey: issuerSigner.publicKey,
        forAssertion: true,
        expiresMs: Date.UTC(2026, 5, 1),
      },
    });
    const revoked = findIssuerKey(
      issuerDidDocument({ keyRevoked: '2026-02-01T00:00:00Z' }),
      ISSUER_DID,
      KEY_ID,
    );
    expect(revoked).toMatchObject({
      ok: true,
      key: { forAssertion: false, revokedMs: Date.UTC(2026, 1, 1) },
    });
  });

  it('accepts method ids relative to the document', () => {
    const document = {
      id: ISSUER_DID,
      verificationMethod: [
        {
          id: '#key-1',
          type: 'Multikey',
          controller: ISSUER_DID,
          publicKeyMultibase: encodeEd25519Multikey(issuerSigner.publicKey),
        },
      ],
      assertionMethod: ['#key-1'],
    };
    expect(findIssuerKey(document, ISSUER_DID, KEY_ID)).toMatchObject({
      ok: true,
      key: { forAssertion: true },
    });
  });

  it('refuses a document or key that does not belong to the issuer, each with its reason', () => {
    const document = issuerDidDocument();
    const method = (document.verificationMethod as Record<string, unknown>[])[0] as Record<string, unknown>;
    expect(reasonOf(findIssuerKey('x', ISSUER_DID, KEY_ID))).toBe('did_document_malformed');
    expect(reasonOf(findIssuerKey({ ...document, id: 'did:web:other.example' }, ISSUER_DID, KEY_ID))).toBe(
      'did_document_mismatch',
    );
    expect(reasonOf(findIssuerKey(document, ISSUER_DID, 'did:web:other.example#key-1'))).toBe(
      'verification_method_not_issuer',
    );
    expect(reasonOf(findIssuerKey(document, ISSUER_DID, `${ISSUER_DID}#key-2`))).toBe(
      'verification_method_not_found',
    );
    for (const broken of [
      { ...method, publicKeyMultibase: 'z123' },
      { ...method, type: 'JsonWebKey' },
      { ...method, controller: 'did:web:other.example' },
      { ...method, revoked: 'soon' },
    ]) {
      const bad = { ...document, verificationMethod: [broken] };
      expect(reasonOf(findIssuerKey(bad, ISSUER_DID, KEY_ID))).toBe('verification_method_malformed');
    }
  });
});

describe('did:web resolution', () => {
  it('fetches the document URL and returns its JSON', async () => {
    const urls: string[] = [];
    const resolve = createDidWebResolver({
      fetch: async (url) => {
        urls.push(url);
        return { ok: true, status: 200, text: async () => JSON.stringify({ id: ISSUER_DID }) };
      },
    });
    expect(await resolve(ISSUER_DID)).toEqual({ id: ISSUER_DID });
    expect(urls).toEqual(['https://hub.example/org/org_01J000000000000000000000/did.json']);
  });

  it('turns every transport failure into a NetworkError', async () => {
    const answers = [
      async () => {
        throw new TypeError('fetch failed');
      },
      async () => ({ ok: false, status: 404, text: async () => 'not found' }),
      async () => ({ ok: true, status: 200, text: async () => '<html>' }),
      async () => ({ ok: true, status: 200, text: async () => ' '.repeat(300 * 1024) }),
    ];
    for (const fetch of answers) {
      await expect(createDidWebResolver({ fetch })(ISSUER_DID)).rejects.toBeInstanceOf(NetworkError);
    }
    await expect(
      createDidWebResolver({ fetch: answers[0] as FetchFunction })('did:key:z6Mk'),
    ).rejects.toThrow(/not a did:web/);
  });
});
