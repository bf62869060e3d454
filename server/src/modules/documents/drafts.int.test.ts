import { inflateSync } from 'node:zlib';
import { createVerifier, findBundleInPdf } from '@tradehub/verifier';
import { sql } from 'kysely';
import { PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParty, createTestHub, type Party } from '../../../test/support/test-hub.ts';
import { sampleSubjects } from './domain/kinds/samples.ts';

type Json = Record<string, unknown>;
type Draft = {
  id: string;
  kind: string;
  documentNumber: string;
  subject: Json;
  version: number;
  status: 'draft' | 'issued';
  issuedDocumentId: string | null;
  documentVersion: number | null;
  replacesDocumentId: string | null;
  problems: { field: string; code: string }[];
};
type DocumentView = {
  id: string;
  credentialId: string;
  documentType: string;
  credential: { id: string; issuer: { id: string }; credentialSubject: Json };
};
type Problem = { code: string; errors?: { field: string; code: string }[] };

const invoiceSubject = sampleSubjects.commercial_invoice as Json;

describe('document drafts, amendments and bilingual PDFs', () => {
  let ctx: Awaited<ReturnType<typeof createTestHub>>;
  let alpha: Party;
  let bravo: Party;

  beforeAll(async () => {
    ctx = await createTestHub();
    await ctx.hub.transparencyLog.sequencer.stop();
    alpha = await createParty(ctx.hub, 'Alpha');
    bravo = await createParty(ctx.hub, 'Bravo');
  });
  afterAll(async () => ctx.close());

  const as = (party: Party) => ({ cookie: party.cookie });
  const drafts = (party: Party, path = '') => `/api/orgs/${party.organisationId}/documents/drafts${path}`;
  const send = (method: 'GET' | 'POST' | 'PUT', url: string, party: Party, payload?: unknown) =>
    ctx.hub.app.inject({
      method,
      url,
      headers: as(party),
      ...(payload === undefined ? {} : { payload: payload as Json }),
    });
  const createDraft = async (party: Party, body: Json) => {
    const res = await send('POST', drafts(party), party, body);
    expect(res.statusCode, res.body).toBe(201);
    return res.json<Draft>();
  };
  const issueDraft = (party: Party, draftId: string, body: Json = {}) =>
    send('POST', drafts(party, `/${draftId}/issue`), party, body);
  const integrate = () => ctx.hub.transparencyLog.integratePending({ batchMax: 100_000 });

  it('creates, reads, edits with a version check, and issues a draft validated against its kind', async () => {
    const draft = await createDraft(alpha, {
      kind: 'commercial_invoice',
      documentNumber: 'CI-DRAFT-1',
      subject: { ...invoiceSubject, lines: [] },
      orderRef: 'ord_example',
    });
    expect(draft).toMatchObject({
      kind: 'commercial_invoice',
      version: 1,
      status: 'draft',
      issuedDocumentId: null,
    });
    expect(draft.problems.map((p) => p.field)).toContain('subject.lines');

    // Issuing the invalid draft names the field and issues nothing.
    const refused = await issueDraft(alpha, draft.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.json<Problem>().errors?.map((e) => e.field)).toContain('subject.lines');

    const saved = await send('PUT', drafts(alpha, `/${draft.id}`), alpha, {
      version: 1,
      documentNumber: 'CI-DRAFT-1',
      subject: invoiceSubject,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json<Draft>()).toMatchObject({ version: 2, problems: [], orderRef: 'ord_example' });

    // A save over someone else's newer save is refused.
    const stale = await send('PUT', drafts(alpha, `/${draft.id}`), alpha, {
      version: 1,
      documentNumber: 'CI-DRAFT-1',
      subject: invoiceSubject,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<Problem>().code).toBe('documents.draft_version_conflict');

    const issued = await issueDraft(alpha, draft.id);
    expect(issued.statusCode, issued.body).toBe(201);
    const { document, draft: after } = issued.json<{ document: DocumentView; draft: Draft }>();
    expect(document.documentType).toBe('CommercialInvoice');
    expect(document.credential.credentialSubject).toMatchObject({
      type: 'CommercialInvoice',
      documentNumber: 'CI-DRAFT-1',
      version: 1,
      total: { amount: '6900.00', currency: 'USD' },
    });
    expect(document.credential.credentialSubject).not.toHaveProperty('replaces');
    expect(after).toMatchObject({ status: 'issued', issuedDocumentId: document.id, documentVersion: 1 });

    // Issued: the draft is a record now, neither editable nor issuable again.
    const edit = await send('PUT', drafts(alpha, `/${draft.id}`), alpha, {
      version: 2,
      documentNumber: 'CI-DRAFT-1',
      subject: invoiceSubject,
    });
    expect(edit.statusCode).toBe(409);
    expect(edit.json<Problem>().code).toBe('documents.draft_already_issued');
    expect((await issueDraft(alpha, draft.id)).json<Problem>().code).toBe('documents.draft_already_issued');
    const listed = await send('GET', drafts(alpha), alpha);
    expect(listed.json<{ items: Draft[] }>().items.map((d) => d.id)).toContain(draft.id);
  });

  it('issues an amendment that names the credential it replaces, once', async () => {
    const first = await createDraft(alpha, {
      kind: 'commercial_invoice',
      documentNumber: 'CI-AMEND-1',
      subject: invoiceSubject,
    });
    const v1 = (await issueDraft(alpha, first.id)).json<{ document: DocumentView }>().document;
    const amended = { ...invoiceSubject, note: 'Corrected consignee address / 更正收货人地址' };
    const second = await createDraft(alpha, {
      kind: 'commercial_invoice',
      documentNumber: 'CI-AMEND-1',
      subject: amended,
    });
    const rival = await createDraft(alpha, {
      kind: 'commercial_invoice',
      documentNumber: 'CI-AMEND-1',
      subject: amended,
    });
    const v2res = await issueDraft(alpha, second.id, { replacesDocumentId: v1.id });
    expect(v2res.statusCode, v2res.body).toBe(201);
    const v2 = v2res.json<{ document: DocumentView; draft: Draft }>();
    expect(v2.document.credential.credentialSubject).toMatchObject({ version: 2, replaces: v1.credentialId });
    expect(v2.draft).toMatchObject({ replacesDocumentId: v1.id, documentVersion: 2 });

    const versionsOf = async (id: string) =>
      (await send('GET', `/api/orgs/${alpha.organisationId}/documents/${id}/versions`, alpha)).json<Json>();
    expect(await versionsOf(v1.id)).toMatchObject({
      version: 1,
      replaces: null,
      supersededBy: v2.document.id,
    });
    expect(await versionsOf(v2.document.id)).toMatchObject({
      version: 2,
      replaces: { documentId: v1.id, credentialId: v1.credentialId },
      supersededBy: null,
    });

    // A second amendment of the same version is refused, and nothing was issued for it.
    const before = await countCredentials(alpha);
    const conflict = await issueDraft(alpha, rival.id, { replacesDocumentId: v1.id });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json<Problem>().code).toBe('documents.already_superseded');
    expect(await countCredentials(alpha)).toBe(before);

    // An amendment replaces a document of its own kind only; the field is named.
    const packing = await createDraft(alpha, {
      kind: 'packing_list',
      documentNumber: 'PL-1',
      subject: sampleSubjects.packing_list as Json,
    });
    const otherKind = await issueDraft(alpha, packing.id, { replacesDocumentId: v2.document.id });
    expect(otherKind.statusCode).toBe(400);
    expect(otherKind.json<Problem>().errors).toContainEqual(
      expect.objectContaining({ field: 'replacesDocumentId', code: 'documents.replaces_other_kind' }),
    );
  });

  const countCredentials = async (party: Party) =>
    Number(
      (
        await sql<{ n: string }>`select count(*) as n from documents.credentials
          where organisation_id = ${party.organisationId}`.execute(ctx.hub.db.kysely)
      ).rows[0]?.n,
    );

  it('never lets another organisation read, edit or issue a draft (404), nor amend its documents', async () => {
    const draft = await createDraft(alpha, {
      kind: 'packing_list',
      documentNumber: 'PL-PRIVATE',
      subject: sampleSubjects.packing_list as Json,
    });
    const body = { version: 1, documentNumber: 'PL-STOLEN', subject: {} };
    const attempts = [
      await send('GET', drafts(alpha, `/${draft.id}`), bravo),
      await send('PUT', drafts(alpha, `/${draft.id}`), bravo, body),
      await send('POST', drafts(alpha, `/${draft.id}/issue`), bravo, {}),
      // B's own organisation in the path, A's draft id: not found either.
      await send('GET', drafts(bravo, `/${draft.id}`), bravo),
      await send('PUT', drafts(bravo, `/${draft.id}`), bravo, body),
      await send('GET', drafts(alpha), bravo),
      await send('POST', drafts(alpha), bravo, { kind: 'packing_list', documentNumber: 'X', subject: {} }),
    ];
    for (const res of attempts) {
      expect(res.statusCode, res.body).toBe(404);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect((await send('GET', drafts(bravo), bravo)).json<{ items: Draft[] }>().items).toEqual([]);
    const still = (await send('GET', drafts(alpha, `/${draft.id}`), alpha)).json<Draft>();
    expect(still).toMatchObject({ version: 1, documentNumber: 'PL-PRIVATE', status: 'draft' });

    // B cannot amend A's document with its own draft: A's document is not B's to name.
    const alphaDoc = (await issueDraft(alpha, draft.id)).json<{ document: DocumentView }>().document;
    const bravoDraft = await createDraft(bravo, {
      kind: 'packing_list',
      documentNumber: 'PL-B',
      subject: sampleSubjects.packing_list as Json,
    });
    const hijack = await issueDraft(bravo, bravoDraft.id, { replacesDocumentId: alphaDoc.id });
    expect(hijack.statusCode).toBe(404);
    expect(
      (await send('GET', `/api/orgs/${alpha.organisationId}/documents/${alphaDoc.id}/versions`, bravo))
        .statusCode,
    ).toBe(404);
  });

  it('issues a draft once when two requests race, and the loser leaves no credential behind', async () => {
    const draft = await createDraft(alpha, {
      kind: 'commercial_invoice',
      documentNumber: 'CI-RACE',
      subject: invoiceSubject,
    });
    const before = await countCredentials(alpha);
    const results = await Promise.all([issueDraft(alpha, draft.id), issueDraft(alpha, draft.id)]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.statusCode === 409)?.json<Problem>().code).toBe(
      'documents.draft_already_issued',
    );
    expect(await countCredentials(alpha)).toBe(before + 1);
  });

  it('validates the draft request itself and names the field', async () => {
    const res = await send('POST', drafts(alpha), alpha, {
      kind: 'invoice',
      documentNumber: '',
      subject: {},
    });
    expect(res.statusCode).toBe(400);
    const fields = res.json<Problem>().errors?.map((e) => e.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['kind', 'documentNumber']));
  });

  it('renders every kind as a bilingual PDF whose attached bundle verifies with @tradehub/verifier', async () => {
    const issued: DocumentView[] = [];
    for (const [kind, subject] of Object.entries(sampleSubjects)) {
      const draft = await createDraft(alpha, { kind, documentNumber: `${kind}-PDF`, subject });
      const res = await issueDraft(alpha, draft.id);
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json<{ document: DocumentView }>().document);
    }
    await integrate();
    const didDocument = (
      await ctx.hub.app.inject({ method: 'GET', url: `/org/${alpha.organisationId}/did.json` })
    ).json<Json>();
    const trust = {
      type: 'tradehub-trust-policy/v1',
      logs: [{ origin: ctx.hub.transparencyLog.origin, vkeys: [ctx.hub.transparencyLog.verifierKey] }],
      witnesses: { vkeys: [], quorum: 0 },
      issuers: { didDocuments: { [issued[0]?.credential.issuer.id ?? '']: didDocument } },
    };
    for (const doc of issued) {
      const res = await send('GET', `/api/orgs/${alpha.organisationId}/documents/${doc.id}/pdf`, alpha);
      expect(res.statusCode, res.body.slice(0, 200)).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      const pdf = new Uint8Array(res.rawPayload);
      const found = await findBundleInPdf(pdf, {
        inflate: (data, maxBytes) => inflateSync(data, { maxOutputLength: maxBytes }),
      });
      if (!found.ok) {
        throw new Error(`${doc.documentType}: ${found.message}`);
      }
      expect(found.bundle.credential.id).toBe(doc.credentialId);
      const report = await createVerifier(trust).verify(found.bundle);
      expect(report.verdict, `${doc.documentType}: ${JSON.stringify(report.checks)}`).toBe('VALID');
      // The CJK font is embedded (a subset, not the 10 MB face): its name is in the file.
      const loaded = await PDFDocument.load(pdf);
      const baseFonts = [...loaded.context.enumerateIndirectObjects()]
        .map(([, object]) =>
          object instanceof PDFDict ? object.get(PDFName.of('BaseFont'))?.toString() : undefined,
        )
        .filter((name) => name !== undefined);
      expect(baseFonts.some((name) => name.startsWith('/NotoSansSC-Regular'))).toBe(true);
      expect(pdf.byteLength).toBeLessThan(400_000);
    }
  });
});
