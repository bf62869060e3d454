import type { FinanceDeps } from '../deps.ts';
import { canonicaliseInvoice, type InvoiceInput } from '../domain/canonical-invoice.ts';
import { type Fingerprint, type InvoiceAssetType, queryFingerprints } from '../domain/fingerprints.ts';
import { answerOf, type RegistryAnswer } from '../domain/registry-answer.ts';
import { matchingFingerprintTypes } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { requireFinancier } from './financier.ts';
import { recordRegistryQuery } from './record-query.ts';

/** The fingerprints a check looks up, under every registry key; the current key's come first. */
export const checkFingerprints = (deps: FinanceDeps, assetType: InvoiceAssetType, input: InvoiceInput) => {
  const invoice = canonicaliseInvoice(input, 'invoice.');
  const [current, ...retired] = deps.registryKeys;
  return {
    invoice,
    current: queryFingerprints(current, assetType, invoice),
    retired: retired.flatMap((key) => queryFingerprints(key, assetType, invoice)),
  };
};

/**
 * Asks the registry whether an invoice (or a purchase order, under its own asset type) is
 * financed already. The answer says only no_match,
 * exact_match or similar with a risk level, never by whom or for how much; the question is kept
 * in the query trail and the audit trail, whatever the answer.
 */
export const checkInvoice = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: InvoiceInput,
  assetType: InvoiceAssetType = 'invoice',
): Promise<RegistryAnswer & { queryId: string }> => {
  await requireFinancier(deps, organisationId);
  const { current, retired } = checkFingerprints(deps, assetType, input);
  const all: Fingerprint[] = [...current, ...retired];
  return deps.db.transaction(async (trx) => {
    const now = deps.now();
    const answer = answerOf(await matchingFingerprintTypes(trx, assetType, all, now));
    const queryId = await recordRegistryQuery(trx, ctx, {
      kind: 'check',
      organisationId,
      assetType,
      keyId: deps.registryKeys[0].keyId,
      fingerprints: current,
      answer: answer.answer,
      risk: answer.risk,
      at: now,
    });
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'registry_query', id: queryId },
      detail: { answer: answer.answer, risk: answer.risk },
    });
    return { queryId, ...answer };
  });
};
