import { AppError, newId } from '@tradehub/kernel';
import { appendAudit } from '../../../platform/audit/index.ts';
import type { IdentityDeps } from '../deps.ts';
import type { SigningAlgorithm } from '../keys/key-provider.ts';
import { findActiveSigningKey, lockOrganisationForKeyChange, type SigningKeyRow } from '../repository.ts';
import { createSigningKeyInTransaction } from './signing-key-writes.ts';

/**
 * The organisation's active key of `algorithm`, created on first use. Organisations registered
 * since keys exist get theirs with the organisation; this covers the ones registered before, and
 * the optional algorithms. The creation is the hub's own act, audited as the system.
 */
export const ensureSigningKey = async (
  deps: IdentityDeps,
  organisationId: string,
  algorithm: SigningAlgorithm = 'Ed25519',
): Promise<SigningKeyRow> => {
  const existing = await findActiveSigningKey(deps.db.kysely, organisationId, algorithm);
  if (existing !== undefined) {
    return existing;
  }
  const { key, created } = await deps.db.transaction(async (trx) => {
    if ((await lockOrganisationForKeyChange(trx, organisationId)) === undefined) {
      throw new AppError('http.not_found', `No organisation ${organisationId}.`);
    }
    // Another request may have created it while this one waited for the lock.
    const raced = await findActiveSigningKey(trx, organisationId, algorithm);
    if (raced !== undefined) {
      return { key: raced, created: false };
    }
    const fresh = await createSigningKeyInTransaction(deps, trx, organisationId, algorithm);
    await appendAudit(trx, {
      organisationId,
      actor: { type: 'system', id: null, label: 'tradehub signing keys' },
      action: 'identity.signing_key.create',
      object: { type: 'signing_key', id: fresh.id },
      requestId: newId('req'),
      outcome: 'success',
      statusCode: 200,
      detail: { algorithm },
    });
    return { key: fresh, created: true };
  });
  if (created) {
    deps.afterCommit();
  }
  return key;
};
