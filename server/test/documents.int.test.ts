import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { canonicalize } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  createVerifier,
  decodeEd25519Multikey,
  leafHash,
  openCheckpoint,
  parseTlogProof,
  parseTradeLogEntry,
  parseVerifierKey,
  TradeLogEntryKind,
  verifyEddsaJcs2022Proof,
  verifyInclusion,
  verifyTradeLogEntrySignature,
  ZERO_HASH,
} from '@tradehub/verifier';
import { sql } from 'kysely';
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party, rememberSecret } from './support/test-hub.ts';

type Json = Record<string, unknown>;
type Credential = Json & {
  id: string;
  issuer: { id: string; name: string };
  credentialSubject: Json;
  credentialStatus: { statusPurpose: string; statusListIndex: string; statusListCredential: string }[];
  proof: { verificationMethod: string; proofValue: string };
};
type DocumentView = {
  id: string;
  credentialId: string;
  status: string;
  statusIndex: number;
  docHash: string;
  log: { state: string; index?: number };
  credential: Credential;
  verificationUrl: string;
};
type Bundle = {
  type: string;
  credential: Credential;
  tlogProof: string;
  issuerDidDocument: Json & { verificationMethod?: { id: string; publicKeyMultibase?: string }[] };
  statusList?: { credentials: Credential[]; tlogProofs: string[] };
};

const sha256 = (text: string | Uint8Array) => new Uint8Array(createHash('sha256').update(text).digest());
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

const invoice = (number: string, extra: Json = {}) => ({
  documentType: 'CommercialInvoice',
  documentNumber: number,
  subject: {
    seller: { name: 'Alpha Ltd', country: 'CN' },
    buyer: { name: 'Bravo GmbH', country: 'DE' },
    currency: 'USD',
    totalAmount: '12500.00',
    lineCount: 3,
    ...extra,
  },
});

const withoutProof = (credential: Json) => {
  const { proof: _proof, ...rest } = credential;
  return rest;
};

/** Reads bit `index` of a BitstringStatusListCredential (multibase `u`, GZIP, MSB first). */
const statusBit = (list: Credential, index: number) => {
  const encoded = String(list.credentialSubject.encodedList);
  expect(encoded.startsWith('u')).toBe(true);
  const bits = gunzipSync(Buffer.from(encoded.slice(1), 'base64url'));
  expect(bits.length * 8).toBeGreaterThanOrEqual(131_072);
  return ((bits[index >> 3] ?? 0) >> (7 - (index % 8))) & 1;
};

