import type { Executor } from '../../platform/access/index.ts';

const escapeLike = (text: string) => text.replaceAll(/[\\%_]/g, (c) => `\\${c}`);

type OrganisationsTable = { id: string; name_en: string; name_zh: string; kind: string; country: string };
type DirectoryTables = { 'identity.organisations': OrganisationsTable };

export type DirectoryEntry = {
  organisationId: string;
  name: string;
  nameZh: string;
  kind: string;
  country: string;
};

// Public columns only: names, kind and country stand in every credential an organisation issues.
const directory = (ex: Executor) => ex.withTables<DirectoryTables>();

const entryOf = (row: OrganisationsTable): DirectoryEntry => ({
  organisationId: row.id,
  name: row.name_en,
  nameZh: row.name_zh,
  kind: row.kind,
  country: row.country,
});

/** The public entries of the given organisations (unknown ids are left out). */
export const findOrganisationDirectoryEntries = async (
  ex: Executor,
  ids: readonly string[],
): Promise<Map<string, DirectoryEntry>> => {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await directory(ex)
    .selectFrom('identity.organisations')
    .select(['id', 'name_en', 'name_zh', 'kind', 'country'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, entryOf(row)]));
};

/** Organisations whose English or Chinese name contains `q`, by name. */
export const searchOrganisationDirectory = async (ex: Executor, q: string | undefined, limit: number) => {
  const rows = await directory(ex)
    .selectFrom('identity.organisations')
    .select(['id', 'name_en', 'name_zh', 'kind', 'country'])
    .$if(q !== undefined, (qb) => {
      const pattern = `%${escapeLike((q ?? '').toLowerCase())}%`;
      return qb.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['name_en']), 'like', pattern),
          eb(eb.fn('lower', ['name_zh']), 'like', pattern),
        ]),
      );
    })
    .orderBy('name_en')
    .limit(limit)
    .execute();
  return rows.map(entryOf);
};
