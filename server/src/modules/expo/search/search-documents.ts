import { type Kysely, sql } from 'kysely';
import { normaliseText } from './query-parser.ts';
import { hsTokens, MAX_TOKENS_PER_TEXT, segment } from './tokenizer.ts';

/** A transaction (or connection) of the caller: the search document commits with its write. */
export type Executor = Kysely<object>;

type Weight = 'A' | 'B' | 'C' | 'D';

// tsvector limits: positions up to 16383, at most 256 positions kept per lexeme.
const MAX_POSITION = 16_383;
const MAX_POSITIONS_PER_LEXEME = 256;

/**
 * Builds tsvector text (`'lamp':1A,9C 'led':2A`) from weighted fields, in order. Built here rather
 * than with `to_tsvector` so that Chinese segmentation, stemming and HS tokens are exactly the
 * query's, whatever parser and locale the database has.
 */
export const buildTsvector = (fields: readonly { weight: Weight; tokens: readonly string[] }[]): string => {
  const positions = new Map<string, string[]>();
  let position = 0;
  // Filter lexemes first: however long the texts, the position cap never drops them.
  const ordered = [...fields.filter((f) => f.weight === 'D'), ...fields.filter((f) => f.weight !== 'D')];
  for (const field of ordered) {
    for (const token of field.tokens.slice(0, MAX_TOKENS_PER_TEXT)) {
      if (position >= MAX_POSITION) {
        break;
      }
      position += 1;
      const list = positions.get(token) ?? [];
      if (list.length < MAX_POSITIONS_PER_LEXEME) {
        list.push(`${position}${field.weight}`);
      }
      positions.set(token, list);
    }
  }
  return [...positions]
    .map(([token, list]) => `'${token.replace(/\\/g, '\\\\').replace(/'/g, "''")}':${list.join(',')}`)
    .join(' ');
};

const clamp01 = (value: number): number => Math.max(0, Math.min(1, value));

/**
 * Filter facts as lexemes (weight D, after the text): a filter becomes part of the tsquery, so the
 * GIN index intersects it with the words and a narrow filter never walks a wide match set in the
 * heap. The `:` keeps them apart from anything a query can contain (the tokenizer splits on it).
 */
export const filterTokens = (facts: {
  kind: SearchDocument['kind'];
  country: string;
  certifications: readonly string[];
  verifiedCertifications: readonly string[];
}): string[] => [
  `kind:${facts.kind}`,
  `country:${facts.country.toLowerCase()}`,
  ...facts.certifications.map((scheme) => `cert:${scheme.toLowerCase()}`),
  ...facts.verifiedCertifications.map((scheme) => `vcert:${scheme.toLowerCase()}`),
  ...(facts.verifiedCertifications.length > 0 ? ['verified:yes'] : []),
];

/** The row of expo.search_documents for one offering or exhibitor. */
export type SearchDocument = {
  kind: 'product' | 'service' | 'exhibitor';
  id: string;
  organisationId: string;
  document: string;
  names: string[];
  hsCode: string | null;
  hsChapters: string[];
  country: string;
  certifications: string[];
  verifiedCertifications: string[];
  moq: string | null;
  moqUnit: string | null;
  priceCurrency: string | null;
  priceMinMinor: bigint | null;
  quality: number;
};

export type ProductSource = {
  id: string;
  organisationId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  hsCode: string;
  imageCount: number;
  moq: string;
  moqUnit: string;
  priceCurrency: string;
  priceMinMinor: bigint;
  exhibitor: ExhibitorFacts;
  certifications: readonly { scheme: string; verification: string }[];
};

export type ExhibitorFacts = {
  displayNameZh: string;
  displayNameEn: string;
  country: string;
  cityZh: string | null;
  cityEn: string | null;
};

const exhibitorTokens = (exhibitor: ExhibitorFacts): string[] => [
  ...segment(exhibitor.displayNameZh, 'index'),
  ...segment(exhibitor.displayNameEn, 'index'),
  ...segment(`${exhibitor.cityZh ?? ''} ${exhibitor.cityEn ?? ''}`, 'index'),
];

