import type { Executor } from '../../../platform/access/index.ts';
import type { Database } from '../../../platform/db/index.ts';
import type { PublishedIndex } from './published-index.ts';
import { loadPublished, publishedYears } from './runs.ts';

export type { PublishedCity, PublishedIndex } from './published-index.ts';
export { registerIndexRoutes } from './routes.ts';
export { computeRun, publishRun } from './runs.ts';
export { currentSpec } from './spec.ts';

/**
 * The published Zhejiang Index of a year (the latest published year when `year` is absent), or
 * null when none is published: what the public page, the downloads and the white paper all read.
 */
export const loadPublishedIndex = async (
  db: Database | Executor,
  year?: number,
): Promise<PublishedIndex | null> => {
  const ex = 'kysely' in db ? db.kysely : db;
  const found = await loadPublished(ex, year);
  return found === null ? null : { ...found.index, publishedYears: await publishedYears(ex) };
};
