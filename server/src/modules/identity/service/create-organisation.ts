import { assert, newId } from '@tradehub/kernel';
import { grantRelation } from '../../../platform/access/index.ts';
import { publishEvent } from '../../../platform/events/index.ts';
import type { IdentityDeps } from '../deps.ts';
import type { CreateOrganisationInput } from '../domain/organisation-fields.ts';
import { identityEvents } from '../events.ts';
import { identityTables } from '../repository.ts';
import type { WriteContext } from './context.ts';
import { addressColumns, rethrowIdentifierConflict } from './organisation-writes.ts';
import { presentOrganisation } from './presenters.ts';
import { createSigningKeyInTransaction } from './signing-key-writes.ts';

/**
 * Registers an organisation with its first signing key; the person creating it becomes its owner.
 * `ownerUserId` lets the CLI and the seed create one on someone's behalf.
 */
export const createOrganisation = async (
  deps: IdentityDeps,
  ctx: WriteContext,
  input: CreateOrganisationInput,
  ownerUserId?: string,
) => {
  const owner = ownerUserId ?? (ctx.actor?.kind === 'user' ? ctx.actor.userId : undefined);
  assert(owner !== undefined, 'an organisation needs an owner');
  const id = newId('org');
  const changes = addressColumns(deps, input.address);

  const row = await deps.db
    .transaction(async (trx) => {
      const created = await identityTables(trx)
        .insertInto('identity.organisations')
        .values({
          id,
          name_zh: input.nameZh,
          name_en: input.nameEn,
          kind: input.kind,
          country: input.country,
          uscc: input.uscc ?? null,
          customs_code: input.customsCode ?? null,
          eori: input.eori ?? null,
          lei: input.lei ?? null,
          website: input.website ?? null,
          address_street: null,
          address_city: null,
          address_postcode: null,
          address_unlocode: null,
          unlocode_status: null,
          created_by: owner,
          ...changes,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await grantRelation(
        trx,
        { subject: { type: 'user', id: owner }, relation: 'owner', object: { type: 'organisation', id } },
        owner,
      );
      await publishEvent(trx, {
        topic: identityEvents.organisationCreated,
        organisationId: id,
        payload: { organisationId: id, kind: input.kind, country: input.country },
      });
      await ctx.audit(trx, { organisationId: id, object: { type: 'organisation', id } });
      // The organisation can sign from its first moment, and its key history starts in the log.
      await createSigningKeyInTransaction(deps, trx, id, 'Ed25519');

      return created;
    })
    .catch(rethrowIdentifierConflict);
  deps.afterCommit();

  return presentOrganisation(row);
};
