import { AppError, assert, type FieldError, isAppError, newId, parseMoney } from '@tradehub/kernel';
import type { FinanceDeps } from '../deps.ts';
import type { InvoiceInput } from '../domain/canonical-invoice.ts';
import { type InvoiceAssetType, registrationFingerprints } from '../domain/fingerprints.ts';
import { answerOf, type RegistryAnswer } from '../domain/registry-answer.ts';
import { expireLapsed, insertRegistrationRows, matchingFingerprintTypes } from '../repository.ts';
import { checkFingerprints } from './check-invoice.ts';
import type { WriteContext } from './context.ts';
import { requireFinancier } from './financier.ts';
import { presentRegistration, type RegistrationView } from './presenters.ts';
import { recordRegistryQuery } from './record-query.ts';

export type RegisterInvoiceInput = {
  /** `invoice` unless told; a purchase order's fields go in `invoice` too (number, date agreed). */
  assetType?: InvoiceAssetType | undefined;
  invoice: InvoiceInput;
  /** What the financier advances against the invoice: at most its face value, same currency. */
  financedAmount: { amount: string; currency: string };
  /** When the registration lapses by itself (default: a year from now); usually the maturity. */
  expiresAt?: string | undefined;
  reference?: string | undefined;
};

const DEFAULT_TERM_MS = 365 * 24 * 60 * 60 * 1000;
// Beyond this a registration would hold an invoice long after any financing of it has ended.
const MAX_TERM_MS = 10 * DEFAULT_TERM_MS;

const alreadyFinanced = (assetType: InvoiceAssetType) =>
  new AppError(
    'finance.already_financed',
    `This ${assetType === 'invoice' ? 'invoice' : 'purchase order'} is already registered as financed.`,
  );

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === '23505';

/**
 * Registers an invoice as financed by the caller, before it disburses. Atomic: of two
 * registrations of the same invoice (or the same seller and number) at once, the unique index
 * lets exactly one commit; the other gets 409 `finance.already_financed`, saying nothing else.
 * Every attempt, refused or not, is kept in the query trail.
 */
export const registerInvoice = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  input: RegisterInvoiceInput,
): Promise<RegistrationView & { check: RegistryAnswer }> => {
  await requireFinancier(deps, organisationId);
  const assetType: InvoiceAssetType = input.assetType ?? 'invoice';
  const { invoice, current, retired } = checkFingerprints(deps, assetType, input.invoice);
  const now = deps.now();
  const errors: FieldError[] = [];
  let financedMinor = 0n;
  try {
    const financed = parseMoney(
      input.financedAmount.amount.trim(),
      input.financedAmount.currency.trim().toUpperCase(),
    );
    financedMinor = financed.amountMinor;
    if (financed.currency !== invoice.amount.currency) {
      errors.push({
        field: 'financedAmount.currency',
        code: 'finance.currency_mismatch',
        message: 'Financing is registered in the currency of the invoice',
      });
    } else if (financedMinor <= 0n) {
      errors.push({
        field: 'financedAmount.amount',
        code: 'finance.amount_not_positive',
        message: 'More than zero',
      });
    } else if (financedMinor > invoice.amount.amountMinor) {
      errors.push({
        field: 'financedAmount.amount',
        code: 'finance.financed_exceeds_face',
        message: 'At most the face value of the invoice',
      });
    }
  } catch (error) {
    if (!isAppError(error)) {
      throw error;
    }
    errors.push({ field: 'financedAmount.amount', code: 'kernel.invalid_format', message: error.message });
  }
  const expiresAt =
    input.expiresAt === undefined ? new Date(now.getTime() + DEFAULT_TERM_MS) : new Date(input.expiresAt);
  if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_TERM_MS) {
    errors.push({
      field: 'expiresAt',
      code: 'finance.expiry_not_after_now',
      message: 'The expiry lies after now and at most ten years ahead',
    });
  }
  if (errors.length > 0) {
    throw new AppError('http.validation_failed', 'The registration has invalid fields.', {
      fieldErrors: errors,
    });
  }

  const [key] = deps.registryKeys;
  const stored = registrationFingerprints(key, assetType, invoice);
  const held = [...current, ...retired].filter(
    (fp) => fp.fpType === 'exact' || fp.fpType === 'seller_number',
  );
  const refused = async () => {
    // The attempt is kept even though its transaction rolled back: a financier probing the
    // registry by registering must leave the same trail as one asking.
    await deps.db.transaction((trx) =>
      recordRegistryQuery(trx, ctx, {
        kind: 'registration',
        organisationId,
        assetType,
        keyId: key.keyId,
        fingerprints: current,
        answer: 'already_financed',
        risk: 'high',
        at: now,
      }),
    );
    return alreadyFinanced(assetType);
  };

  try {
    const result = await deps.db.transaction(async (trx) => {
      await expireLapsed(
        trx,
        assetType,
        held.map((fp) => fp.fingerprint),
        now,
      );
      // Rows under a retired key are not covered by the unique index against the current key's.
      if ((await matchingFingerprintTypes(trx, assetType, held, now)).size > 0) {
        return 'held' as const;
      }
      const check = answerOf(await matchingFingerprintTypes(trx, assetType, [...current, ...retired], now));
      const id = newId('frg');
      const rows = stored.map((fp) => ({
        id,
        asset_type: assetType,
        fp_type: fp.fpType,
        key_id: fp.keyId,
        fingerprint: fp.fingerprint,
        financier_organisation_id: organisationId,
        face_amount_minor: invoice.amount.amountMinor.toString(),
        financed_amount_minor: financedMinor.toString(),
        currency: invoice.amount.currency,
        status: 'active' as const,
        registered_at: now,
        expires_at: expiresAt,
        reference: input.reference ?? null,
      }));
      await insertRegistrationRows(trx, rows);
      await recordRegistryQuery(trx, ctx, {
        kind: 'registration',
        organisationId,
        assetType,
        keyId: key.keyId,
        fingerprints: current,
        answer: 'registered',
        risk: check.risk,
        at: now,
      });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'financing_registration', id },
        detail: { assetType, similar: check.answer === 'similar' ? check.risk : null },
      });
      const exact = rows[0];
      assert(
        exact !== undefined && exact.fp_type === 'exact',
        'a registration leads with its exact fingerprint',
      );
      return { view: presentRegistration({ ...exact, released_at: null }), check };
    });
    if (result === 'held') {
      throw await refused();
    }
    return { ...result.view, check: { answer: result.check.answer, risk: result.check.risk } };
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw await refused();
    }
    throw error;
  }
};