/** The search document of a published product (pure: the bench and the tests use it directly). */
export const productDocument = (product: ProductSource): SearchDocument => {
  const schemes = product.certifications
    .filter((c) => c.verification === 'self_declared' || c.verification === 'verified')
    .map((c) => c.scheme.toUpperCase());
  const verified = product.certifications
    .filter((c) => c.verification === 'verified')
    .map((c) => c.scheme.toUpperCase());
  const descriptionLength = product.descriptionZh.length + product.descriptionEn.length;
  return {
    kind: 'product',
    id: product.id,
    organisationId: product.organisationId,
    document: buildTsvector([
      {
        weight: 'A',
        tokens: [
          ...segment(product.nameZh, 'index'),
          ...segment(product.nameEn, 'index'),
          ...hsTokens(product.hsCode),
        ],
      },
      {
        weight: 'B',
        tokens: [...exhibitorTokens(product.exhibitor), ...schemes.flatMap((s) => segment(s, 'index'))],
      },
      {
        weight: 'C',
        tokens: [...segment(product.descriptionZh, 'index'), ...segment(product.descriptionEn, 'index')],
      },
      {
        weight: 'D',
        tokens: filterTokens({
          kind: 'product',
          country: product.exhibitor.country,
          certifications: [...new Set(schemes)],
          verifiedCertifications: [...new Set(verified)],
        }),
      },
    ]),
    names: [...new Set([normaliseText(product.nameZh), normaliseText(product.nameEn)])],
    hsCode: product.hsCode,
    hsChapters: [product.hsCode.slice(0, 2)],
    country: product.exhibitor.country,
    certifications: [...new Set(schemes)],
    verifiedCertifications: [...new Set(verified)],
    moq: product.moq,
    moqUnit: product.moqUnit,
    priceCurrency: product.priceCurrency,
    priceMinMinor: product.priceMinMinor,
    // Richer, verified listings first when a word matches more rows than are ranked.
    quality: clamp01(
      0.2 * Math.min(descriptionLength / 400, 1) +
        0.2 * Math.min(product.imageCount, 1) +
        0.4 * (Math.min(new Set(verified).size, 2) / 2) +
        0.2 * (Math.min(new Set(schemes).size, 3) / 3),
    ),
  };
};

export type ServiceSource = {
  id: string;
  organisationId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  ebopsCode: string;
  referenceCount: number;
  exhibitor: ExhibitorFacts;
};

export const serviceDocument = (service: ServiceSource): SearchDocument => ({
  kind: 'service',
  id: service.id,
  organisationId: service.organisationId,
  document: buildTsvector([
    {
      weight: 'A',
      tokens: [
        ...segment(service.nameZh, 'index'),
        ...segment(service.nameEn, 'index'),
        service.ebopsCode.toLowerCase(),
      ],
    },
    { weight: 'B', tokens: exhibitorTokens(service.exhibitor) },
    {
      weight: 'C',
      tokens: [...segment(service.descriptionZh, 'index'), ...segment(service.descriptionEn, 'index')],
    },
    {
      weight: 'D',
      tokens: filterTokens({
        kind: 'service',
        country: service.exhibitor.country,
        certifications: [],
        verifiedCertifications: [],
      }),
    },
  ]),
  names: [...new Set([normaliseText(service.nameZh), normaliseText(service.nameEn)])],
  hsCode: null,
  hsChapters: [],
  country: service.exhibitor.country,
  certifications: [],
  verifiedCertifications: [],
  moq: null,
  moqUnit: null,
  priceCurrency: null,
  priceMinMinor: null,
  quality: clamp01(
    0.5 * Math.min((service.descriptionZh.length + service.descriptionEn.length) / 400, 1) +
      0.5 * Math.min(service.referenceCount / 3, 1),
  ),
});

export type ExhibitorSource = ExhibitorFacts & {
  organisationId: string;
  introZh: string;
  introEn: string;
  hsChapters: readonly string[];
  certifications: readonly string[];
  verifiedCertifications: readonly string[];
  productCount: number;
};

export const exhibitorDocument = (exhibitor: ExhibitorSource): SearchDocument => ({
  kind: 'exhibitor',
  id: exhibitor.organisationId,
  organisationId: exhibitor.organisationId,
  document: buildTsvector([
    {
      weight: 'A',
      tokens: [...segment(exhibitor.displayNameZh, 'index'), ...segment(exhibitor.displayNameEn, 'index')],
    },
    {
      weight: 'B',
      tokens: [
        ...segment(`${exhibitor.cityZh ?? ''} ${exhibitor.cityEn ?? ''}`, 'index'),
        ...exhibitor.hsChapters.map((chapter) => `hs${chapter}`),
        ...exhibitor.certifications.flatMap((s) => segment(s, 'index')),
      ],
    },
    { weight: 'C', tokens: [...segment(exhibitor.introZh, 'index'), ...segment(exhibitor.introEn, 'index')] },
    { weight: 'D', tokens: filterTokens({ ...exhibitor, kind: 'exhibitor' }) },
  ]),
  names: [...new Set([normaliseText(exhibitor.displayNameZh), normaliseText(exhibitor.displayNameEn)])],
  hsCode: null,
  hsChapters: [...exhibitor.hsChapters],
  country: exhibitor.country,
  certifications: [...exhibitor.certifications],
  verifiedCertifications: [...exhibitor.verifiedCertifications],
  moq: null,
  moqUnit: null,
  priceCurrency: null,
  priceMinMinor: null,
  quality: clamp01(
    0.4 * Math.min((exhibitor.introZh.length + exhibitor.introEn.length) / 400, 1) +
      0.3 * Math.min(exhibitor.productCount / 10, 1) +
      0.3 * Math.min(exhibitor.verifiedCertifications.length, 1),
  ),
});

