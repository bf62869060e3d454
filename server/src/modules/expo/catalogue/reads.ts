import { AppError } from '@tradehub/kernel';
import type { ExpoDeps } from '../deps.ts';
import { presentExhibitor, presentProduct, presentService } from './presenters.ts';
import {
  type ExhibitorFilter,
  type ExhibitorRow,
  findExhibitor,
  findPublishedExhibitors,
  findPublishedProducts,
  findPublishedServices,
  listCertifications,
  listExhibitorBooths,
  listPublishedExhibitors,
  listPublishedProducts,
  type ProductFilter,
} from './repository.ts';
import { recheckCertifications } from './service-showcase.ts';

// What any signed-in organisation reads of the catalogue: published showcases, products and
// services only. Drafts and withdrawn entries are read by their owner through the owner's routes.

const notFound = (kind: string, id: string) => new AppError('http.not_found', `No ${kind} ${id}.`);
const pageOf = (page: number, pageSize: number) => ({ limit: pageSize, offset: (page - 1) * pageSize });

const presentPublicExhibitor = (row: ExhibitorRow) => {
  const { version: _v, status: _s, createdAt: _c, ...rest } = presentExhibitor(row);
  return rest;
};

export const browseExhibitors = async (
  deps: ExpoDeps,
  query: ExhibitorFilter & { page: number; pageSize: number },
) => {
  const rows = await listPublishedExhibitors(deps.db.kysely, query, pageOf(query.page, query.pageSize));
  return {
    items: rows.map((row) => ({
      ...presentPublicExhibitor(row),
      productCount: Number(row.product_count),
      serviceCount: Number(row.service_count),
    })),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
};

export const browseProducts = async (
  deps: ExpoDeps,
  query: ProductFilter & { page: number; pageSize: number },
) => {
  const rows = await listPublishedProducts(deps.db.kysely, query, pageOf(query.page, query.pageSize));
  const certifications = await listCertifications(
    deps.db.kysely,
    rows.map((r) => r.id),
  );
  const exhibitors = await findPublishedExhibitors(deps.db.kysely, [
    ...new Set(rows.map((r) => r.organisation_id)),
  ]);
  const names = new Map(exhibitors.map((e) => [e.organisation_id, e]));
  return {
    items: rows.map((row) => {
      const exhibitor = names.get(row.organisation_id);
      return {
        ...presentProduct(row, certifications),
        exhibitor: {
          organisationId: row.organisation_id,
          displayNameZh: exhibitor?.display_name_zh ?? '',
          displayNameEn: exhibitor?.display_name_en ?? '',
          country: exhibitor?.country ?? '',
        },
      };
    }),
    total: Number(rows[0]?.total ?? 0),
    page: query.page,
    pageSize: query.pageSize,
  };
};

/** An exhibitor's page: the showcase, its published products and services, and its booths. */
export const exhibitorPage = async (deps: ExpoDeps, organisationId: string) => {
  const showcase = await findExhibitor(deps.db.kysely, organisationId);
  if (showcase === undefined || showcase.status !== 'published') {
    throw notFound('exhibitor', organisationId);
  }
  const products = await listPublishedProducts(deps.db.kysely, { organisationId }, { limit: 200, offset: 0 });
  const certifications = await listCertifications(
    deps.db.kysely,
    products.map((p) => p.id),
  );
  return {
    ...presentPublicExhibitor(showcase),
    products: products.map((p) => presentProduct(p, certifications)),
    services: (await findPublishedServices(deps.db.kysely, { organisationId })).map(presentService),
    booths: (await listExhibitorBooths(deps.db.kysely, organisationId)).map((b) => ({
      boothId: b.booth_id,
      code: b.code,
      eventId: b.event_id,
      eventNameZh: b.event_name_zh,
      eventNameEn: b.event_name_en,
      startsOn: b.starts_on,
      endsOn: b.ends_on,
      hallId: b.hall_id,
      hallNameZh: b.hall_name_zh,
      hallNameEn: b.hall_name_en,
    })),
  };
};

/** A published product, its certifications checked again against their credentials. */
export const publishedProduct = async (deps: ExpoDeps, id: string) => {
  const [row] = await findPublishedProducts(deps.db.kysely, [id]);
  if (row === undefined) {
    throw notFound('expo_product', id);
  }
  const certifications = await recheckCertifications(deps, await listCertifications(deps.db.kysely, [id]));
  const [exhibitor] = await findPublishedExhibitors(deps.db.kysely, [row.organisation_id]);
  return {
    ...presentProduct(row, certifications),
    exhibitor: {
      organisationId: row.organisation_id,
      displayNameZh: exhibitor?.display_name_zh ?? '',
      displayNameEn: exhibitor?.display_name_en ?? '',
      country: exhibitor?.country ?? '',
    },
  };
};

export const publishedService = async (deps: ExpoDeps, id: string) => {
  const [row] = await findPublishedServices(deps.db.kysely, { ids: [id] });
  if (row === undefined) {
    throw notFound('expo_service', id);
  }
  return presentService(row);
};
