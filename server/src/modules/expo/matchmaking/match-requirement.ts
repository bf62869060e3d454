import { isAppError, newId } from '@tradehub/kernel';
import type { Database } from '../../../platform/db/index.ts';
import type { ExpoDeps } from '../deps.ts';
import { MAX_QUERY_LENGTH, searchCatalogue, tokenize } from '../search/index.ts';
import {
  type CandidateRow,
  findRequirementById,
  loadCandidates,
  loadCertifications,
  productsByHs,
  type RequirementRow,
  storeMatches,
} from './repository-matchmaking.ts';
import {
  type MatchCandidate,
  type MatchContext,
  type MatchRequirement,
  matchWeights,
  scoreMatch,
  type TargetPriceInCandidateCurrency,
} from './score-match.ts';

/** How many candidates each source (text search, the buyer's HS heading) contributes. */
export const CANDIDATES_PER_SOURCE = 100;
/** The most matches (leads) one requirement keeps: the buyer reads a ranked list, not a catalogue. */
export const MAX_MATCHES = 50;
/**
 * The least score a match needs. With no facts at all the neutral components alone reach about
 * 40, so a lead must also share words with the requirement or sit in its HS heading.
 */
export const MIN_SCORE = 40;

export type MatchDeps = Pick<ExpoDeps, 'now' | 'convertMoney' | 'creditScore' | 'tradeHistory'>;

const requirementForScoring = (row: RequirementRow): MatchRequirement => ({
  hsCode: row.hs_code,
  tokens: tokenize(`${row.title}\n${row.description}`),
  quantity: row.quantity,
  unit: row.quantity_unit,
  destinationCountry: row.destination_country,
  certifications: row.certifications,
  hasTargetPrice: row.target_price_minor !== null,
});

const candidateForScoring = (
  row: CandidateRow,
  certifications: MatchCandidate['certifications'],
): MatchCandidate => ({
  hsCode: row.hs_code,
  tokens: tokenize(`${row.name_en}\n${row.name_zh}\n${row.description_en}\n${row.description_zh}`),
  moq: row.moq,
  moqUnit: row.moq_unit,
  priceCurrency: row.price_currency,
  priceMinMinor: BigInt(row.price_min_minor),
  priceMaxMinor: BigInt(row.price_max_minor),
  exportMarkets: row.export_markets,
  exhibitorExportMarkets: row.exhibitor_export_markets,
  certifications,
});

/** Product ids from a text search on the requirement's title; an unsearchable title gives none. */
const searchCandidates = async (db: Database, row: RequirementRow): Promise<string[]> => {
  const q = row.title.slice(0, MAX_QUERY_LENGTH);
  try {
    const { hits } = await searchCatalogue(db, { q, kinds: ['product'], limit: CANDIDATES_PER_SOURCE });
    return hits.filter((hit) => hit.kind === 'product').map((hit) => hit.id);
  } catch (error) {
    // A title of punctuation only or a search past its time budget: the HS source still runs.
    if (isAppError(error) && error.code.startsWith('expo.search')) {
      return [];
    }
    throw error;
  }
};

/** Memoises one async lookup per key for the length of one matching run. */
const memo = <T>(lookup: ((key: string) => Promise<T>) | undefined) => {
  const cache = new Map<string, Promise<T | undefined>>();
  return (key: string): Promise<T | undefined> => {
    if (lookup === undefined) {
      return Promise.resolve(undefined);
    }
    let found = cache.get(key);
    if (found === undefined) {
      found = lookup(key);
      cache.set(key, found);
    }
    return found;
  };
};

/**
 * Matches one requirement against the published catalogue and stores the matches (the leads):
 * candidates from text search and from the buyer's HS heading, each scored by `scoreMatch` with
 * the converted target price, the supplier's credit score and trade history. Runs outside any
 * transaction (search opens its own) and writes the matches in one transaction. A requirement
 * that is not open keeps the matches it had. Returns how many matches it stored.
 */
