import { sql } from 'kysely';
import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';

/** The two parties of a lead, what another part of expo (meetings) needs to act on it. */
export type LeadParties = {
  id: string;
  requirementId: string;
  buyerOrganisationId: string;
  supplierOrganisationId: string;
  productId: string;
};

/**
 * The lead `leadId` if `organisationId` is its buyer or its supplier; undefined otherwise, so a
 * third organisation cannot tell a lead it may not see from one that does not exist.
 */
export const findLeadForParty = async (
  db: Database | Executor,
  leadId: string,
  organisationId: string,
): Promise<LeadParties | undefined> => {
  // The database outside a transaction, or the `trx` of the caller's transaction.
  const ex = 'kysely' in db ? db.kysely : db;
  const { rows } = await sql<LeadParties>`select id, requirement_id as "requirementId",
      organisation_id as "buyerOrganisationId", supplier_organisation_id as "supplierOrganisationId",
      product_id as "productId"
    from expo.matches
    where id = ${leadId}
      and (organisation_id = ${organisationId} or supplier_organisation_id = ${organisationId})`.execute(ex);
  return rows[0];
};
