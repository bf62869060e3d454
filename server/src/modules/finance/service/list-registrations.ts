import type { FinanceDeps } from '../deps.ts';
import { listRegistrations as listRows, type RegistrationStatus } from '../repository.ts';
import { requireFinancier } from './financier.ts';
import { presentRegistration, type RegistrationView } from './presenters.ts';

/** An active row past its expiry is shown expired, whether or not a later registration marked it so. */
export const asOf = (view: RegistrationView, now: Date): RegistrationView =>
  view.status === 'active' && Date.parse(view.expiresAt) <= now.getTime()
    ? { ...view, status: 'expired' }
    : view;

/** The financier's own registrations, newest first; nobody sees another's. */
export const listRegistrations = async (
  deps: FinanceDeps,
  organisationId: string,
  options: { status?: RegistrationStatus | undefined; cursor?: string | undefined; limit: number },
) => {
  await requireFinancier(deps, organisationId);
  const now = deps.now();
  const rows = await listRows(deps.db.kysely, organisationId, options, now);
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((row) => asOf(presentRegistration(row), now)),
    nextCursor: rows.length > options.limit ? (page.at(-1)?.id ?? null) : null,
  };
};
