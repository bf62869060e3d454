import { AppError, assert } from '@tradehub/kernel';
import { TradeLogEntryKind, ZERO_HASH } from '@tradehub/verifier';
import type { Transaction } from 'kysely';
import type { DocumentsDeps } from '../deps.ts';
import { buildStatusListCredential, type StatusPurpose, statusPurposes } from '../domain/credential.ts';
import {
  grownTo,
  MAX_STATUS_INDICES,
  STATUS_LIST_BLOCK_BYTES,
  statusListBytesFor,
  withStatusBit,
} from '../domain/status-bits.ts';
import {
  insertStatusLists,
  insertStatusListVersions,
  lockStatusList,
  lockStatusLists,
  type StatusListRow,
  setNextStatusIndex,
  updateStatusList,
} from '../repository.ts';
import type { Issuer } from './context.ts';
import { encodeStatusBits, recordIdOf } from './crypto.ts';
import { actorOf, type SignedEntry, signEntry } from './log-entries.ts';
import { prepareProof, signCredential } from './sign-credential.ts';

type ListVersion = {
  purpose: StatusPurpose;
  bits: Uint8Array;
  version: number;
  credential: string;
  /** SHA-256(JCS(list credential without proof)): the entry's doc_hash, and `aux` of status entries. */
  docHash: Uint8Array;
  entry: SignedEntry;
};

/**
 * Signs one version of a list and its STATUS_LIST_PUBLISHED entry. The entries of one list form a
 * chain (prev_entry_hash names the previous version's leaf), so the list's history can be neither
 * back-dated nor forked without the log showing it.
 */
const signListVersion = async (
  deps: Pick<DocumentsDeps, 'publicUrl'>,
  issuer: Issuer,
  change: { purpose: StatusPurpose; bits: Uint8Array; version: number; previousLeafHash: Uint8Array | null },
  now: Date,
): Promise<ListVersion> => {
  const validFrom = now.toISOString();
  const unsecured = buildStatusListCredential({
    publicUrl: deps.publicUrl,
    organisationId: issuer.organisationId,
    purpose: change.purpose,
    issuerDid: issuer.key.did,
    issuerName: issuer.name,
    validFrom,
    encodedList: encodeStatusBits(change.bits),
  });
  const { credential, docHash } = await signCredential(
    unsecured,
    prepareProof(issuer.key, validFrom),
    issuer.key.sign,
  );
  const entry = await signEntry(
    {
      kind: TradeLogEntryKind.STATUS_LIST_PUBLISHED,
      timeMs: now.getTime(),
      recordId: recordIdOf(issuer.key.did, String(unsecured.id)),
      docHash,
      prevEntryHash: change.previousLeafHash ?? ZERO_HASH,
      actor: actorOf(issuer.key),
      counterparty: ZERO_HASH,
      aux: ZERO_HASH,
    },
    issuer.key,
  );
  return { ...change, credential: JSON.stringify(credential), docHash, entry };
};

/** Stores the versions' history rows and queues their entries in the caller's transaction. */
const recordVersions = async (
  trx: Transaction<object>,
  deps: Pick<DocumentsDeps, 'log'>,
  organisationId: string,
  versions: readonly ListVersion[],
  now: Date,
) => {
  await insertStatusListVersions(
    trx,
    versions.map((v) => ({
      organisation_id: organisationId,
      purpose: v.purpose,
      version: v.version,
      credential: v.credential,
      entry_leaf_hash: v.entry.leafHash,
      log_index: null,
      published_at: now,
    })),
  );
  await deps.log.queueEntries(
    trx,
    versions.map((v) => v.entry.body),
  );
};