export const matchRequirement = async (
  db: Database,
  deps: MatchDeps,
  requirementId: string,
): Promise<{ matched: number }> => {
  const row = await findRequirementById(db.kysely, requirementId);
  if (row === undefined || row.status !== 'open') {
    return { matched: 0 };
  }
  const [fromSearch, fromHs] = await Promise.all([
    searchCandidates(db, row),
    row.hs_code === null ? Promise.resolve([]) : productsByHs(db.kysely, row.hs_code, CANDIDATES_PER_SOURCE),
  ]);
  const ids = [...new Set([...fromSearch, ...fromHs])];
  const [candidates, certifications] = await Promise.all([
    loadCandidates(db.kysely, ids),
    loadCertifications(db.kysely, ids),
  ]);

  const now = deps.now();
  const day = now.toISOString().slice(0, 10);
  const requirement = requirementForScoring(row);
  const credit = memo(deps.creditScore);
  const history = memo(deps.tradeHistory);
  const converted = memo(async (to: string) => {
    const from = row.target_price_currency;
    if (from === null || row.target_price_minor === null || deps.convertMoney === undefined) {
      return undefined;
    }
    return deps.convertMoney(BigInt(row.target_price_minor), from, to, day);
  });
  const targetIn = async (currency: string): Promise<TargetPriceInCandidateCurrency | undefined> => {
    const from = row.target_price_currency;
    if (from === null || row.target_price_minor === null) {
      return undefined;
    }
    if (from === currency) {
      return { kind: 'same_currency', amountMinor: BigInt(row.target_price_minor) };
    }
    const result = await converted(currency);
    return result === undefined
      ? { kind: 'no_rate', from, to: currency, day }
      : { kind: 'converted', amountMinor: result.amountMinor, from, rate: result.rate, day };
  };

  // First without the supplier facts (credit, history: neutral). Those two components move a
  // score by at most their weights' half each way, so only candidates that could still reach the
  // top MAX_MATCHES need them: each distinct supplier's credit score reads its orders.
  const factsSwing = (matchWeights.credit + matchWeights.history) / 2 + 1;
  const provisional = [];
  for (const candidate of candidates) {
    const scoring = candidateForScoring(candidate, certifications.get(candidate.id) ?? []);
    const targetPrice = await targetIn(candidate.price_currency);
    const result = scoreMatch(requirement, scoring, { targetPrice });
    const hs = result.components.find((part) => part.key === 'hs');
    const text = result.components.find((part) => part.key === 'text');
    const related = (text?.value ?? 0) > 0 || (hs?.value ?? 0) >= 0.7;
    if (related && result.score + factsSwing >= MIN_SCORE) {
      provisional.push({ candidate, scoring, targetPrice, score: result.score });
    }
  }
  provisional.sort((a, b) => b.score - a.score);
  const cutoff = (provisional[MAX_MATCHES - 1]?.score ?? Number.NEGATIVE_INFINITY) - 2 * factsSwing;
  const scored = [];
  for (const { candidate, scoring, targetPrice, score } of provisional) {
    if (score < cutoff) {
      break;
    }
    // A supplier's credit score and orders are its own to disclose (docs/credit-scores.md): they
    // are not even read for one that has not opted in, so nothing of them reaches the buyer.
    const shared = candidate.share_track_record;
    const context: MatchContext = shared
      ? {
          targetPrice,
          credit: await credit(candidate.organisation_id),
          completedOrders: await history(candidate.organisation_id),
        }
      : { targetPrice, trackRecordShared: false };
    const result = scoreMatch(requirement, scoring, context);
    if (result.score >= MIN_SCORE) {
      scored.push({ candidate, result });
    }
  }
  scored.sort(
    (a, b) =>
      b.result.score - a.result.score ||
      (a.candidate.id < b.candidate.id ? -1 : a.candidate.id > b.candidate.id ? 1 : 0),
  );
  const kept = scored.slice(0, MAX_MATCHES);
  await db.transaction((trx) =>
    storeMatches(
      trx,
      { id: row.id, organisationId: row.organisation_id },
      kept.map(({ candidate, result }) => ({
        id: newId('eld'),
        productId: candidate.id,
        supplierOrganisationId: candidate.organisation_id,
        score: result.score,
        components: result.components,
      })),
      now,
    ),
  );
  return { matched: kept.length };
};
