import { AppError } from '@tradehub/kernel';
import type { FinanceDeps } from '../deps.ts';
import { findRegistration, releaseRegistration as releaseRows } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { requireFinancier } from './financier.ts';
import { presentRegistration, type RegistrationView } from './presenters.ts';

/** Another financier's registration is answered like one that does not exist. */
export const registrationNotFound = (id: string) =>
  new AppError('finance.registration_not_found', `No registration ${id}.`);

/**
 * Releases a registration once the financing is repaid or cancelled, so the invoice may be
 * financed again. Only the financier that registered it may.
 */
export const releaseRegistration = async (
  deps: FinanceDeps,
  ctx: WriteContext,
  organisationId: string,
  registrationId: string,
): Promise<RegistrationView> => {
  await requireFinancier(deps, organisationId);
  return deps.db.transaction(async (trx) => {
    const row = await findRegistration(trx, registrationId, true);
    if (row === undefined || row.financier_organisation_id !== organisationId) {
      throw registrationNotFound(registrationId);
    }
    if (row.asset_type === 'ip_asset') {
      throw new AppError(
        'finance.registration_is_ip_pledge',
        `Registration ${registrationId} is an IP pledge: release the pledge in the IP registry.`,
      );
    }
    const now = deps.now();
    if (row.status !== 'active' || row.expires_at.getTime() <= now.getTime()) {
      throw new AppError(
        'finance.registration_not_active',
        `Registration ${registrationId} is ${row.status}.`,
        {
          details: { currentStatus: row.status === 'active' ? 'expired' : row.status },
        },
      );
    }
    await releaseRows(trx, registrationId, now);
    await ctx.audit(trx, {
      organisationId,
      object: { type: 'financing_registration', id: registrationId },
    });
    return presentRegistration({ ...row, status: 'released', released_at: now });
  });
};
