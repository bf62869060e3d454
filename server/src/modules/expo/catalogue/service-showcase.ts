import { AppError, type FieldError, newId } from '@tradehub/kernel';
import type { Executor } from '../../../platform/access/index.ts';
import type { ExpoDeps } from '../deps.ts';
// The search documents are rewritten in the transaction of each write (search/index.ts).
import { reindexExhibitor, reindexProduct, reindexService } from '../search/index.ts';
import { presentExhibitor, presentProduct, presentService } from './presenters.ts';
import {
  type CertificationRow,
  type ClientReference,
  deleteCertification,
  findExhibitor,
  findOwnProduct,
  findOwnService,
  insertProduct,
  insertService,
  listCertifications,
  listOwnProducts,
  listOwnServices,
  type Page,
  type ProductImage,
  type ProductRow,
  type ServiceRow,
  setCertificationVerification,
  updateProduct,
  updateService,
  upsertCertification,
  upsertExhibitor,
} from './repository.ts';
import {
  type CatalogueStatus,
  canonicalLanguage,
  certificationVerification,
  countryProblems,
  ebopsProblems,
  languageProblems,
  moqProblems,
  nextStatus,
  type PriceInput,
  parsePriceRange,
} from './rules.ts';

/** Who writes, for which organisation, and how the change joins the audit trail in its transaction. */
export type CatalogueContext = {
  organisationId: string;
  audit: (
    ex: Executor,
    change: { organisationId: string | null; object: { type: string; id: string } | null },
  ) => Promise<void>;
};

export const invalid = (errors: FieldError[], message = 'See the fields.') =>
  new AppError('expo.invalid', message, { fieldErrors: errors });
const notFound = (kind: string, id: string) => new AppError('http.not_found', `No ${kind} ${id}.`);
const versionConflict = (current: number) =>
  new AppError('expo.version_conflict', 'It was changed since you read it: reload and try again.', {
    details: { currentVersion: current },
  });
const noShowcase = () =>
  new AppError('expo.catalogue_no_showcase', 'Set up your exhibitor showcase before adding offerings.');
const statusNotAllowed = (from: string, action: string) =>
  new AppError('expo.catalogue_status_not_allowed', `A ${from} entry cannot be ${action}ed.`, {
    details: { status: from },
  });

/** Some fields of an input, any of them explicitly undefined (as Zod gives them), and the version read. */
type PatchOf<T> = { [K in keyof T]?: T[K] | undefined } & { version: number };

const clean = (value: string | undefined | null) => {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? null : trimmed;
};
const unique = (values: readonly string[]) => [...new Set(values)];

// ---------------------------------------------------------------- showcase

export type ShowcaseInput = {
  displayNameZh: string;
  displayNameEn: string;
  introZh?: string | undefined;
  introEn?: string | undefined;
  country: string;
  cityZh?: string | undefined;
  cityEn?: string | undefined;
  unlocode?: string | undefined;
  website?: string | undefined;
  exportMarkets?: string[] | undefined;
  /** Buyers may see the hub track record in matchmaking; absent: not shared (a PUT replaces). */
  shareTrackRecord?: boolean | undefined;
  status?: CatalogueStatus | undefined;
  /** The version read; absent only when creating the showcase. */
  version?: number | undefined;
};

export const getShowcase = async (deps: ExpoDeps, organisationId: string) => {
  const row = await findExhibitor(deps.db.kysely, organisationId);
  return row === undefined ? null : presentExhibitor(row);
};

