import { AppError, newId, toHex } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  TradeLogEntryKind,
  tradeLogEntryLeafHash,
  tradeLogEntrySigningInput,
  ZERO_HASH,
} from '@tradehub/verifier';
import type { Transaction } from 'kysely';
import type { WriteContext } from '../../service/context.ts';
import { financierKinds } from '../../service/financier.ts';
import type { CreditDeps } from '../deps.ts';
import { explanationText, factorDescriptions } from '../domain/explanations.ts';
import { scoreCredit, scorecard } from '../domain/scorecard.ts';
import {
  SNAPSHOT_TYPE,
  type SnapshotPayload,
  snapshotHash,
  snapshotMessage,
  snapshotRecordId,
} from '../domain/snapshot-payload.ts';
import {
  findSnapshot,
  insertShare,
  insertSnapshot,
  isSharedWith,
  listShares,
  listVisibleSnapshots,
  type SnapshotRow,
} from '../repository-credit.ts';
import type { CreditKey } from './credit-key.ts';
import { gatherFacts } from './gather-facts.ts';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const snapshotNotFound = (id: string) =>
  new AppError('finance.credit_snapshot_not_found', `No credit snapshot ${id}.`);

/** The public half of the snapshot key, as a verifier needs it. */
export const publicKeyView = (key: CreditKey) => ({
  algorithm: 'Ed25519' as const,
  keyId: key.keyId,
  publicKey: b64url(key.publicKey),
});

/** The published scorecard: weights, steps, descriptions, and the keys that sign and log snapshots. */
export const scorecardView = (deps: CreditDeps, key: CreditKey) => ({
  ...scorecard,
  factors: Object.entries(scorecard.factors).map(([factor, spec]) => ({
    factor,
    ...spec,
    description: factorDescriptions[factor as keyof typeof factorDescriptions],
  })),
  signingKey: publicKeyView(key),
  logVerifierKey: deps.log.verifierKey,
});

const present = async (deps: CreditDeps, key: CreditKey, row: SnapshotRow, viewer: string) => {
  const payload = JSON.parse(row.payload) as SnapshotPayload;
  const index = await deps.log.indexOfLeafHash(row.entry_leaf_hash);
  const shares = row.organisation_id === viewer ? await listShares(deps.db.kysely, row.id) : [];
  return {
    id: row.id,
    organisationId: row.organisation_id,
    createdAt: row.created_at.toISOString(),
    score: row.score,
    grade: row.grade,
    scorecardVersion: row.scorecard_version,
    payload,
    explanations: payload.score.factors.map((factor) => ({
      factor: factor.factor,
      points: factor.points,
      max: factor.max,
      text: {
        en: explanationText(factor.explanation, 'en'),
        'zh-CN': explanationText(factor.explanation, 'zh-CN'),
      },
    })),
    verification: {
      // The exact signed text: verify the signature over its UTF-8 bytes, not over a re-serialisation.
      signedPayload: row.payload,
      payloadSha256: toHex(row.payload_sha256),
      signature: { ...publicKeyView(key), keyId: row.key_id, value: b64url(row.signature) },
      log: {
        entry: Buffer.from(row.entry).toString('base64'),
        leafHash: toHex(row.entry_leaf_hash),
        index: index ?? null,
        tlogProof: index === undefined ? null : await deps.log.tlogProof(index),
        verifierKey: deps.log.verifierKey,
      },
    },
    // Only the organisation itself sees whom it shared the snapshot with.
    sharedWith:
      row.organisation_id === viewer
        ? shares.map((share) => ({
            organisationId: share.financier_organisation_id,
            sharedAt: share.shared_at.toISOString(),
          }))
        : undefined,
  };
};

export type SnapshotView = Awaited<ReturnType<typeof present>>;

/**
 * Computes the organisation's score from its records now, signs the payload with the hub's
 * snapshot key, stores it and queues a SIGN log entry over its hash, all in one transaction.
 */
