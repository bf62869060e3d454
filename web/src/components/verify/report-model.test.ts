import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client.ts';
import { sameOriginDidPath } from '../../api/verify.ts';
import { credentialOf, credentialSummary, linkFailure } from './report-model.ts';

describe('credentialSummary', () => {
  it("reads a tradehub credential's own description of itself", () => {
    const credential = {
      id: 'urn:uuid:1',
      issuer: { id: 'did:web:hub.example:org:org_1', name: 'Yiwu' },
      validFrom: '2026-01-02T03:04:05.678Z',
      credentialSubject: { type: 'CommercialInvoice', documentNumber: 'INV-7' },
    };
    expect(credentialSummary(credentialOf({ type: 'tradehub-bundle/v1', credential }))).toEqual({
      id: 'urn:uuid:1',
      documentType: 'CommercialInvoice',
      documentNumber: 'INV-7',
      issuerId: 'did:web:hub.example:org:org_1',
      issuerName: 'Yiwu',
      validFrom: '2026-01-02T03:04:05.678Z',
      validUntil: null,
    });
  });

  it('tolerates fields of any type in a tampered file', () => {
    const summary = credentialSummary({
      issuer: 'did:web:x',
      credentialSubject: { type: ['A', 'B'], documentNumber: 5 },
      validFrom: {},
    });
    expect(summary).toMatchObject({
      issuerId: 'did:web:x',
      issuerName: null,
      documentType: 'A',
      documentNumber: null,
      validFrom: null,
    });
    expect(credentialSummary(null).id).toBeNull();
    expect(credentialSummary([1, 2]).issuerId).toBeNull();
  });
});

describe('sameOriginDidPath', () => {
  const here = { host: '127.0.0.1:8080' };

  it('maps a did:web of this host and port to its DID document path', () => {
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080:org:org_01ABC', here)).toBe('/org/org_01ABC/did.json');
    expect(sameOriginDidPath('did:web:hub.example:org:org_1', { host: 'hub.example' })).toBe(
      '/org/org_1/did.json',
    );
  });

  it('refuses other hosts, other ports, bare domains and path tricks', () => {
    expect(sameOriginDidPath('did:web:evil.example:org:org_1', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A9090:org:org_1', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080:..:api', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080:a%2Fb', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080:%E0%A4%A', here)).toBeNull();
    expect(sameOriginDidPath('did:key:z6Mk', here)).toBeNull();
    expect(sameOriginDidPath('did:web:127.0.0.1%3A8080:org:org_1#key-1', here)).toBeNull();
  });
});

describe('linkFailure', () => {
  it('calls a 404 a wrong link, and anything else "not checked", never invalid', () => {
    expect(linkFailure(new ApiError({ status: 404, code: 'documents.not_found' }))).toEqual({
      phase: 'link_not_found',
    });
    expect(linkFailure(new ApiError({ status: 409, code: 'documents.not_yet_anchored' }))).toEqual({
      phase: 'not_checked',
      detailKey: 'verify.linkNotAnchored',
    });
    for (const error of [
      new ApiError({ status: 0, code: 'client.network_error' }),
      new ApiError({ status: 503, code: 'db.unavailable' }),
      new TypeError('Failed to fetch'),
    ]) {
      expect(linkFailure(error)).toEqual({ phase: 'not_checked', detailKey: 'verify.linkFailed' });
    }
  });
});