/** Creates or replaces the organisation's showcase (optimistic: the version read must be current). */
export const putShowcase = async (deps: ExpoDeps, ctx: CatalogueContext, input: ShowcaseInput) => {
  const unlocode = clean(input.unlocode)?.toUpperCase() ?? null;
  const problems = [
    ...countryProblems('country', [input.country]).map((p) => ({ ...p, field: 'country' })),
    ...countryProblems('exportMarkets', input.exportMarkets ?? []),
    ...(unlocode !== null && deps.codes.checkUnlocode(unlocode) === 'invalid'
      ? [{ field: 'unlocode', code: 'expo.unknown_unlocode', message: `${unlocode} is not a UN/LOCODE` }]
      : []),
  ];
  if (problems.length > 0) {
    throw invalid(problems, 'The showcase cannot be saved: see the fields.');
  }
  return deps.db.transaction(async (trx) => {
    const current = await findExhibitor(trx, ctx.organisationId, { forUpdate: true });
    if (current !== undefined && input.version !== current.version) {
      throw versionConflict(current.version);
    }
    if (current === undefined && input.version !== undefined) {
      throw versionConflict(0);
    }
    const at = deps.now();
    const row = await upsertExhibitor(trx, {
      organisation_id: ctx.organisationId,
      display_name_zh: input.displayNameZh.trim(),
      display_name_en: input.displayNameEn.trim(),
      intro_zh: input.introZh?.trim() ?? '',
      intro_en: input.introEn?.trim() ?? '',
      country: input.country,
      city_zh: clean(input.cityZh),
      city_en: clean(input.cityEn),
      unlocode,
      website: clean(input.website),
      export_markets: unique(input.exportMarkets ?? []),
      // Like the other optional fields a PUT replaces it: absent means not shared, the safe side
      // of a disclosure the supplier has to choose (docs/credit-scores.md).
      share_track_record: input.shareTrackRecord ?? false,
      status: input.status ?? current?.status ?? 'draft',
      version: (current?.version ?? 0) + 1,
      created_at: current?.created_at ?? at,
      updated_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_exhibitor', id: ctx.organisationId },
    });
    await reindexExhibitor(trx, ctx.organisationId, deps.now());
    return presentExhibitor(row);
  });
};

// ---------------------------------------------------------------- products

export type ProductInput = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  hsCode: string;
  images?: ProductImage[] | undefined;
  moq: string;
  moqUnit: string;
  price: PriceInput;
  leadTimeDays: number;
  exportMarkets?: string[] | undefined;
};

const toPage = (page: number, pageSize: number): Page => ({ limit: pageSize, offset: (page - 1) * pageSize });

/** HS codes are written with dots or spaces too (9405.42): only the digits count. */
const normalizeHs = (code: string) => code.replaceAll(/[\s.]/g, '');

/** Checks a whole product (created, or patched and merged) and gives the columns it sets. */
export const productColumns = (deps: ExpoDeps, input: ProductInput) => {
  const hsCode = normalizeHs(input.hsCode);
  const problems: FieldError[] = [];
  // Chapter 99 ("commodities not specified according to kind") is a statistical bucket, not a
  // classification a buyer can filter by: a product must name its real subheading.
  if (!/^[0-9]{6}$/.test(hsCode) || !deps.codes.isHs6(hsCode) || hsCode.startsWith('99')) {
    problems.push({
      field: 'hsCode',
      code: 'expo.unknown_hs_code',
      message: `${input.hsCode.slice(0, 20)} is not an HS 2022 subheading`,
    });
  }
  problems.push(...moqProblems(input.moq));
  if (!deps.codes.isUnitCode(input.moqUnit)) {
    problems.push({
      field: 'moqUnit',
      code: 'expo.unknown_unit',
      message: `${input.moqUnit} is not a UN/ECE Recommendation 20 unit`,
    });
  }
  problems.push(...countryProblems('exportMarkets', input.exportMarkets ?? []));
  const price = parsePriceRange(input.price);
  if (!price.ok) {
    problems.push(...price.errors);
  }
  if (problems.length > 0 || !price.ok) {
    throw invalid(problems, 'The product cannot be saved: see the fields.');
  }
  return {
    name_zh: input.nameZh.trim(),
    name_en: input.nameEn.trim(),
    description_zh: input.descriptionZh?.trim() ?? '',
    description_en: input.descriptionEn?.trim() ?? '',
    hs_code: hsCode,
    hs_chapter: hsCode.slice(0, 2),
    images: input.images ?? [],
    moq: input.moq,
    moq_unit: input.moqUnit,
    price_currency: price.currency,
    price_min_minor: price.minMinor.toString(),
    price_max_minor: price.maxMinor.toString(),
    lead_time_days: input.leadTimeDays,
    export_markets: unique(input.exportMarkets ?? []),
  };
};

