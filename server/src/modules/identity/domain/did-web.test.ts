import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDidDocument, organisationDid, resolveDidWebUrl } from './did-web.ts';

describe('did:web', () => {
  it('names an organisation under the hub, with the port percent-encoded and the public URL path kept', () => {
    expect(organisationDid('http://localhost:8080', 'org_01J')).toBe('did:web:localhost%3A8080:org:org_01J');
    expect(organisationDid('https://trade.example.cn', 'org_01J')).toBe(
      'did:web:trade.example.cn:org:org_01J',
    );
    expect(organisationDid('https://example.com/hub/', 'org_01J')).toBe(
      'did:web:example.com:hub:org:org_01J',
    );
  });

  it('resolves the did:web specification examples', () => {
    expect(resolveDidWebUrl('did:web:w3c-ccg.github.io')).toEqual({
      ok: true,
      url: 'https://w3c-ccg.github.io/.well-known/did.json',
    });
    expect(resolveDidWebUrl('did:web:w3c-ccg.github.io:user:alice')).toEqual({
      ok: true,
      url: 'https://w3c-ccg.github.io/user/alice/did.json',
    });
    expect(resolveDidWebUrl('did:web:example.com%3A3000:user:alice')).toEqual({
      ok: true,
      url: 'https://example.com:3000/user/alice/did.json',
    });
    expect(resolveDidWebUrl('did:web:example.com:org:org_1#skey_1')).toEqual({
      ok: true,
      url: 'https://example.com/org/org_1/did.json',
    });
  });

  it('refuses what is not a did:web', () => {
    for (const did of [
      'did:key:z6Mk',
      'did:web:',
      'did:web:example.com::x',
      'did:web:exa mple.com',
      'did:web:a%2Fb.com',
    ]) {
      expect(resolveDidWebUrl(did).ok, did).toBe(false);
    }
  });

  it('resolves every organisation DID to <public URL>/org/<id>/did.json (property)', () => {
    // Labels with "--" in the third and fourth place are reserved for IDNA (`xn--…`): the URL
    // parser refuses an invalid one such as `xn--0`, so they are not host names a hub could have.
    const label = fc
      .stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/)
      .filter((candidate) => candidate.slice(2, 4) !== '--');
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 0, maxLength: 3 }),
        // A last label of letters: `a.0` would be read as a malformed IPv4 address.
        fc.stringMatching(/^[a-z]{1,6}$/),
        fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
        fc.array(fc.stringMatching(/^[a-z0-9_-]{1,8}$/), { maxLength: 2 }),
        fc.stringMatching(/^org_[0-9A-Z]{1,26}$/),
        (labels, tld, port, path, organisationId) => {
          const host = [...labels, tld].join('.');
          const publicUrl = `https://${host}${port === undefined ? '' : `:${port}`}/${path.join('/')}`;
          const resolved = resolveDidWebUrl(organisationDid(publicUrl, organisationId));
          expect(resolved.ok).toBe(true);
          if (resolved.ok) {
            const url = new URL(resolved.url);
            expect(url.host).toBe(new URL(publicUrl).host);
            expect(url.pathname).toBe(`${['', ...path].join('/')}/org/${organisationId}/did.json`);
          }
        },
      ),
    );
  });

  it('never throws on arbitrary input (fuzz)', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        resolveDidWebUrl(text);
        resolveDidWebUrl(`did:web:${text}`);
      }),
    );
  });

  it('lists every key, marks retired ones as expired and revoked ones as revoked, and issues only with unrevoked keys', () => {
    const did = 'did:web:example.com:org:org_1';
    const retiredAt = new Date('2026-01-02T03:04:05.678Z');
    const revokedAt = new Date('2026-02-01T00:00:00.000Z');
    const document = buildDidDocument(did, [
      { keyId: 'skey_1', status: 'revoked', publicKeyMultibase: 'z6Mk1', retiredAt, revokedAt },
      { keyId: 'skey_2', status: 'retired', publicKeyMultibase: 'z6Mk2', retiredAt, revokedAt: null },
      { keyId: 'skey_3', status: 'active', publicKeyMultibase: 'z6Mk3', retiredAt: null, revokedAt: null },
    ]);
    expect(document).toEqual({
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: did,
      verificationMethod: [
        {
          id: `${did}#skey_1`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: 'z6Mk1',
          expires: '2026-01-02T03:04:05.678Z',
          revoked: '2026-02-01T00:00:00.000Z',
        },
        {
          id: `${did}#skey_2`,
          type: 'Multikey',
          controller: did,
          publicKeyMultibase: 'z6Mk2',
          expires: '2026-01-02T03:04:05.678Z',
        },
        { id: `${did}#skey_3`, type: 'Multikey', controller: did, publicKeyMultibase: 'z6Mk3' },
      ],
      assertionMethod: [`${did}#skey_2`, `${did}#skey_3`],
    });
  });
});