/** Both lists of the organisation, locked; created with their first published version if missing. */
const lockedLists = async (
  trx: Transaction<object>,
  deps: Pick<DocumentsDeps, 'publicUrl' | 'log'>,
  issuer: Issuer,
  now: Date,
): Promise<StatusListRow[]> => {
  const existing = await lockStatusLists(trx, issuer.organisationId);
  if (existing.length === statusPurposes.length) {
    return existing;
  }
  assert(existing.length === 0, 'an organisation has both status lists or neither');
  const bits = new Uint8Array(STATUS_LIST_BLOCK_BYTES);
  const versions = await Promise.all(
    statusPurposes.map((purpose) =>
      signListVersion(deps, issuer, { purpose, bits, version: 1, previousLeafHash: null }, now),
    ),
  );
  const inserted = await insertStatusLists(
    trx,
    versions.map((v) => ({
      organisation_id: issuer.organisationId,
      purpose: v.purpose,
      bits: v.bits,
      next_index: 0,
      version: v.version,
      credential: v.credential,
      entry_leaf_hash: v.entry.leafHash,
      updated_at: now,
    })),
  );
  // A concurrent first issuance created them first (the insert waited for it): use its versions.
  if (inserted.length > 0) {
    assert(inserted.length === statusPurposes.length, 'both status lists are created together');
    await recordVersions(trx, deps, issuer.organisationId, versions, now);
  }
  const created = await lockStatusLists(trx, issuer.organisationId);
  assert(created.length === statusPurposes.length, 'status lists exist after creation');
  return created;
};

/**
 * Allocates `count` consecutive status indices under the lists' row lock and returns the first.
 * When the lists must grow to cover them, a longer version of each is published in the same
 * transaction, so no credential ever names an index beyond its published list.
 */
export const allocateStatusIndices = async (
  trx: Transaction<object>,
  deps: Pick<DocumentsDeps, 'publicUrl' | 'log'>,
  issuer: Issuer,
  count: number,
  now: Date,
): Promise<number> => {
  const lists = await lockedLists(trx, deps, issuer, now);
  const start = lists[0]?.next_index ?? 0;
  const next = start + count;
  if (next > MAX_STATUS_INDICES) {
    throw new AppError(
      'documents.status_list_full',
      `This organisation's status lists hold ${MAX_STATUS_INDICES} documents; no index is left for ${count} more.`,
    );
  }
  const needed = statusListBytesFor(next);
  const grow = lists.filter((list) => list.bits.length < needed);
  if (grow.length === 0) {
    await setNextStatusIndex(trx, issuer.organisationId, next, now);
    return start;
  }
  const versions = await Promise.all(
    grow.map((list) =>
      signListVersion(
        deps,
        issuer,
        {
          purpose: list.purpose,
          bits: grownTo(list.bits, needed),
          version: list.version + 1,
          previousLeafHash: list.entry_leaf_hash,
        },
        now,
      ),
    ),
  );
  for (const v of versions) {
    await updateStatusList(trx, issuer.organisationId, v.purpose, {
      bits: v.bits,
      next_index: next,
      version: v.version,
      credential: v.credential,
      entry_leaf_hash: v.entry.leafHash,
      updated_at: now,
    });
  }
  await setNextStatusIndex(trx, issuer.organisationId, next, now);
  await recordVersions(trx, deps, issuer.organisationId, versions, now);
  return start;
};

/**
 * Sets or clears one bit of a list and publishes the new version (signed, logged) in the caller's
 * transaction. Returns the new version's doc_hash, which the status change's entry carries as aux.
 */
export const publishStatusBit = async (
  trx: Transaction<object>,
  deps: Pick<DocumentsDeps, 'publicUrl' | 'log'>,
  issuer: Issuer,
  change: { purpose: StatusPurpose; index: number; value: boolean },
  now: Date,
): Promise<{ docHash: Uint8Array; version: number }> => {
  const list = await lockStatusList(trx, issuer.organisationId, change.purpose);
  assert(list !== undefined, 'a document with a status index has status lists');
  const version = await signListVersion(
    deps,
    issuer,
    {
      purpose: change.purpose,
      bits: withStatusBit(list.bits, change.index, change.value),
      version: list.version + 1,
      previousLeafHash: list.entry_leaf_hash,
    },
    now,
  );
  await updateStatusList(trx, issuer.organisationId, change.purpose, {
    bits: version.bits,
    version: version.version,
    credential: version.credential,
    entry_leaf_hash: version.entry.leafHash,
    updated_at: now,
  });
  await recordVersions(trx, deps, issuer.organisationId, [version], now);
  return { docHash: version.docHash, version: version.version };
};