const inputOfProduct = (row: ProductRow, presented: ReturnType<typeof presentProduct>): ProductInput => ({
  nameZh: row.name_zh,
  nameEn: row.name_en,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  hsCode: row.hs_code,
  images: row.images,
  moq: presented.moq,
  moqUnit: row.moq_unit,
  price: presented.price,
  leadTimeDays: row.lead_time_days,
  exportMarkets: row.export_markets,
});

export const createProduct = async (deps: ExpoDeps, ctx: CatalogueContext, input: ProductInput) => {
  const columns = productColumns(deps, input);
  return deps.db.transaction(async (trx) => {
    if ((await findExhibitor(trx, ctx.organisationId)) === undefined) {
      throw noShowcase();
    }
    const at = deps.now();
    const row = await insertProduct(trx, {
      id: newId('epr'),
      organisation_id: ctx.organisationId,
      ...columns,
      status: 'draft',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_product', id: row.id },
    });
    await reindexProduct(trx, row.id, deps.now());
    return presentProduct(row, []);
  });
};

export const getOwnProduct = async (deps: ExpoDeps, organisationId: string, id: string) => {
  const row = await findOwnProduct(deps.db.kysely, organisationId, id);
  if (row === undefined) {
    throw notFound('expo_product', id);
  }
  return presentProduct(row, await listCertifications(deps.db.kysely, [row.id]));
};

