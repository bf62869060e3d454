import type { TradeDeps } from '../deps.ts';
import { searchDirectory } from '../repository.ts';

const PARTNER_LIMIT = 50;

/** Organisations on the hub the caller may pick as counterparty or share target (public fields only). */
export const listPartners = async (deps: TradeDeps, organisationId: string, q: string | undefined) =>
  (await searchDirectory(deps.db.kysely, q, PARTNER_LIMIT + 1))
    .filter((entry) => entry.organisationId !== organisationId)
    .slice(0, PARTNER_LIMIT);
