import { formatMoneyAmount, money, toHex } from '@tradehub/kernel';
import type { Fingerprint } from '../domain/fingerprints.ts';
import type { RegistrationRow } from '../repository.ts';

const moneyJson = (amountMinor: string, currency: string) => ({
  amount: formatMoneyAmount(money(currency, BigInt(amountMinor))),
  currency,
});

/** A registration as its own financier sees it; nobody else ever sees one. */
export const presentRegistration = (row: RegistrationRow) => ({
  id: row.id,
  assetType: row.asset_type,
  status: row.status,
  faceAmount: moneyJson(row.face_amount_minor, row.currency),
  financedAmount: moneyJson(row.financed_amount_minor, row.currency),
  reference: row.reference,
  registeredAt: row.registered_at.toISOString(),
  expiresAt: row.expires_at.toISOString(),
  releasedAt: row.released_at?.toISOString() ?? null,
});

export type RegistrationView = ReturnType<typeof presentRegistration>;

/** The fingerprints as the query trail keeps them: hex, the exact one first. */
export const fingerprintTrail = (fingerprints: readonly Fingerprint[]) =>
  [...fingerprints]
    .sort((a, b) => Number(b.fpType === 'exact') - Number(a.fpType === 'exact'))
    .map((fp) => toHex(fp.fingerprint));
