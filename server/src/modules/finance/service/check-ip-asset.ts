import type { FinanceDeps } from '../deps.ts';
import { ipAssetFingerprint } from '../domain/fingerprints.ts';
import { canonicaliseIpRight, type IpRightInput } from '../domain/ip-asset.ts';
import { answerOf, type RegistryAnswer } from '../domain/registry-answer.ts';
import { matchingFingerprintTypes } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { requireFinancier } from './financier.ts';
import { recordRegistryQuery } from './record-query.ts';

/**
 * Asks the registry whether an IP right is pledged, before lending against it. The answer is
 * exact_match (an active pledge holds the very right, at whichever bank) or no_match, with a risk
 * level, never by whom, to whom or for how much, just as an invoice check; the question is kept in
 * the query trail (asset type `ip_asset`) and the audit trail, whatever the answer.
 */
export const checkIpAsset = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: IpRightInput,
): Promise<RegistryAnswer & { queryId: string }> => {
  await requireFinancier(deps, organisationId);
  const right = canonicaliseIpRight(input);
  const [key, ...retiredKeys] = deps.registryKeys;
  const current = ipAssetFingerprint(key, right);
  const retired = retiredKeys.map((retiredKey) => ipAssetFingerprint(retiredKey, right));
  return deps.db.transaction(async (trx) => {
    const now = deps.now();
    const answer = answerOf(await matchingFingerprintTypes(trx, 'ip_asset', [current, ...retired], now));
    const queryId = await recordRegistryQuery(trx, ctx, {
      kind: 'check',
      organisationId,
      assetType: 'ip_asset',
      keyId: current.keyId,
      fingerprints: [current],
      answer: answer.answer,
      risk: answer.risk,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'registry_query', id: queryId },
      detail: { assetType: 'ip_asset', answer: answer.answer, risk: answer.risk },
    });
    return { queryId, ...answer };
  });
};
