import { AppError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import type { SigningAlgorithm } from '../keys/key-provider.ts';
import { findActiveSigningKey, lockOrganisationForKeyChange, retireSigningKey } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentSigningKey } from './presenters.ts';
import { activeLogSigningKey, commitKeyEvent, insertActiveSigningKey } from './signing-key-writes.ts';

/**
 * Replaces the organisation's active key with a new one. The old key is retired, not revoked:
 * documents it signed before now stay valid, and its DID document entry `expires` now.
 */
export const rotateSigningKey = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  algorithm: SigningAlgorithm = 'Ed25519',
) => {
  const { key, previous } = await deps.db.transaction(async (trx) => {
    if ((await lockOrganisationForKeyChange(trx, organisationId)) === undefined) {
      throw new AppError('http.not_found', `No organisation ${organisationId}.`);
    }
    const now = deps.now();
    const active = await findActiveSigningKey(trx, organisationId, algorithm);
    const retired = active === undefined ? null : await retireSigningKey(trx, organisationId, active.id, now);
    const fresh = await insertActiveSigningKey(deps, trx, organisationId, algorithm, now);
    await commitKeyEvent(deps, trx, {
      organisationId,
      event: retired === null ? 'created' : 'rotated',
      subject: fresh,
      signingKey: algorithm === 'Ed25519' ? fresh : await activeLogSigningKey(deps, trx, organisationId),
      departing: retired,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'signing_key', id: fresh.id },
      detail: { algorithm, previousKeyId: retired?.id ?? null },
    });
    return { key: fresh, previous: retired };
  });
  deps.afterCommit();
  const did = organisationDid(deps.publicUrl, organisationId);

  return {
    key: presentSigningKey(key, did),
    previous: previous === null ? null : presentSigningKey(previous, did),
  };
};