/** Writes search documents (insert or replace), in batches that stay under the parameter limit. */
export const upsertSearchDocuments = async (
  db: Executor,
  documents: readonly SearchDocument[],
  now: Date,
): Promise<void> => {
  for (let start = 0; start < documents.length; start += 2_000) {
    const rows = documents.slice(start, start + 2_000).map(
      (d) =>
        sql`(${d.kind}, ${d.id}, ${d.organisationId}, ${d.document}::tsvector, ${d.names}::text[], ${d.hsCode},
          ${d.hsChapters}::text[], ${d.country}, ${d.certifications}::text[], ${d.verifiedCertifications}::text[],
          ${d.moq}::numeric, ${d.moqUnit}, ${d.priceCurrency}, ${d.priceMinMinor === null ? null : d.priceMinMinor.toString()}::bigint,
          ${d.quality}, ${now})`,
    );
    await sql`insert into expo.search_documents (kind, id, organisation_id, document, names, hs_code,
        hs_chapters, country, certifications, verified_certifications, moq, moq_unit, price_currency,
        price_min_minor, quality, updated_at)
      values ${sql.join(rows)}
      on conflict (kind, id) do update set organisation_id = excluded.organisation_id,
        document = excluded.document, names = excluded.names, hs_code = excluded.hs_code,
        hs_chapters = excluded.hs_chapters, country = excluded.country,
        certifications = excluded.certifications, verified_certifications = excluded.verified_certifications,
        moq = excluded.moq, moq_unit = excluded.moq_unit, price_currency = excluded.price_currency,
        price_min_minor = excluded.price_min_minor, quality = excluded.quality, updated_at = excluded.updated_at`.execute(
      db,
    );
  }
};

type ExhibitorRow = {
  organisation_id: string;
  display_name_zh: string;
  display_name_en: string;
  intro_zh: string;
  intro_en: string;
  country: string;
  city_zh: string | null;
  city_en: string | null;
  status: string;
};

const factsOf = (row: ExhibitorRow): ExhibitorFacts => ({
  displayNameZh: row.display_name_zh,
  displayNameEn: row.display_name_en,
  country: row.country,
  cityZh: row.city_zh,
  cityEn: row.city_en,
});

const loadExhibitors = async (db: Executor, organisationIds: readonly string[]) => {
  const { rows } = await sql<ExhibitorRow>`select organisation_id, display_name_zh, display_name_en, intro_zh,
      intro_en, country, city_zh, city_en, status
    from expo.exhibitors where organisation_id = any(${[...new Set(organisationIds)]}::text[])`.execute(db);
  return new Map(rows.map((row) => [row.organisation_id, row]));
};

/**
 * Rewrites the search documents of these products from the catalogue tables: published products of
 * published exhibitors are indexed, any other is removed. Call it in the transaction of the write.
 */
export const reindexProducts = async (
  db: Executor,
  productIds: readonly string[],
  now: Date,
): Promise<void> => {
  if (productIds.length === 0) {
    return;
  }
  const ids = [...new Set(productIds)];
  const { rows: products } = await sql<{
    id: string;
    organisation_id: string;
    name_zh: string;
    name_en: string;
    description_zh: string;
    description_en: string;
    hs_code: string;
    image_count: number;
    moq: string;
    moq_unit: string;
    price_currency: string;
    price_min_minor: string;
    status: string;
  }>`select id, organisation_id, name_zh, name_en, description_zh, description_en, hs_code,
      jsonb_array_length(images)::int as image_count, moq::text as moq, moq_unit, price_currency,
      price_min_minor::text as price_min_minor, status
    from expo.products where id = any(${ids}::text[])`.execute(db);
  const { rows: certifications } = await sql<{ product_id: string; scheme: string; verification: string }>`
    select product_id, scheme, verification from expo.product_certifications
    where product_id = any(${ids}::text[])`.execute(db);
  const exhibitors = await loadExhibitors(
    db,
    products.map((p) => p.organisation_id),
  );
  const documents: SearchDocument[] = [];
  for (const p of products) {
    const exhibitor = exhibitors.get(p.organisation_id);
    if (p.status !== 'published' || exhibitor === undefined || exhibitor.status !== 'published') {
      continue;
    }
    documents.push(
      productDocument({
        id: p.id,
        organisationId: p.organisation_id,
        nameZh: p.name_zh,
        nameEn: p.name_en,
        descriptionZh: p.description_zh,
        descriptionEn: p.description_en,
        hsCode: p.hs_code,
        imageCount: p.image_count,
        moq: p.moq,
        moqUnit: p.moq_unit,
        priceCurrency: p.price_currency,
        priceMinMinor: BigInt(p.price_min_minor),
        exhibitor: factsOf(exhibitor),
        certifications: certifications.filter((c) => c.product_id === p.id),
      }),
    );
  }
  const kept = documents.map((d) => d.id);
  await sql`delete from expo.search_documents where kind = 'product' and id = any(${ids}::text[])
    and not (id = any(${kept}::text[]))`.execute(db);
  await upsertSearchDocuments(db, documents, now);
};

