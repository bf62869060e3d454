import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import type { UpdateOrganisationInput } from '../domain/organisation-fields.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { getOrganisation } from './get-organisation.ts';
import { addressColumns, rethrowIdentifierConflict } from './organisation-writes.ts';
import { presentOrganisation } from './presenters.ts';

const columnOf = {
  nameZh: 'name_zh',
  nameEn: 'name_en',
  country: 'country',
  uscc: 'uscc',
  customsCode: 'customs_code',
  eori: 'eori',
  lei: 'lei',
  website: 'website',
} as const;

/** Edits an organisation's profile; the audit row lists the fields that changed. */
export const updateOrganisation = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  organisationId: string,
  input: UpdateOrganisationInput,
) => {
  const changes: Record<string, string | null> = { ...addressColumns(deps, input.address) };
  for (const [field, column] of Object.entries(columnOf)) {
    const value = input[field as keyof typeof columnOf];
    if (value !== undefined) {
      changes[column] = value;
    }
  }
  if (Object.keys(changes).length === 0) {
    return getOrganisation(deps, organisationId);
  }
  const fields = Object.keys(input).sort();
  const row = await deps.db
    .transaction(async (trx) => {
      const updated = await identityTables(trx)
        .updateTable('identity.organisations')
        .set({ ...changes, updated_at: deps.now() })
        .where('id', '=', organisationId)
        .returningAll()
        .executeTakeFirstOrThrow();
      await publishEvent(trx, {
        topic: identityEvents.organisationUpdated,
        organisationId,
        payload: { organisationId, fields },
      });
      await ctx.audit(trx, {
        organisationId,
        object: { type: 'organisation', id: organisationId },
        detail: { fields },
      });

      return updated;
    })
    .catch(rethrowIdentifierConflict);
  deps.afterCommit();

  return presentOrganisation(row);
};
