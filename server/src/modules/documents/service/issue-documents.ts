import { randomBytes } from 'node:crypto';
import { AppError, type FieldError, newId } from '@tradehub/kernel';
import { TradeLogEntryKind, ZERO_HASH } from '@tradehub/verifier';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../platform/events/index.ts';
import type { DocumentsDeps } from '../deps.ts';
import { buildUnsignedCredential, type DocumentInput } from '../domain/credential.ts';
import { checkSubject } from '../domain/subject-checks.ts';
import { uuidV7 } from '../domain/uuid-v7.ts';
import { documentsEvents } from '../events.ts';
import { insertCredentials, type NewCredentialRow } from '../repository.ts';
import { actingAs, type Issuer, type WriteContext } from './context.ts';
import { recordIdOf, toHex } from './crypto.ts';
import { type IssueBatch, insertIssueBatch, signIssueBatch } from './issue-batch.ts';
import { actorOf, signEntry } from './log-entries.ts';
import { prepareProof, signCredentialWith } from './sign-credential.ts';
import { allocateStatusIndices } from './status-lists.ts';

/**
 * Documents per transaction, and so per issuance batch (one ISSUE_BATCH entry each). It keeps each
 * transaction (and the status lists' row lock) short however many documents a caller sends, and a
 * bundle's batch path at 10 hashes.
 */
export const ISSUE_CHUNK = 1000;

export type IssuedDocument = { id: string; credentialId: string; documentNumber: string; docHash: string };

/** Field errors of the inputs; `fieldOf(i)` names input i in the caller's terms. */
export const checkDocumentInputs = (
  inputs: readonly DocumentInput[],
  issuedAt: Date,
  fieldOf: (index: number) => string,
): FieldError[] => {
  const errors: FieldError[] = [];
  inputs.forEach((input, i) => {
    errors.push(...checkSubject(input.subject, `${fieldOf(i)}subject`));
    if (input.validUntil !== undefined && !(new Date(input.validUntil).getTime() > issuedAt.getTime())) {
      errors.push({
        field: `${fieldOf(i)}validUntil`,
        code: 'documents.valid_until_before_issue',
        message: 'validUntil must be later than the time of issue',
      });
    }
  });
  return errors;
};

// Per document: 10 random bytes for the UUIDv7, 32 for the nonce.
const RANDOM_PER_DOCUMENT = 42;
// Documents signed between two turns of the event loop, so the database's answers for the
// previous chunk are read while this one is being signed.
const YIELD_EVERY = 64;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

type BuiltChunk = {
  now: Date;
  rows: NewCredentialRow[];
  entries: Uint8Array[];
  batch?: IssueBatch;
};

/**
 * Builds and signs the credentials of one chunk and the log entries anchoring them: one
 * ISSUE_BATCH entry for the chunk when `batched`, else one ISSUE entry per document (a single
 * document keeps the simpler record). CPU only, no database.
 */
const buildChunk = async (
  deps: DocumentsDeps,
  issuer: Issuer,
  inputs: readonly DocumentInput[],
  firstIndex: number,
  now: Date,
  batched: boolean,
): Promise<BuiltChunk> => {
  const { key, organisationId } = issuer;
  const validFrom = now.toISOString();
  const prepared = prepareProof(key, validFrom);
  const actor = actorOf(key);
  const random = randomBytes(inputs.length * RANDOM_PER_DOCUMENT);
  const rows: BuiltChunk['rows'] = [];
  const entries: Uint8Array[] = [];
  for (const [i, input] of inputs.entries()) {
    if (i > 0 && i % YIELD_EVERY === 0) {
      await nextTurn();
    }
    const at = i * RANDOM_PER_DOCUMENT;
    const credentialId = `urn:uuid:${uuidV7(now.getTime(), random.subarray(at, at + 10))}`;
    const statusIndex = firstIndex + i;
    const validUntil = input.validUntil === undefined ? undefined : new Date(input.validUntil).toISOString();
    const unsecured = buildUnsignedCredential(
      { ...input, validUntil },
      {
        publicUrl: deps.publicUrl,
        organisationId,
        credentialId,
        issuerDid: key.did,
        issuerName: issuer.name,
        validFrom,
        nonce: random.subarray(at + 10, at + RANDOM_PER_DOCUMENT).toString('base64url'),
        statusIndex,
      },
    );
    const signed = signCredentialWith(unsecured, prepared, key.sign);
    const { credential, docHash } = signed instanceof Promise ? await signed : signed;
    const recordId = recordIdOf(key.did, credentialId);
    let entryLeafHash = ZERO_HASH;
    if (!batched) {
      const entry = await signEntry(
        {
          kind: TradeLogEntryKind.ISSUE,
          timeMs: now.getTime(),
          recordId,
          docHash,
          prevEntryHash: ZERO_HASH,
          actor,
          counterparty: ZERO_HASH,
          aux: ZERO_HASH,
        },
        key,
      );
      entryLeafHash = entry.leafHash;
      entries.push(entry.body);
    }
    rows.push({
      id: newId('doc'),
      credential_id: credentialId,
      document_type: input.documentType,
      document_number: input.documentNumber,
      credential: JSON.stringify(credential),
      doc_hash: docHash,
      record_id: recordId,
      entry_leaf_hash: entryLeafHash,
      status_index: statusIndex,
      valid_until: validUntil === undefined ? null : new Date(validUntil),
    });
  }
  if (!batched) {
    return { now, rows, entries };
  }
  const batchRandom = randomBytes(10);
  const batchId = `urn:uuid:${uuidV7(now.getTime(), batchRandom)}`;
  const batch = await signIssueBatch(
    key,
    batchId,
    rows.map((row) => row.doc_hash),
    now,
  );
  for (const row of rows) {
    row.entry_leaf_hash = batch.entry.leafHash;
  }
  return { now, rows, entries: [batch.entry.body], batch };
};

