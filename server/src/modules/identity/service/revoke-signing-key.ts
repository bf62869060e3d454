import { AppError } from '@tradehub/kernel';
import type { IdentityDeps } from '../deps.ts';
import { organisationDid } from '../domain/did-web.ts';
import type { RevocationReason } from '../domain/key-events.ts';
import {
  findSigningKey,
  lockOrganisationForKeyChange,
  revokeSigningKey as revokeSigningKeyRow,
} from '../repository.ts';
import type { WriteContext } from './context.ts';
import { presentSigningKey } from './presenters.ts';
import { activeLogSigningKey, commitKeyEvent, insertActiveSigningKey } from './signing-key-writes.ts';

export type RevokeSigningKeyInput = {
  reason: RevocationReason;
  /**
   * When the key stopped being trustworthy, if before now: the revocation takes effect then, so
   * documents signed with it since are invalid. Not before the key existed, not in the future.
   */
  compromisedAt?: Date;
};

const compromiseTimeInvalid = (message: string) =>
  new AppError('identity.compromise_time_invalid', message, {
    fieldErrors: [{ field: 'compromisedAt', code: 'identity.compromise_time_invalid', message }],
  });

/**
 * Revokes a key. Revoking the active key puts a new active key in its place in the same
 * transaction, so the organisation can go on signing; the entry in the log is signed by the key
 * that is active afterwards.
 */
export const revokeSigningKey = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  keyId: string,
  input: RevokeSigningKeyInput,
) => {
  const { revoked, replacement } = await deps.db.transaction(async (trx) => {
    if ((await lockOrganisationForKeyChange(trx, organisationId)) === undefined) {
      throw new AppError('http.not_found', `No organisation ${organisationId}.`);
    }
    const key = await findSigningKey(trx, organisationId, keyId);
    if (key === undefined) {
      throw new AppError('http.not_found', `No signing key ${keyId}.`);
    }
    if (key.status === 'revoked') {
      throw new AppError('identity.signing_key_revoked', `Signing key ${keyId} is already revoked.`);
    }
    const now = deps.now();
    const revokedAt = input.compromisedAt ?? now;
    if (revokedAt.getTime() > now.getTime()) {
      throw compromiseTimeInvalid('compromisedAt is in the future');
    }
    if (revokedAt.getTime() < key.created_at.getTime()) {
      throw compromiseTimeInvalid(
        `compromisedAt is before the key was created (${key.created_at.toISOString()})`,
      );
    }
    const revokedKey = await revokeSigningKeyRow(trx, organisationId, keyId, revokedAt, input.reason);
    const fresh =
      key.status === 'active'
        ? await insertActiveSigningKey(deps, trx, organisationId, key.algorithm, now)
        : null;
    await commitKeyEvent(deps, trx, {
      organisationId,
      event: 'revoked',
      subject: revokedKey,
      signingKey:
        fresh !== null && fresh.algorithm === 'Ed25519'
          ? fresh
          : await activeLogSigningKey(deps, trx, organisationId),
      departing: revokedKey,
      at: revokedAt,
      reason: input.reason,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'signing_key', id: keyId },
      detail: {
        reason: input.reason,
        revokedAt: revokedAt.toISOString(),
        replacementKeyId: fresh?.id ?? null,
      },
    });
    return { revoked: revokedKey, replacement: fresh };
  });
  deps.afterCommit();
  const did = organisationDid(deps.publicUrl, organisationId);

  return {
    revoked: presentSigningKey(revoked, did),
    replacement: replacement === null ? null : presentSigningKey(replacement, did),
  };
};