describe('signed documents', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let alpha: Party;
  let bravo: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    // Integration happens when a test says so, so "not anchored yet" is not a race with the timer.
    await ctx.hub.transparencyLog.sequencer.stop();
    alpha = await createParty(ctx.hub, 'Alpha');
    bravo = await createParty(ctx.hub, 'Bravo');
  });
  afterAll(async () => ctx.close());

  const as = (party: Party) => ({ cookie: party.cookie });
  const orgUrl = (party: Party, path = '') => `/api/orgs/${party.organisationId}/documents${path}`;
  const issue = (party: Party, body: unknown, headers: Record<string, string> = {}) =>
    ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(party),
      headers: { ...as(party), ...headers },
      payload: body as Json,
    });
  const get = (url: string, headers: Record<string, string> = {}) =>
    ctx.hub.app.inject({ method: 'GET', url, headers });
  const integrate = () => ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });
  // Pending and integrated together, read in one statement: the hub's sequencer moves entries
  // from one to the other at any moment, but never changes the sum.
  const queuedEver = async () =>
    Number(
      (
        await sql<{ n: string }>`select (select count(*) from transparency_log.pending) +
          (select count(*) from transparency_log.entries) as n`.execute(ctx.hub.db.kysely)
      ).rows[0]?.n,
    );
  const count = async (table: string, where = sql`true`) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from ${sql.raw(table)} where ${where}`.execute(
          ctx.hub.db.kysely,
        )
      ).rows[0]?.n,
    );

  const publicKeyFor = (didDocument: Bundle['issuerDidDocument'], verificationMethod: string) => {
    const fragment = verificationMethod.slice(verificationMethod.indexOf('#'));
    const method = didDocument.verificationMethod?.find(
      (vm) => vm.id === verificationMethod || vm.id === fragment,
    );
    expect(method, `verification method ${verificationMethod} in the DID document`).toBeDefined();
    const decoded = decodeEd25519Multikey(method?.publicKeyMultibase);
    if (!decoded.ok) {
      throw new Error(`bad multikey: ${decoded.reason}`);
    }
    return decoded.value;
  };

  /** Checks a tlog-proof the way an offline verifier does; returns the entry it proves. */
  const checkTlogProof = (text: string) => {
    const parsed = parseTlogProof(text);
    if (!parsed.ok) {
      throw new Error(`tlog-proof does not parse: ${parsed.message}`);
    }
    const { extra, index, hashes, checkpoint } = parsed.proof;
    expect(extra).toBeDefined();
    const verifier = parseVerifierKey(ctx.hub.transparencyLog.verifierKey);
    if (!verifier.ok) {
      throw new Error(verifier.message);
    }
    const opened = openCheckpoint(checkpoint, verifier.key);
    if (!opened.ok) {
      throw new Error(`checkpoint does not open: ${opened.message}`);
    }
    const inclusion = verifyInclusion({
      leafHash: leafHash(extra as Uint8Array),
      index,
      treeSize: opened.checkpoint.size,
      proof: hashes,
      rootHash: opened.checkpoint.rootHash,
    });
    expect(inclusion).toEqual({ ok: true });
    const entry = parseTradeLogEntry(extra as Uint8Array);
    if (!entry.ok) {
      throw new Error(entry.message);
    }
    return { index, entry: entry.entry };
  };

  it('issues one document as a W3C credential whose proof verifies with the DID document key', async () => {
    const res = await issue(alpha, invoice('INV-2026-0001', { note: '发票 for März' }));
    expect(res.statusCode, res.body).toBe(201);
    const doc = res.json<DocumentView>();
    const vc = doc.credential;
    expect(doc.id).toMatch(/^doc_/);
    expect(doc.status).toBe('active');
    expect(doc.log).toEqual({ state: 'pending' });
    expect(vc['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(vc.type).toEqual(['VerifiableCredential', 'TradeDocumentCredential']);
    expect(vc.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(vc.issuer).toEqual({
      id: `did:web:localhost%3A8080:org:${alpha.organisationId}`,
      name: expect.any(String),
    });
    expect(String(vc.validFrom)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(Buffer.from(String(vc.nonce), 'base64url')).toHaveLength(32);
    expect(vc.credentialSubject).toMatchObject({
      type: 'CommercialInvoice',
      documentNumber: 'INV-2026-0001',
      totalAmount: '12500.00',
      note: '发票 for März',
    });
    const listUrl = `http://localhost:8080/org/${alpha.organisationId}/status`;
    expect(vc.credentialStatus).toEqual([
      {
        id: `${listUrl}/revocation#${doc.statusIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: String(doc.statusIndex),
        statusListCredential: `${listUrl}/revocation`,
      },
      {
        id: `${listUrl}/suspension#${doc.statusIndex}`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'suspension',
        statusListIndex: String(doc.statusIndex),
        statusListCredential: `${listUrl}/suspension`,
      },
    ]);
    // doc_hash = SHA-256(JCS(credential without proof)).
    expect(doc.docHash).toBe(hex(sha256(canonicalize(withoutProof(vc)))));
    const did = await get(`/org/${alpha.organisationId}/did.json`);
    expect(did.statusCode).toBe(200);
    const publicKey = publicKeyFor(did.json(), vc.proof.verificationMethod);
    expect(verifyEddsaJcs2022Proof(vc, publicKey, { expectedProofPurpose: 'assertionMethod' })).toEqual({
      ok: true,
    });
    // A changed field breaks it.
    const forged = { ...vc, credentialSubject: { ...vc.credentialSubject, totalAmount: '1.00' } };
    expect(verifyEddsaJcs2022Proof(forged, publicKey)).toEqual({ ok: false, reason: 'bad_signature' });
  });

  it('answers 409 with Retry-After for the bundle until a checkpoint covers the entry, then a bundle that verifies offline', async () => {
    const doc = (await issue(alpha, invoice('INV-2026-0002'))).json<DocumentView>();
    const early = await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha));
    expect(early.statusCode).toBe(409);
    expect(early.headers['content-type']).toContain('application/problem+json');
    expect(early.json<{ code: string }>().code).toBe('documents.not_yet_anchored');
    expect(Number(early.headers['retry-after'])).toBeGreaterThan(0);

    await integrate();
    const res = await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.rawPayload.length).toBeLessThanOrEqual(1024 * 1024);
    const bundle = res.json<Bundle>();
    expect(bundle.type).toBe('tradehub-bundle/v1');
    expect(bundle.credential).toEqual(doc.credential);

    const { index, entry } = checkTlogProof(bundle.tlogProof);
    const publicKey = publicKeyFor(bundle.issuerDidDocument, bundle.credential.proof.verificationMethod);
    expect(entry.kind).toBe(TradeLogEntryKind.ISSUE);
    expect(hex(entry.docHash)).toBe(doc.docHash);
    expect(hex(entry.recordId)).toBe(
      hex(sha256(`record/v1\n${bundle.credential.issuer.id}\n${bundle.credential.id}`)),
    );
    expect(entry.prevEntryHash).toEqual(ZERO_HASH);
    expect(entry.counterparty).toEqual(ZERO_HASH);
    expect(entry.aux).toEqual(ZERO_HASH);
    expect(entry.actor).toEqual(actorHashOfEd25519Key(publicKey));
    expect(verifyTradeLogEntrySignature(entry, publicKey)).toBe(true);
    expect(verifyEddsaJcs2022Proof(bundle.credential, publicKey)).toEqual({ ok: true });

    // The detail now names the log position, and the status lists came along with their proofs.
    const detail = (await get(orgUrl(alpha, `/${doc.id}`), as(alpha))).json<DocumentView>();
    expect(detail.log).toEqual({ state: 'integrated', index });
    expect(bundle.statusList?.credentials.map((c) => c.credentialSubject.statusPurpose)).toEqual([
      'revocation',
      'suspension',
    ]);
    bundle.statusList?.credentials.forEach((list, i) => {
      expect(verifyEddsaJcs2022Proof(list, publicKey)).toEqual({ ok: true });
      const listEntry = checkTlogProof(bundle.statusList?.tlogProofs[i] ?? '').entry;
      expect(listEntry.kind).toBe(TradeLogEntryKind.STATUS_LIST_PUBLISHED);
      expect(hex(listEntry.docHash)).toBe(hex(sha256(canonicalize(withoutProof(list)))));
      expect(hex(listEntry.recordId)).toBe(hex(sha256(`record/v1\n${list.issuer.id}\n${list.id}`)));
      expect(statusBit(list, detail.statusIndex)).toBe(0);
    });
  });

  it('gives bundles that @tradehub/verifier finds VALID, and INVALID (revoked) once revoked and re-bundled', async () => {
    const doc = (await issue(alpha, invoice('INV-2026-0050'))).json<DocumentView>();
    await integrate();
    const didDocument = (await get(`/org/${alpha.organisationId}/did.json`)).json<Json>();
    const trust = {
      type: 'tradehub-trust-policy/v1',
      logs: [{ origin: ctx.hub.transparencyLog.origin, vkeys: [ctx.hub.transparencyLog.verifierKey] }],
      witnesses: { vkeys: [], quorum: 0 },
      issuers: { didDocuments: { [doc.credential.issuer.id]: didDocument } },
    };
    const verifier = createVerifier(trust);
    const bundle = (await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha))).json<Bundle>();
    const report = await verifier.verify(bundle);
    expect(report.checks.filter((c) => c.verdict !== 'OK' && c.verdict !== 'SKIPPED')).toEqual([]);
    expect(report.verdict).toBe('VALID');
    expect(report.status).toMatchObject({ revoked: false, suspended: false });

    const revoked = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, `/${doc.id}/revoke`),
      headers: as(alpha),
      payload: { reason: 'superseded by INV-2026-0051' },
    });
    expect(revoked.statusCode).toBe(200);
    await integrate();
    const after = (await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha))).json<Bundle>();
    const revokedReport = await createVerifier(trust).verify(after);
    expect(revokedReport.verdict).toBe('INVALID');
    expect(revokedReport.status).toMatchObject({ revoked: true });
    expect(revokedReport.checks.find((c) => c.check === 'status')?.reason).toBe('revoked');
  });

  it('issues a batch all at once and lists it with filters', async () => {
    const numbers = ['PL-1', 'PL-2', 'PL-3'];
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(bravo, '/batch'),
      headers: as(bravo),
      payload: {
        documents: numbers.map((documentNumber) => ({
          documentType: 'PackingList',
          documentNumber,
          subject: { packages: 12, grossWeightKg: '340.5' },
          validUntil: '2030-01-01T08:00:00+08:00',
        })),
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json<{ items: { id: string; documentNumber: string; docHash: string }[] }>().items;
    expect(items.map((i) => i.documentNumber)).toEqual(numbers);
    const listed = await get(`${orgUrl(bravo)}?type=PackingList&status=active&limit=2`, as(bravo));
    expect(listed.statusCode, listed.body).toBe(200);
    const page = listed.json<{ items: { id: string; statusIndex: number }[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const rest = await get(`${orgUrl(bravo)}?type=PackingList&cursor=${page.nextCursor}`, as(bravo));
    const all = [...page.items, ...rest.json<{ items: { id: string; statusIndex: number }[] }>().items];
    expect(new Set(all.map((i) => i.id))).toEqual(new Set(items.map((i) => i.id)));
    expect(new Set(all.map((i) => i.statusIndex)).size).toBe(3);
    const byNumber = await get(`${orgUrl(bravo)}?number=PL-2`, as(bravo));
    expect(byNumber.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([items[1]?.id]);
    const doc = (await get(orgUrl(bravo, `/${items[0]?.id}`), as(bravo))).json<DocumentView>();
    expect(doc.credential.validUntil).toBe('2030-01-01T00:00:00.000Z');
    // Alpha's documents are not Bravo's.
    expect(
      (await get(`${orgUrl(bravo)}?type=CommercialInvoice`, as(bravo))).json<{ items: [] }>().items,
    ).toEqual([]);
  });

  it('rolls back a failed issuance completely: no credential, no status list, no queued entry', async () => {
    const charlie = await createParty(ctx.hub, 'Charlie');
    const pendingBefore = await queuedEver();
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(charlie, '/batch'),
      headers: as(charlie),
      // The second number holds a NUL character, which PostgreSQL refuses to store in text: the
      // insert fails after the lists were created and every document signed.
      payload: { documents: [invoice('OK-1'), invoice('BAD-\u0000-2')] },
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(await count('documents.credentials', sql`organisation_id = ${charlie.organisationId}`)).toBe(0);
    expect(await count('documents.status_lists', sql`organisation_id = ${charlie.organisationId}`)).toBe(0);
    expect(
      await count('documents.status_list_versions', sql`organisation_id = ${charlie.organisationId}`),
    ).toBe(0);
    expect(await queuedEver()).toBe(pendingBefore);
    // And the same batch without the bad number goes through.
    const ok = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(charlie, '/batch'),
      headers: as(charlie),
      payload: { documents: [invoice('OK-1'), invoice('OK-2')] },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // One ISSUE_BATCH entry for the two documents and the first version of each status list.
    expect(await queuedEver()).toBe(pendingBefore + 3);
  });

  it('gives concurrent issuances distinct status indices and creates the lists once', async () => {
    const delta = await createParty(ctx.hub, 'Delta');
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => issue(delta, invoice(`CC-${i}`))));
    expect(results.map((r) => r.statusCode)).toEqual(Array(6).fill(201));
    const indices = results.map((r) => r.json<DocumentView>().statusIndex).sort((x, y) => x - y);
    expect(indices).toEqual([0, 1, 2, 3, 4, 5]);
    expect(
      await count('documents.status_list_versions', sql`organisation_id = ${delta.organisationId}`),
    ).toBe(2);
  });

  it('grows both lists by a block, as a new logged version, before handing out an index beyond them', async () => {
    const echo = await createParty(ctx.hub, 'Echo');
    expect((await issue(echo, invoice('E-1'))).statusCode).toBe(201);
    // Pretend 131,070 documents were issued already: the next batch crosses the first block.
    await sql`update documents.status_lists set next_index = 131070
      where organisation_id = ${echo.organisationId}`.execute(ctx.hub.db.kysely);
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(echo, '/batch'),
      headers: as(echo),
      payload: { documents: Array.from({ length: 5 }, (_, i) => invoice(`E-${i + 2}`)) },
    });
    expect(res.statusCode, res.body).toBe(201);
    const last = res.json<{ items: { id: string }[] }>().items[4];
    const doc = (await get(orgUrl(echo, `/${last?.id}`), as(echo))).json<DocumentView>();
    expect(doc.statusIndex).toBe(131_074);
    const versions = await sql<{ purpose: string; version: number }>`
      select purpose, version from documents.status_list_versions
      where organisation_id = ${echo.organisationId} order by purpose, version`.execute(ctx.hub.db.kysely);
    expect(versions.rows).toEqual([
      { purpose: 'revocation', version: 1 },
      { purpose: 'revocation', version: 2 },
      { purpose: 'suspension', version: 1 },
      { purpose: 'suspension', version: 2 },
    ]);
    const suspended = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(echo, `/${doc.id}/suspend`),
      headers: as(echo),
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    const list = (await get(`/org/${echo.organisationId}/status/suspension`)).json<Credential>();
    const bits = gunzipSync(Buffer.from(String(list.credentialSubject.encodedList).slice(1), 'base64url'));
    expect(bits.length * 8).toBe(2 * 131_072);
    expect(statusBit(list, 131_074)).toBe(1);
    expect(statusBit(list, 131_073)).toBe(0);
  });

  it('answers 413 for a batch over 1,000 documents and stores nothing', async () => {
    const before = await count('documents.credentials');
    const pendingBefore = await queuedEver();
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, '/batch'),
      headers: as(alpha),
      payload: {
        documents: Array.from({ length: 1001 }, (_, i) => ({
          documentType: 'Other',
          documentNumber: `X-${i}`,
          subject: {},
        })),
      },
    });
    expect(res.statusCode).toBe(413);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json<{ code: string }>().code).toBe('documents.batch_too_large');
    expect(await count('documents.credentials')).toBe(before);
    expect(await queuedEver()).toBe(pendingBefore);
  });

  it('rejects invalid input field by field as problem+json', async () => {
    const res = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, '/batch'),
      headers: as(alpha),
      payload: {
        documents: [
          { documentType: 'Invoice', documentNumber: '', subject: {} },
          { documentType: 'Other', documentNumber: 'N-1', subject: 'not an object' },
        ],
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const fields = res.json<{ code: string; errors: { field: string; code: string }[] }>();
    expect(fields.code).toBe('http.validation_failed');
    expect(fields.errors.map((e) => e.field)).toEqual(
      expect.arrayContaining([
        'documents.0.documentType',
        'documents.0.documentNumber',
        'documents.1.subject',
      ]),
    );

    const rules = await issue(alpha, {
      documentType: 'CommercialInvoice',
      documentNumber: 'INV-BAD',
      subject: { type: 'Forged', lines: [{ price: 12.5 }], big: 'x'.repeat(70_000) },
      validUntil: '2001-01-01T00:00:00Z',
    });
    expect(rules.statusCode).toBe(400);
    const errors = rules.json<{ errors: { field: string; code: string }[] }>().errors;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'subject.type', code: 'documents.reserved_field' }),
        expect.objectContaining({ field: 'subject.lines.0.price', code: 'documents.number_not_integer' }),
        expect.objectContaining({ field: 'validUntil', code: 'documents.valid_until_before_issue' }),
      ]),
    );
    const large = await issue(alpha, invoice('INV-LARGE', { big: 'x'.repeat(70_000) }));
    expect(large.statusCode).toBe(400);
    expect(large.json<{ errors: { field: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ field: 'subject', code: 'documents.subject_too_large' }),
    ]);
  });

  it('revokes for good: the bit flips in the re-fetched list, and a revoked document cannot be suspended or unsuspended', async () => {
    const doc = (await issue(alpha, invoice('INV-2026-0100'))).json<DocumentView>();
    const before = (await get(`/org/${alpha.organisationId}/status/revocation`)).json<Credential>();
    expect(statusBit(before, doc.statusIndex)).toBe(0);
    const revoked = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, `/${doc.id}/revoke`),
      headers: as(alpha),
      payload: { reason: 'issued in error' },
    });
    expect(revoked.statusCode, revoked.body).toBe(200);
    expect(revoked.json<DocumentView>().status).toBe('revoked');
    const list = await get(`/org/${alpha.organisationId}/status/revocation`);
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toContain('application/json');
    expect(list.headers['cache-control']).toMatch(/max-age=\d+/);
    const after = list.json<Credential>();
    expect(after.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(after.credentialSubject).toMatchObject({
      type: 'BitstringStatusList',
      statusPurpose: 'revocation',
    });
    expect(statusBit(after, doc.statusIndex)).toBe(1);
    expect(statusBit(after, doc.statusIndex + 1)).toBe(0);
    const suspension = (await get(`/org/${alpha.organisationId}/status/suspension`)).json<Credential>();
    expect(statusBit(suspension, doc.statusIndex)).toBe(0);

    for (const action of ['revoke', 'suspend', 'unsuspend']) {
      const again = await ctx.hub.app.inject({
        method: 'POST',
        url: orgUrl(alpha, `/${doc.id}/${action}`),
        headers: as(alpha),
        payload: { reason: 'again' },
      });
      expect(again.statusCode, `${action}: ${again.body}`).toBe(409);
      expect(again.json<{ code: string }>().code).toBe('documents.already_revoked');
    }

    // The REVOKE entry chains to the ISSUE entry and names the new list in aux.
    await integrate();
    const bundle = (await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha))).json<Bundle>();
    const issueEntry = checkTlogProof(bundle.tlogProof).entry;
    const revocationList = bundle.statusList?.credentials[0] as Credential;
    expect(statusBit(revocationList, doc.statusIndex)).toBe(1);
    const bodies = (
      await sql<{ body: Uint8Array }>`select body from transparency_log.entries order by idx`.execute(
        ctx.hub.db.kysely,
      )
    ).rows.map((row) => parseTradeLogEntry(row.body));
    const revokeEntry = bodies.find(
      (parsed) =>
        parsed.ok &&
        parsed.entry.kind === TradeLogEntryKind.REVOKE &&
        hex(parsed.entry.recordId) === hex(issueEntry.recordId),
    );
    expect(revokeEntry?.ok).toBe(true);
    if (revokeEntry?.ok) {
      expect(revokeEntry.entry.prevEntryHash).toEqual(leafHash(issueEntry.bytes));
      expect(hex(revokeEntry.entry.aux)).toBe(hex(sha256(canonicalize(withoutProof(revocationList)))));
    }
  });

  it('suspends and lifts a suspension; lifting twice is refused', async () => {
    const doc = (await issue(alpha, invoice('INV-2026-0200'))).json<DocumentView>();
    const post = (action: string) =>
      ctx.hub.app.inject({ method: 'POST', url: orgUrl(alpha, `/${doc.id}/${action}`), headers: as(alpha) });
    const suspensionBit = async () =>
      statusBit(
        (await get(`/org/${alpha.organisationId}/status/suspension`)).json<Credential>(),
        doc.statusIndex,
      );

    const notSuspended = await post('unsuspend');
    expect(notSuspended.statusCode).toBe(409);
    expect(notSuspended.json<{ code: string }>().code).toBe('documents.not_suspended');
    const suspended = await post('suspend');
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json<DocumentView>().status).toBe('suspended');
    expect(await suspensionBit()).toBe(1);
    expect((await post('suspend')).json<{ code: string }>().code).toBe('documents.already_suspended');
    const listed = await get(`${orgUrl(alpha)}?status=suspended`, as(alpha));
    expect(listed.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toEqual([doc.id]);
    const lifted = await post('unsuspend');
    expect(lifted.statusCode, lifted.body).toBe(200);
    expect(lifted.json<DocumentView>().status).toBe('active');
    expect(await suspensionBit()).toBe(0);
    const revocation = (await get(`/org/${alpha.organisationId}/status/revocation`)).json<Credential>();
    expect(statusBit(revocation, doc.statusIndex)).toBe(0);
  });

  it('shares a bundle through a capability link: right token only, same 404 for everything else', async () => {
    const doc = (await issue(alpha, invoice('INV-2026-0300'))).json<DocumentView>();
    const other = (await issue(bravo, invoice('INV-B-1'))).json<DocumentView>();
    await integrate();
    const link = new URL(doc.verificationUrl);
    expect(link.origin + link.pathname).toBe('http://localhost:8080/verify');
    expect(link.searchParams.get('doc')).toBe(doc.id);
    const token = link.searchParams.get('t') ?? '';
    expect(Buffer.from(token, 'base64url')).toHaveLength(16);
    rememberSecret(token);

    const shared = await get(`/public/documents/${doc.id}/bundle?t=${token}`);
    expect(shared.statusCode, shared.body).toBe(200);
    expect(shared.json<Bundle>().credential.id).toBe(doc.credential.id);

    const otherToken = new URL(other.verificationUrl).searchParams.get('t') ?? '';
    const flipped = `${token[0] === 'A' ? 'B' : 'A'}${token.slice(1)}`;
    const refused = [
      `/public/documents/${doc.id}/bundle?t=${flipped}`,
      `/public/documents/${doc.id}/bundle`,
      `/public/documents/${doc.id}/bundle?t=${otherToken}`,
      `/public/documents/${other.id}/bundle?t=${token}`,
      `/public/documents/doc_01JUNKJUNKJUNKJUNKJUNKJUNK/bundle?t=${token}`,
    ];
    for (const url of refused) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json<{ code: string }>().code).toBe('documents.not_found');
    }
    // Another organisation's member gets nothing through the organisation routes either.
    expect((await get(orgUrl(alpha, `/${doc.id}/bundle`), as(bravo))).statusCode).toBe(404);
    expect((await get(orgUrl(bravo, `/${doc.id}`), as(bravo))).statusCode).toBe(404);
  });

  it('renders a PDF that carries the bundle as an attached file', async () => {
    const doc = (
      await issue(alpha, invoice('INV/2026 0400', { consignee: '杭州贸易有限公司' }))
    ).json<DocumentView>();
    const early = await get(orgUrl(alpha, `/${doc.id}/pdf`), as(alpha));
    expect(early.statusCode).toBe(409);
    await integrate();
    const res = await get(orgUrl(alpha, `/${doc.id}/pdf`), as(alpha));
    expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('INV_2026_0400.pdf');
    const pdf = await PDFDocument.load(res.rawPayload);
    expect(pdf.getPageCount()).toBe(1);
    const names = pdf.catalog.lookup(PDFName.of('Names'), PDFDict);
    const embedded = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict).lookup(PDFName.of('Names'), PDFArray);
    const fileName = embedded.lookup(0, PDFString, PDFHexString).decodeText();
    expect(fileName).toBe('INV_2026_0400.tradehub.json');
    const spec = embedded.lookup(1, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) {
      throw new Error('the attachment is not a stream');
    }
    expect(stream.dict.lookup(PDFName.of('Subtype'))?.toString()).toBe('/application#2Fjson');
    const attached = JSON.parse(new TextDecoder().decode(decodePDFRawStream(stream).decode())) as Bundle;
    const bundle = (await get(orgUrl(alpha, `/${doc.id}/bundle`), as(alpha))).json<Bundle>();
    expect(attached.type).toBe('tradehub-bundle/v1');
    expect(attached.credential).toEqual(bundle.credential);
    expect(checkTlogProof(attached.tlogProof).entry.docHash).toEqual(
      checkTlogProof(bundle.tlogProof).entry.docHash,
    );
  });

  it('replays an issuance sent twice with one Idempotency-Key', async () => {
    const key = 'issue-inv-0500';
    const first = await issue(alpha, invoice('INV-2026-0500'), { 'idempotency-key': key });
    const second = await issue(alpha, invoice('INV-2026-0500'), { 'idempotency-key': key });
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.json<DocumentView>().id).toBe(first.json<DocumentView>().id);
    const listed = await get(`${orgUrl(alpha)}?number=INV-2026-0500`, as(alpha));
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('lets a read-only API key read documents but not issue or revoke them', async () => {
    const created = await ctx.hub.app.inject({
      method: 'POST',
      url: `/api/orgs/${alpha.organisationId}/api-keys`,
      headers: as(alpha),
      payload: { name: 'auditor', scopes: ['read'] },
    });
    const secret = created.json<{ secret: string }>().secret;
    rememberSecret(secret);
    const bearer = { authorization: `Bearer ${secret}` };
    const listed = await get(orgUrl(alpha), bearer);
    expect(listed.statusCode).toBe(200);
    const [first] = listed.json<{ items: { id: string }[] }>().items;
    expect(first).toBeDefined();
    expect((await issue(alpha, invoice('INV-KEY'), bearer)).statusCode).toBe(403);
    const revoke = await ctx.hub.app.inject({
      method: 'POST',
      url: orgUrl(alpha, `/${first?.id}/revoke`),
      headers: bearer,
      payload: { reason: 'x' },
    });
    expect(revoke.statusCode).toBe(403);
  });

  it('audits every write', async () => {
    const rows = await sql<{ action: string; outcome: string }>`
      select action, outcome from audit.entries
      where organisation_id = ${alpha.organisationId} and action like 'documents.%'`.execute(
      ctx.hub.db.kysely,
    );
    const actions = new Set(rows.rows.filter((r) => r.outcome === 'success').map((r) => r.action));
    expect(actions).toEqual(
      new Set([
        'documents.document.issue',
        'documents.document.revoke',
        'documents.document.suspend',
        'documents.document.unsuspend',
      ]),
    );
  });

  it('issues 2,500 documents through the module function in transactions of 1,000', async () => {
    const inputs = Array.from({ length: 2500 }, (_, i) => ({
      documentType: 'CertificateOfOrigin' as const,
      documentNumber: `COO-${i}`,
      subject: { originCountry: 'CN', hsCode: '851712', item: i },
    }));
    const issued = await ctx.hub.documents.issueDocuments(null, bravo.organisationId, inputs);
    expect(issued).toHaveLength(2500);
    expect(new Set(issued.map((d) => d.id)).size).toBe(2500);
    const indices = await sql<{ status_index: number }>`
      select status_index from documents.credentials
      where organisation_id = ${bravo.organisationId} and document_type = 'CertificateOfOrigin'`.execute(
      ctx.hub.db.kysely,
    );
    expect(new Set(indices.rows.map((r) => r.status_index)).size).toBe(2500);
    const audits = await count(
      'audit.entries',
      sql`organisation_id = ${bravo.organisationId} and action = 'documents.document.issue_batch'`,
    );
    // The HTTP batch earlier, then three transactions here.
    expect(audits).toBe(4);
    const sample = issued[1234];
    const doc = (await get(orgUrl(bravo, `/${sample?.id}`), as(bravo))).json<DocumentView>();
    expect(doc.docHash).toBe(sample?.docHash);
    expect(doc.docHash).toBe(hex(sha256(canonicalize(withoutProof(doc.credential)))));
  });
});