/** Like reindexProducts, for services. */
export const reindexServices = async (
  db: Executor,
  serviceIds: readonly string[],
  now: Date,
): Promise<void> => {
  if (serviceIds.length === 0) {
    return;
  }
  const ids = [...new Set(serviceIds)];
  const { rows: services } = await sql<{
    id: string;
    organisation_id: string;
    name_zh: string;
    name_en: string;
    description_zh: string;
    description_en: string;
    ebops_code: string;
    reference_count: number;
    status: string;
  }>`select id, organisation_id, name_zh, name_en, description_zh, description_en, ebops_code,
      jsonb_array_length(client_references)::int as reference_count, status
    from expo.services where id = any(${ids}::text[])`.execute(db);
  const exhibitors = await loadExhibitors(
    db,
    services.map((s) => s.organisation_id),
  );
  const documents: SearchDocument[] = [];
  for (const s of services) {
    const exhibitor = exhibitors.get(s.organisation_id);
    if (s.status !== 'published' || exhibitor === undefined || exhibitor.status !== 'published') {
      continue;
    }
    documents.push(
      serviceDocument({
        id: s.id,
        organisationId: s.organisation_id,
        nameZh: s.name_zh,
        nameEn: s.name_en,
        descriptionZh: s.description_zh,
        descriptionEn: s.description_en,
        ebopsCode: s.ebops_code,
        referenceCount: s.reference_count,
        exhibitor: factsOf(exhibitor),
      }),
    );
  }
  const kept = documents.map((d) => d.id);
  await sql`delete from expo.search_documents where kind = 'service' and id = any(${ids}::text[])
    and not (id = any(${kept}::text[]))`.execute(db);
  await upsertSearchDocuments(db, documents, now);
};

/**
 * Rewrites an exhibitor's own search document (its chapters and certifications are those of its
 * published products). With `offerings`, also every product and service of it: after a change of
 * the showcase (name, country, status), which their documents carry.
 */
export const reindexExhibitor = async (
  db: Executor,
  organisationId: string,
  now: Date,
  options: { offerings?: boolean } = {},
): Promise<void> => {
  const exhibitor = (await loadExhibitors(db, [organisationId])).get(organisationId);
  if (exhibitor === undefined || exhibitor.status !== 'published') {
    await sql`delete from expo.search_documents where kind = 'exhibitor' and id = ${organisationId}`.execute(
      db,
    );
  } else {
    const { rows } = await sql<{
      chapters: string[] | null;
      schemes: string[] | null;
      verified: string[] | null;
      products: number;
    }>`select
        (select array_agg(distinct hs_chapter::text order by hs_chapter::text) from expo.products
          where organisation_id = ${organisationId} and status = 'published') as chapters,
        (select array_agg(distinct upper(c.scheme) order by upper(c.scheme)) from expo.product_certifications c
          join expo.products p on p.id = c.product_id
          where p.organisation_id = ${organisationId} and p.status = 'published'
            and c.verification in ('self_declared', 'verified')) as schemes,
        (select array_agg(distinct upper(c.scheme) order by upper(c.scheme)) from expo.product_certifications c
          join expo.products p on p.id = c.product_id
          where p.organisation_id = ${organisationId} and p.status = 'published'
            and c.verification = 'verified') as verified,
        (select count(*)::int from expo.products
          where organisation_id = ${organisationId} and status = 'published') as products`.execute(db);
    const facts = rows[0];
    await upsertSearchDocuments(
      db,
      [
        exhibitorDocument({
          ...factsOf(exhibitor),
          organisationId,
          introZh: exhibitor.intro_zh,
          introEn: exhibitor.intro_en,
          hsChapters: facts?.chapters ?? [],
          certifications: facts?.schemes ?? [],
          verifiedCertifications: facts?.verified ?? [],
          productCount: facts?.products ?? 0,
        }),
      ],
      now,
    );
  }
  if (options.offerings === true) {
    const { rows: products } = await sql<{ id: string }>`select id from expo.products
      where organisation_id = ${organisationId}`.execute(db);
    await reindexProducts(
      db,
      products.map((p) => p.id),
      now,
    );
    const { rows: services } = await sql<{ id: string }>`select id from expo.services
      where organisation_id = ${organisationId}`.execute(db);
    await reindexServices(
      db,
      services.map((s) => s.id),
      now,
    );
  }
};