export const createSnapshot = async (
  deps: CreditDeps,
  key: CreditKey,
  ctx: WriteContext,
  organisationId: string,
): Promise<SnapshotView> => {
  const now = deps.now();
  const facts = await gatherFacts(deps, organisationId, now);
  const id = newId('csn');
  const payload: SnapshotPayload = {
    type: SNAPSHOT_TYPE,
    id,
    organisationId,
    computedAt: now.toISOString(),
    keyId: key.keyId,
    facts,
    score: scoreCredit(facts),
  };
  const message = snapshotMessage(payload);
  const signature = key.sign(message);
  const docHash = snapshotHash(payload);
  const fields = {
    kind: TradeLogEntryKind.SIGN,
    timeMs: now.getTime(),
    recordId: snapshotRecordId(organisationId, id),
    docHash,
    prevEntryHash: ZERO_HASH,
    actor: actorHashOfEd25519Key(key.publicKey),
    counterparty: ZERO_HASH,
    aux: ZERO_HASH,
  };
  const entry = encodeTradeLogEntry(fields, key.sign(tradeLogEntrySigningInput(fields)));
  const row: SnapshotRow = {
    id,
    organisation_id: organisationId,
    scorecard_version: payload.score.scorecardVersion,
    score: payload.score.total,
    grade: payload.score.grade,
    payload: new TextDecoder().decode(message),
    payload_sha256: docHash,
    key_id: key.keyId,
    signature,
    entry_leaf_hash: tradeLogEntryLeafHash(entry),
    entry,
    actor_type: ctx.actor.kind === 'user' ? 'user' : 'api_key',
    actor_id: ctx.actor.kind === 'user' ? ctx.actor.userId : ctx.actor.apiKeyId,
    created_at: now,
  };
  await deps.db.transaction(async (trx) => {
    await insertSnapshot(trx, row);
    await deps.log.queueEntries(trx as Transaction<object>, [entry]);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'credit_snapshot', id },
      detail: { score: row.score, grade: row.grade, scorecardVersion: row.scorecard_version },
    });
  });
  deps.log.entriesQueued(1);
  return present(deps, key, row, organisationId);
};

/** A snapshot the organisation made or a financier it was shared with; anyone else: not found. */
export const getSnapshot = async (
  deps: CreditDeps,
  key: CreditKey,
  organisationId: string,
  snapshotId: string,
): Promise<SnapshotView> => {
  const row = await findSnapshot(deps.db.kysely, snapshotId);
  if (
    row === undefined ||
    (row.organisation_id !== organisationId &&
      !(await isSharedWith(deps.db.kysely, snapshotId, organisationId)))
  ) {
    throw snapshotNotFound(snapshotId);
  }
  return present(deps, key, row, organisationId);
};

/** The organisation's own snapshots and those shared with it, newest first, without the proofs. */
export const listSnapshots = async (
  deps: CreditDeps,
  organisationId: string,
  options: { cursor?: string | undefined; limit: number },
) => {
  const rows = await listVisibleSnapshots(deps.db.kysely, organisationId, options);
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => ({
      id: row.id,
      organisationId: row.organisation_id,
      createdAt: row.created_at.toISOString(),
      score: row.score,
      grade: row.grade,
      scorecardVersion: row.scorecard_version,
      own: row.organisation_id === organisationId,
    })),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
};

/** Shares one of the organisation's snapshots with a bank, payment institution or insurer. */
export const shareSnapshot = async (
  deps: CreditDeps,
  ctx: WriteContext,
  organisationId: string,
  snapshotId: string,
  financierId: string,
) => {
  const row = await findSnapshot(deps.db.kysely, snapshotId);
  if (row === undefined || row.organisation_id !== organisationId) {
    throw snapshotNotFound(snapshotId);
  }
  const kind = financierId === organisationId ? undefined : await deps.organisationKind(financierId);
  if (kind === undefined || !financierKinds.has(kind)) {
    throw new AppError('finance.credit_share_not_financier', 'A snapshot is shared with a financier only.', {
      fieldErrors: [
        {
          field: 'organisationId',
          code: 'finance.credit_share_not_financier',
          message: 'not a bank, payment institution or insurer on the hub',
        },
      ],
    });
  }
  const sharedAt = deps.now();
  await deps.db.transaction(async (trx) => {
    await insertShare(trx, {
      snapshot_id: snapshotId,
      financier_organisation_id: financierId,
      shared_at: sharedAt,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'credit_snapshot', id: snapshotId },
      detail: { sharedWith: financierId },
    });
  });
  return { snapshotId, organisationId: financierId, sharedAt: sharedAt.toISOString() };
};
