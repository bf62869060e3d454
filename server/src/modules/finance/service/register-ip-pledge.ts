import { AppError, isCurrencyCode, newId } from '@tradehub/kernel';
import type { Actor, Executor } from '../../../platform/access/index.ts';
import type { FinanceDeps } from '../deps.ts';
import { ipAssetFingerprint } from '../domain/fingerprints.ts';
import { canonicaliseIpRight, type IpRightInput, ipPledgeExpiry } from '../domain/ip-asset.ts';
import { expireLapsed, insertRegistrationRowUnlessHeld, matchingFingerprintTypes } from '../repository.ts';
import { requireFinancier } from './financier.ts';
import { recordRegistryQuery } from './record-query.ts';

/** An IP right pledged to a bank, as the IP registry (expo) registers it in its own transaction. */
export type IpPledgeRegistration = {
  /** The organisation pledging the right (its holder), whose person or API key acts. */
  pledgorOrganisationId: string;
  actor: Actor;
  requestId: string;
  /** The bank the right is pledged to: the registration's financier. */
  financierOrganisationId: string;
  right: IpRightInput;
  /** What the pledge secures: the registration's face and financed amount alike. */
  securedAmount: { amountMinor: bigint; currency: string };
  /** The last day of the pledge term (YYYY-MM-DD, after today in China); a year when left out. */
  expiresOn?: string | undefined;
  /** The loan reference, shown to the bank with its registration. */
  reference?: string | null | undefined;
};

export type IpPledgeOutcome =
  | { registered: true; registrationId: string; expiresAt: Date }
  /** An active registration holds the same right (whichever bank's): nothing was registered. */
  | { registered: false };

/**
 * Registers an IP right as pledged to a bank, inside the caller's transaction `trx`, so that the
 * IP registry's pledge row and this registration commit or roll back together. The right is
 * fingerprinted from its identity only (kind, jurisdiction, canonical registry number; never
 * stored in clear), with the one `exact` fingerprint whose partial unique index makes "pledged at
 * most once at a time, across all banks" atomic: of two pledges of one right at once, exactly
 * one registers. A refusal writes no registration and leaves `trx` usable; either way the attempt
 * is appended to the query trail in `trx` (kind `registration`, asset type `ip_asset`), so the
 * caller commits it even when it then refuses the pledge.
 */
export const registerIpPledge = async (
  deps: FinanceDeps,
  trx: Executor,
  pledge: IpPledgeRegistration,
): Promise<IpPledgeOutcome> => {
  await requireFinancier(deps, pledge.financierOrganisationId, trx);
  const right = canonicaliseIpRight(pledge.right);
  const now = deps.now();
  const expiresAt = ipPledgeExpiry(now, pledge.expiresOn);
  const { amountMinor, currency } = pledge.securedAmount;
  if (expiresAt === undefined || amountMinor <= 0n || !isCurrencyCode(currency)) {
    throw new AppError('http.validation_failed', 'The pledge cannot be registered: see the fields.', {
      fieldErrors: [
        ...(expiresAt === undefined
          ? [
              {
                field: 'expiresOn',
                code: 'finance.expiry_not_after_now',
                message: 'A day after today and at most ten years ahead',
              },
            ]
          : []),
        ...(amountMinor <= 0n || !isCurrencyCode(currency)
          ? [{ field: 'securedAmount', code: 'finance.amount_not_positive', message: 'More than zero' }]
          : []),
      ],
    });
  }
  const [key, ...retiredKeys] = deps.registryKeys;
  const current = ipAssetFingerprint(key, right);
  const all = [current, ...retiredKeys.map((retired) => ipAssetFingerprint(retired, right))];
  const trail = (answer: 'registered' | 'already_financed') =>
    recordRegistryQuery(trx, pledge, {
      kind: 'registration',
      organisationId: pledge.pledgorOrganisationId,
      assetType: 'ip_asset',
      keyId: key.keyId,
      fingerprints: [current],
      answer,
      risk: answer === 'registered' ? 'none' : 'high',
      at: now,
    });

  // A registration past its expiry no longer holds the right: mark it so the index frees it.
  await expireLapsed(
    trx,
    'ip_asset',
    all.map((fp) => fp.fingerprint),
    now,
  );
  // Rows under a retired key are not covered by the unique index against the current key's.
  const held = (await matchingFingerprintTypes(trx, 'ip_asset', all, now)).size > 0;
  const id = newId('frg');
  if (
    held ||
    !(await insertRegistrationRowUnlessHeld(trx, {
      id,
      asset_type: 'ip_asset',
      fp_type: 'exact',
      key_id: current.keyId,
      fingerprint: current.fingerprint,
      financier_organisation_id: pledge.financierOrganisationId,
      face_amount_minor: amountMinor.toString(),
      financed_amount_minor: amountMinor.toString(),
      currency,
      status: 'active',
      registered_at: now,
      expires_at: expiresAt,
      reference: pledge.reference ?? null,
    }))
  ) {
    await trail('already_financed');
    return { registered: false };
  }
  await trail('registered');
  return { registered: true, registrationId: id, expiresAt };
};