export const listProducts = async (
  deps: ExpoDeps,
  organisationId: string,
  query: { status?: CatalogueStatus | undefined; page: number; pageSize: number },
) => {
  const rows = await listOwnProducts(
    deps.db.kysely,
    organisationId,
    query.status,
    toPage(query.page, query.pageSize),
  );
  const certifications = await listCertifications(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((row) => presentProduct(row, certifications)),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
};

/** Changes some fields of a product; the merged whole is checked again. */
export const patchProduct = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  id: string,
  patch: PatchOf<ProductInput>,
) =>
  deps.db.transaction(async (trx) => {
    const current = await findOwnProduct(trx, ctx.organisationId, id, { forUpdate: true });
    if (current === undefined) {
      throw notFound('expo_product', id);
    }
    if (current.version !== patch.version) {
      throw versionConflict(current.version);
    }
    const { version: _version, ...fields } = patch;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const merged: ProductInput = { ...inputOfProduct(current, presentProduct(current, [])), ...defined };
    const row = await updateProduct(trx, {
      ...current,
      ...productColumns(deps, merged),
      version: current.version + 1,
      updated_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_product', id } });
    await reindexProduct(trx, id, deps.now());
    return presentProduct(row, await listCertifications(trx, [id]));
  });

export const setProductStatus = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  id: string,
  action: 'publish' | 'withdraw',
) =>
  deps.db.transaction(async (trx) => {
    const current = await findOwnProduct(trx, ctx.organisationId, id, { forUpdate: true });
    if (current === undefined) {
      throw notFound('expo_product', id);
    }
    const status = nextStatus(current.status, action);
    if (status === undefined) {
      throw statusNotAllowed(current.status, action);
    }
    const row = await updateProduct(trx, {
      ...current,
      status,
      version: current.version + 1,
      updated_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_product', id } });
    await reindexProduct(trx, id, deps.now());
    return presentProduct(row, await listCertifications(trx, [id]));
  });

/**
 * Claims a certification for a product. With a credential, the exhibitor must hold it in the
 * documents module; it is `verified` while that credential is valid.
 */
export const attachCertification = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  productId: string,
  scheme: string,
  input: { credentialDocumentId?: string | undefined },
) => {
  const product = await findOwnProduct(deps.db.kysely, ctx.organisationId, productId);
  if (product === undefined) {
    throw notFound('expo_product', productId);
  }
  const documentId = clean(input.credentialDocumentId);
  const credential =
    documentId === null ? undefined : await deps.credentialStatus(ctx.organisationId, documentId);
  if (documentId !== null && credential === undefined) {
    throw invalid([
      {
        field: 'credentialDocumentId',
        code: 'expo.unknown_credential',
        message: 'Your organisation holds no such document',
      },
    ]);
  }
  const at = deps.now();
  const verification = certificationVerification(credential, documentId !== null, at);
  return deps.db.transaction(async (trx) => {
    if ((await findOwnProduct(trx, ctx.organisationId, productId, { forUpdate: true })) === undefined) {
      throw notFound('expo_product', productId);
    }
    await upsertCertification(trx, {
      product_id: productId,
      organisation_id: ctx.organisationId,
      scheme,
      credential_document_id: documentId,
      verification,
      verified_at: verification === 'verified' ? at : null,
      created_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_product', id: productId },
    });
    await reindexProduct(trx, productId, deps.now());
    const row = (await findOwnProduct(trx, ctx.organisationId, productId)) as ProductRow;
    return presentProduct(row, await listCertifications(trx, [productId]));
  });
};

export const detachCertification = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  productId: string,
  scheme: string,
) =>
  deps.db.transaction(async (trx) => {
    const product = await findOwnProduct(trx, ctx.organisationId, productId, { forUpdate: true });
    if (product === undefined) {
      throw notFound('expo_product', productId);
    }
    if (!(await deleteCertification(trx, ctx.organisationId, productId, scheme))) {
      throw notFound('expo_certification', scheme);
    }
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_product', id: productId },
    });
    await reindexProduct(trx, productId, deps.now());
    return presentProduct(product, await listCertifications(trx, [productId]));
  });

/**
 * The certifications of products as they stand now: each credential-backed one is checked
 * against the documents module again (a revoked or expired credential stops counting at once).
 * Returns the rows with the current verification, and stores any change.
 */
export const recheckCertifications = async (
  deps: ExpoDeps,
  rows: readonly CertificationRow[],
): Promise<CertificationRow[]> => {
  const at = deps.now();
  const checked: CertificationRow[] = [];
  for (const row of rows) {
    if (row.credential_document_id === null) {
      checked.push(row);
      continue;
    }
    const credential = await deps.credentialStatus(row.organisation_id, row.credential_document_id);
    const verification = certificationVerification(credential, true, at);
    if (verification !== row.verification) {
      await setCertificationVerification(deps.db.kysely, row.product_id, row.scheme, verification, at);
      await reindexProduct(deps.db.kysely, row.product_id, at);
    }
    checked.push({
      ...row,
      verification,
      verified_at: verification === 'verified' ? (row.verified_at ?? at) : null,
    });
  }
  return checked;
};

// ---------------------------------------------------------------- services

export type ServiceInput = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string | undefined;
  descriptionEn?: string | undefined;
  ebopsCode: string;
  gatsModes: string[];
  languages?: string[] | undefined;
  clientReferences?: ClientReference[] | undefined;
};