/** Stores a built chunk, queues its entries, publishes its event and audits it, in `trx`. */
const storeChunk = async (
  trx: Transaction<object>,
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  chunk: BuiltChunk,
): Promise<IssuedDocument[]> => {
  const { rows } = chunk;
  await insertCredentials(trx, { organisationId, issuedAt: chunk.now, issuedBy: actingAs(ctx.actor) }, rows);
  if (chunk.batch !== undefined) {
    await insertIssueBatch(trx, organisationId, chunk.batch, chunk.now);
  }
  await deps.log.queueEntries(trx, chunk.entries);
  const documentIds = rows.map((row) => row.id);
  await publishEvent(trx, {
    topic: documentsEvents.documentsIssued,
    organisationId,
    payload: { organisationId, documentIds },
  });
  const [first] = rows;
  await ctx.audit(trx, {
    organisationId,
    object: rows.length === 1 && first !== undefined ? { type: 'document', id: first.id } : null,
    detail: { count: rows.length, firstId: first?.id, lastId: rows.at(-1)?.id },
  });
  return rows.map((row) => ({
    id: row.id,
    credentialId: row.credential_id,
    documentNumber: row.document_number,
    docHash: toHex(row.doc_hash),
  }));
};

/**
 * Issues documents as signed W3C Verifiable Credentials (eddsa-jcs-2022) and anchors them in the
 * transparency log, queued in the transaction that stores the credentials, so either both exist
 * or neither: one document gets its own ISSUE entry; several get one ISSUE_BATCH entry per
 * transaction (the RFC 6962 root over their doc hashes, signed once), and each bundle carries the
 * credential's path in that batch. One code path for one document and for 100,000, in
 * transactions of ISSUE_CHUNK documents, each all-or-nothing:
 * - up to one chunk (every HTTP request), the status indices are allocated, the documents signed
 *   and stored in a single transaction;
 * - beyond, the indices of all documents are reserved first in a short transaction, then chunk
 *   k + 1 is signed while chunk k is being stored, so the database and the signing overlap. A
 *   failure stops at the failing chunk: earlier chunks stay issued, and the indices reserved for
 *   the rest stay unused (an unused index is never set, so it harms no one).
 * The caller has already decided that the actor may issue for the organisation.
 */
export type IssueOptions = {
  /**
   * Runs in the issuing transaction once the credentials are stored, so a caller's own record of
   * them (a draft marked issued, an order's document list) commits with them or not at all.
   * Only for batches of at most ISSUE_CHUNK documents, which issue in one transaction.
   */
  within?: (trx: Transaction<object>, issued: IssuedDocument[]) => Promise<void>;
};

export const issueDocuments = async (
  deps: DocumentsDeps,
  ctx: WriteContext,
  organisationId: string,
  inputs: readonly DocumentInput[],
  fieldOf: (index: number) => string = (i) => `documents.${i}.`,
  options: IssueOptions = {},
): Promise<IssuedDocument[]> => {
  if (options.within !== undefined && inputs.length > ISSUE_CHUNK) {
    // `within` promises one transaction; a larger batch commits chunk by chunk.
    throw new AppError(
      'documents.batch_too_large',
      `At most ${ISSUE_CHUNK} documents issue with a linked change.`,
    );
  }
  const errors = checkDocumentInputs(inputs, deps.now(), fieldOf);
  if (errors.length > 0) {
    throw new AppError('http.validation_failed', 'The request has invalid fields.', { fieldErrors: errors });
  }
  if (inputs.length === 0) {
    return [];
  }
  const [key, name] = await Promise.all([
    deps.activeKey(organisationId),
    deps.organisationName(organisationId),
  ]);
  const issuer: Issuer = { organisationId, name, key };
  if (inputs.length <= ISSUE_CHUNK) {
    const issued = await deps.db.transaction(async (trx) => {
      const now = deps.now();
      const firstIndex = await allocateStatusIndices(trx, deps, issuer, inputs.length, now);
      const chunk = await buildChunk(deps, issuer, inputs, firstIndex, now, inputs.length > 1);
      const stored = await storeChunk(trx, deps, ctx, organisationId, chunk);
      await options.within?.(trx, stored);
      return { entries: chunk.entries.length, issued: stored };
    });
    deps.afterCommit();
    deps.log.entriesQueued(issued.entries);
    return issued.issued;
  }
  const firstIndex = await deps.db.transaction((trx) =>
    allocateStatusIndices(trx, deps, issuer, inputs.length, deps.now()),
  );
  const issued: IssuedDocument[] = [];
  let storing: Promise<IssuedDocument[]> | undefined;
  const collect = async () => {
    if (storing !== undefined) {
      const stored = await storing;
      storing = undefined;
      issued.push(...stored);
      deps.afterCommit();
      // One ISSUE_BATCH entry per chunk.
      deps.log.entriesQueued(1);
    }
  };
  try {
    for (let at = 0; at < inputs.length; at += ISSUE_CHUNK) {
      const chunk = await buildChunk(
        deps,
        issuer,
        inputs.slice(at, at + ISSUE_CHUNK),
        firstIndex + at,
        deps.now(),
        true,
      );
      await collect();
      storing = deps.db.transaction((trx) => storeChunk(trx, deps, ctx, organisationId, chunk));
      // Handled here so a failure while the next chunk is signed is not an unhandled rejection;
      // it is still thrown when collected.
      storing.catch(() => undefined);
    }
    await collect();
  } finally {
    // A build that threw leaves a store in flight: let it finish (or fail) before answering.
    await storing?.catch(() => undefined);
  }
  return issued;
};
