import { AppError, assert, newId } from '@tradehub/kernel';
import {
  actorHashOfEd25519Key,
  encodeTradeLogEntry,
  tradeLogEntryLeafHash,
  tradeLogEntrySigningInput,
} from '@tradehub/verifier';
import type { Transaction } from 'kysely';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import {
  type KeyEventKind,
  keyEventEntryFields,
  keyEventStatementText,
  type RevocationReason,
} from '../domain/key-events.ts';
import { identityEvents } from '../events.ts';
import { KeyUnavailableError, type Signer, type SigningAlgorithm } from '../keys/key-provider.ts';
import {
  findActiveSigningKey,
  insertSigningKey,
  insertSigningKeyEvent,
  latestSigningKeyEventLeafHash,
  type SigningKeyRow,
} from '../repository.ts';

/** Prefix of signing key ids (`skey_01J…`); the id is also the fragment of the key's DID URL. */
export const signingKeyIdPrefix = 'skey';

/**
 * A signing function for a stored key. A key the configured provider cannot use (another
 * provider made it, the hub secret changed, the handle was tampered with) is a 503 for the
 * operator to fix, never a silent fallback to another key.
 */
export const bindSigningKey = (deps: IdentityDeps, row: SigningKeyRow): Signer => {
  if (row.provider !== deps.keyProvider.name) {
    throw new AppError(
      'identity.signing_key_unavailable',
      `Signing key ${row.id} is held by key provider "${row.provider}", which this hub does not use.`,
    );
  }
  try {
    return deps.keyProvider.bind({
      organisationId: row.organisation_id,
      keyId: row.id,
      algorithm: row.algorithm,
      handle: row.key_handle,
    });
  } catch (error) {
    if (error instanceof KeyUnavailableError) {
      throw new AppError(
        'identity.signing_key_unavailable',
        `Signing key ${row.id} cannot be used by this hub.`,
      );
    }
    throw error;
  }
};

/** Generates a key with the provider and stores it as the organisation's active key. */
export const insertActiveSigningKey = async (
  deps: IdentityDeps,
  trx: Transaction<object>,
  organisationId: string,
  algorithm: SigningAlgorithm,
  createdAt: Date,
): Promise<SigningKeyRow> => {
  const keyId = newId(signingKeyIdPrefix);
  const generated = await deps.keyProvider.generate({ organisationId, keyId, algorithm });
  return insertSigningKey(trx, {
    id: keyId,
    organisation_id: organisationId,
    algorithm,
    public_key: generated.publicKey,
    actor_hash: algorithm === 'Ed25519' ? actorHashOfEd25519Key(generated.publicKey) : null,
    key_handle: generated.handle,
    provider: deps.keyProvider.name,
    status: 'active',
    created_at: createdAt,
    retired_at: null,
    revoked_at: null,
    revocation_reason: null,
  });
};

const eventTopics = {
  created: identityEvents.signingKeyCreated,
  rotated: identityEvents.signingKeyRotated,
  revoked: identityEvents.signingKeyRevoked,
} as const satisfies Record<KeyEventKind, string>;

export type KeyEventInput = {
  organisationId: string;
  event: KeyEventKind;
  /** The key the event is about: the new key (created, rotated) or the revoked key. */
  subject: SigningKeyRow;
  /** The active Ed25519 key after the change: it signs the log entry. */
  signingKey: SigningKeyRow;
  /** The key that stopped being usable (rotated out or revoked), if any. */
  departing: SigningKeyRow | null;
  at: Date;
  reason?: RevocationReason;
};

/**
 * Commits a key event in the change's transaction: the signed KEY_ROTATION entry (chained to the
 * organisation's previous one) stored with its statement, queued for the transparency log, and
 * published as an event. Rolls back with the change.
 */
export const commitKeyEvent = async (deps: IdentityDeps, trx: Transaction<object>, input: KeyEventInput) => {
  const { organisationId, signingKey } = input;
  assert(
    signingKey.algorithm === 'Ed25519' && signingKey.actor_hash !== null && signingKey.status === 'active',
    'log entries are signed by the active Ed25519 key',
  );
  const did = organisationDid(deps.publicUrl, organisationId);
  const statement = keyEventStatementText({
    did,
    keyId: input.subject.id,
    event: input.event,
    at: input.at,
    ...(input.reason === undefined ? {} : { reason: input.reason }),
  });
  const fields = keyEventEntryFields({
    did,
    statementText: statement,
    timeMs: deps.now().getTime(),
    prevEntryHash: await latestSigningKeyEventLeafHash(trx, organisationId),
    actor: signingKey.actor_hash,
    // Multikey defines no code this entry could hash for an SM2 key: a departing SM2 key is zeros.
    counterparty: input.departing?.actor_hash ?? null,
  });
  const signature = await bindSigningKey(deps, signingKey)(tradeLogEntrySigningInput(fields));
  const entry = encodeTradeLogEntry(fields, signature);
  await insertSigningKeyEvent(trx, {
    organisation_id: organisationId,
    key_id: input.subject.id,
    event: input.event,
    at: input.at,
    statement,
    log_entry: entry,
    leaf_hash: tradeLogEntryLeafHash(entry),
  });
  await deps.transparencyLog.queueEntries(trx, [entry]);
  await publishEvent(trx, {
    topic: eventTopics[input.event],
    organisationId,
    payload: {
      organisationId,
      keyId: input.subject.id,
      algorithm: input.subject.algorithm,
      activeKeyId: signingKey.id,
      ...(input.departing === null ? {} : { departingKeyId: input.departing.id }),
      ...(input.reason === undefined ? {} : { reason: input.reason }),
    },
  });
  return entry;
};

/**
 * Creates the organisation's first key of `algorithm` in the caller's transaction, with its
 * `created` entry. An SM2 key's entry is signed by the Ed25519 key, made first if missing.
 */
export const createSigningKeyInTransaction = async (
  deps: IdentityDeps,
  trx: Transaction<object>,
  organisationId: string,
  algorithm: SigningAlgorithm,
): Promise<SigningKeyRow> => {
  const now = deps.now();
  const key = await insertActiveSigningKey(deps, trx, organisationId, algorithm, now);
  const signingKey = algorithm === 'Ed25519' ? key : await activeLogSigningKey(deps, trx, organisationId);
  await commitKeyEvent(deps, trx, {
    organisationId,
    event: 'created',
    subject: key,
    signingKey,
    departing: null,
    at: now,
  });
  return key;
};

/** The active Ed25519 key that signs the organisation's log entries, created if it has none. */
export const activeLogSigningKey = async (
  deps: IdentityDeps,
  trx: Transaction<object>,
  organisationId: string,
): Promise<SigningKeyRow> =>
  (await findActiveSigningKey(trx, organisationId, 'Ed25519')) ??
  createSigningKeyInTransaction(deps, trx, organisationId, 'Ed25519');