export const serviceColumns = (input: ServiceInput) => {
  const problems = [
    ...ebopsProblems(input.ebopsCode),
    ...languageProblems(input.languages ?? []),
    ...(input.clientReferences ?? []).flatMap((r, i) =>
      r.country === undefined
        ? []
        : countryProblems(`clientReferences.${i}.country`, [r.country]).map((p) => ({
            ...p,
            field: `clientReferences.${i}.country`,
          })),
    ),
  ];
  if (problems.length > 0) {
    throw invalid(problems, 'The service cannot be saved: see the fields.');
  }
  return {
    name_zh: input.nameZh.trim(),
    name_en: input.nameEn.trim(),
    description_zh: input.descriptionZh?.trim() ?? '',
    description_en: input.descriptionEn?.trim() ?? '',
    ebops_code: input.ebopsCode,
    gats_modes: unique(input.gatsModes).sort(),
    languages: unique((input.languages ?? []).map((tag) => canonicalLanguage(tag) ?? tag)),
    client_references: input.clientReferences ?? [],
  };
};

const inputOfService = (row: ServiceRow): ServiceInput => ({
  nameZh: row.name_zh,
  nameEn: row.name_en,
  descriptionZh: row.description_zh,
  descriptionEn: row.description_en,
  ebopsCode: row.ebops_code,
  gatsModes: row.gats_modes,
  languages: row.languages,
  clientReferences: row.client_references,
});

export const createService = async (deps: ExpoDeps, ctx: CatalogueContext, input: ServiceInput) => {
  const columns = serviceColumns(input);
  return deps.db.transaction(async (trx) => {
    if ((await findExhibitor(trx, ctx.organisationId)) === undefined) {
      throw noShowcase();
    }
    const at = deps.now();
    const row = await insertService(trx, {
      id: newId('esv'),
      organisation_id: ctx.organisationId,
      ...columns,
      status: 'draft',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await ctx.audit(trx, {
      organisationId: ctx.organisationId,
      object: { type: 'expo_service', id: row.id },
    });
    await reindexService(trx, row.id, deps.now());
    return presentService(row);
  });
};

export const getOwnService = async (deps: ExpoDeps, organisationId: string, id: string) => {
  const row = await findOwnService(deps.db.kysely, organisationId, id);
  if (row === undefined) {
    throw notFound('expo_service', id);
  }
  return presentService(row);
};

export const listServices = async (
  deps: ExpoDeps,
  organisationId: string,
  query: { status?: CatalogueStatus | undefined; page: number; pageSize: number },
) => {
  const rows = await listOwnServices(
    deps.db.kysely,
    organisationId,
    query.status,
    toPage(query.page, query.pageSize),
  );
  return {
    items: rows.map(presentService),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
};

export const patchService = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  id: string,
  patch: PatchOf<ServiceInput>,
) =>
  deps.db.transaction(async (trx) => {
    const current = await findOwnService(trx, ctx.organisationId, id, { forUpdate: true });
    if (current === undefined) {
      throw notFound('expo_service', id);
    }
    if (current.version !== patch.version) {
      throw versionConflict(current.version);
    }
    const { version: _version, ...fields } = patch;
    const defined = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
    const row = await updateService(trx, {
      ...current,
      ...serviceColumns({ ...inputOfService(current), ...defined }),
      version: current.version + 1,
      updated_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_service', id } });
    await reindexService(trx, id, deps.now());
    return presentService(row);
  });

export const setServiceStatus = async (
  deps: ExpoDeps,
  ctx: CatalogueContext,
  id: string,
  action: 'publish' | 'withdraw',
) =>
  deps.db.transaction(async (trx) => {
    const current = await findOwnService(trx, ctx.organisationId, id, { forUpdate: true });
    if (current === undefined) {
      throw notFound('expo_service', id);
    }
    const status = nextStatus(current.status, action);
    if (status === undefined) {
      throw statusNotAllowed(current.status, action);
    }
    const row = await updateService(trx, {
      ...current,
      status,
      version: current.version + 1,
      updated_at: deps.now(),
    });
    await ctx.audit(trx, { organisationId: ctx.organisationId, object: { type: 'expo_service', id } });
    await reindexService(trx, id, deps.now());
    return presentService(row);
  });
