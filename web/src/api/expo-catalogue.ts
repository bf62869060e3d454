import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, apiRequest, seg } from './client.ts';

// The expo catalogue (server/src/modules/expo/catalogue/routes-catalogue.ts): the caller's own
// showcase, products and services; the published hall any signed-in organisation browses; events.

export const CATALOGUE_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number];
export const GATS_MODES = ['mode1', 'mode2', 'mode3', 'mode4'] as const;
export type GatsMode = (typeof GATS_MODES)[number];
export const CERTIFICATION_SCHEMES = [
  'CE',
  'RoHS',
  'FCC',
  'CCC',
  'UKCA',
  'UL',
  'REACH',
  'ISO 9001',
  'ISO 14001',
  'GS',
  'SAA',
  'ERP',
] as const;
export type Verification = 'self_declared' | 'verified' | 'revoked' | 'expired';

export type Showcase = {
  organisationId: string;
  displayNameZh: string;
  displayNameEn: string;
  introZh: string;
  introEn: string;
  country: string;
  cityZh: string | null;
  cityEn: string | null;
  unlocode: string | null;
  website: string | null;
  exportMarkets: string[];
  /** Buyers see the hub credit grade and completed orders in matchmaking. */
  shareTrackRecord: boolean;
  status: CatalogueStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type PublicShowcase = Omit<Showcase, 'status' | 'version' | 'createdAt'>;

export type ShowcaseInput = {
  displayNameZh: string;
  displayNameEn: string;
  introZh?: string;
  introEn?: string;
  country: string;
  cityZh?: string;
  cityEn?: string;
  unlocode?: string;
  website?: string;
  exportMarkets?: string[];
  shareTrackRecord?: boolean;
  status?: CatalogueStatus;
  version?: number;
};

export type PriceRange = { currency: string; min: string; max: string };
export type Certification = {
  scheme: string;
  credentialDocumentId: string | null;
  verification: Verification;
  verifiedAt: string | null;
};

export type Product = {
  id: string;
  organisationId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  hsCode: string;
  hsChapter: string;
  images: { url: string; altZh: string | null; altEn: string | null }[];
  moq: string;
  moqUnit: string;
  price: PriceRange;
  leadTimeDays: number;
  exportMarkets: string[];
  status: CatalogueStatus;
  version: number;
  certifications: Certification[];
  createdAt: string;
  updatedAt: string;
};
export type ExhibitorRef = {
  organisationId: string;
  displayNameZh: string;
  displayNameEn: string;
  country: string;
};
export type PublicProduct = Product & { exhibitor: ExhibitorRef };

export type ProductInput = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  hsCode: string;
  images?: { url: string }[];
  moq: string;
  moqUnit: string;
  price: PriceRange;
  leadTimeDays: number;
  exportMarkets?: string[];
};

export type ClientReference = {
  clientName: string;
  country: string | null;
  year: number | null;
  descriptionZh: string | null;
  descriptionEn: string | null;
};
export type Service = {
  id: string;
  organisationId: string;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  ebopsCode: string;
  gatsModes: GatsMode[];
  languages: string[];
  clientReferences: ClientReference[];
  status: CatalogueStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ServiceInput = {
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  ebopsCode: string;
  gatsModes: GatsMode[];
  languages?: string[];
  clientReferences?: { clientName: string; country?: string; year?: number }[];
};
export type EbopsItem = { code: string; parent: string | null; en: string; zh: string };

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

export type ExhibitorCard = PublicShowcase & { productCount: number; serviceCount: number };
export type ExhibitorBooth = {
  boothId: string;
  code: string;
  eventId: string;
  eventNameZh: string;
  eventNameEn: string;
  startsOn: string;
  endsOn: string;
  hallId: string;
  hallNameZh: string;
  hallNameEn: string;
};
export type ExhibitorPage = PublicShowcase & {
  products: Product[];
  services: Service[];
  booths: ExhibitorBooth[];
};

export type ExpoEvent = {
  id: string;
  organisationId: string;
  kind: 'annual_expo' | 'online_week';
  nameZh: string;
  nameEn: string;
  themeZh: string;
  themeEn: string;
  startsOn: string;
  endsOn: string;
  timeZone: string;
  venueZh: string | null;
  venueEn: string | null;
  unlocode: string | null;
  status: 'draft' | 'published' | 'cancelled';
  createdAt: string;
  isOrganiser: boolean;
};
export type Hall = { id: string; nameZh: string; nameEn: string; hsChapters: string[] };
export type Booth = {
  id: string;
  hallId: string;
  code: string;
  exhibitor: { organisationId: string; displayNameZh: string; displayNameEn: string } | null;
};
export type ScheduleSession = {
  id: string;
  hallId: string | null;
  titleZh: string;
  titleEn: string;
  speakerZh: string | null;
  speakerEn: string | null;
  startsAt: string;
  endsAt: string;
};
export type ExpoEventDetail = ExpoEvent & { halls: Hall[]; booths: Booth[]; sessions: ScheduleSession[] };

const own = (orgId: string) => `/api/orgs/${seg(orgId)}/expo`;
export const catalogueKeys = {
  own: (orgId: string) => ['orgs', orgId, 'expo', 'catalogue'] as const,
  hall: ['expo', 'hall'] as const,
};

// ---------------------------------------------------------------- the hall (published entries)

export type HallFilter = { country?: string; hsChapter?: string; page: number; pageSize: number };

export const useExhibitorCards = (filter: HallFilter) =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'exhibitors', filter],
    queryFn: ({ signal }) => apiGet<Page<ExhibitorCard>>('/api/expo/exhibitors', filter, signal),
  });

export const usePublicProducts = (filter: HallFilter & { organisationId?: string }) =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'products', filter],
    queryFn: ({ signal }) => apiGet<Page<PublicProduct>>('/api/expo/products', filter, signal),
  });

export const useExhibitorPage = (orgId: string) =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'exhibitor', orgId],
    queryFn: ({ signal }) => apiGet<ExhibitorPage>(`/api/expo/exhibitors/${seg(orgId)}`, undefined, signal),
  });

export const usePublicProduct = (productId: string) =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'product', productId],
    queryFn: ({ signal }) => apiGet<PublicProduct>(`/api/expo/products/${seg(productId)}`, undefined, signal),
  });

export const useEbops = () =>
  useQuery({
    queryKey: ['expo', 'ebops'],
    queryFn: ({ signal }) =>
      apiGet<{ source: string; items: EbopsItem[] }>('/api/expo/ebops', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });

export const useExpoEvents = () =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'events'],
    queryFn: ({ signal }) => apiGet<{ items: ExpoEvent[] }>('/api/expo/events', undefined, signal),
  });

export const useExpoEvent = (eventId: string) =>
  useQuery({
    queryKey: [...catalogueKeys.hall, 'event', eventId],
    queryFn: ({ signal }) => apiGet<ExpoEventDetail>(`/api/expo/events/${seg(eventId)}`, undefined, signal),
  });

// ---------------------------------------------------------------- the caller's booth editor

export const useOwnShowcase = (orgId: string) =>
  useQuery({
    queryKey: [...catalogueKeys.own(orgId), 'showcase'],
    queryFn: ({ signal }) =>
      apiGet<{ showcase: Showcase | null }>(`${own(orgId)}/exhibitor`, undefined, signal),
  });

export const useOwnProducts = (orgId: string, page: number, pageSize: number) =>
  useQuery({
    queryKey: [...catalogueKeys.own(orgId), 'products', page, pageSize],
    queryFn: ({ signal }) => apiGet<Page<Product>>(`${own(orgId)}/products`, { page, pageSize }, signal),
  });

/** Every product of the organisation (for the export), page by page. */
export const fetchAllOwnProducts = async (
  orgId: string,
  onProgress: (count: number) => void,
  limit = 5000,
) => {
  const rows: Product[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await apiGet<Page<Product>>(`${own(orgId)}/products`, { page, pageSize: 100 });
    rows.push(...answer.items);
    onProgress(rows.length);
    if (rows.length >= answer.total || answer.items.length === 0 || rows.length >= limit) {
      return { rows: rows.slice(0, limit), truncated: answer.total > limit };
    }
  }
};

export const useOwnServices = (orgId: string) =>
  useQuery({
    queryKey: [...catalogueKeys.own(orgId), 'services'],
    queryFn: ({ signal }) =>
      apiGet<Page<Service>>(`${own(orgId)}/services`, { page: 1, pageSize: 100 }, signal),
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: catalogueKeys.own(orgId) });
      await client.invalidateQueries({ queryKey: catalogueKeys.hall });
    },
  });
};

export const useSaveShowcase = (orgId: string) =>
  useInvalidating(orgId, (input: ShowcaseInput) =>
    apiRequest<Showcase>(`${own(orgId)}/exhibitor`, { method: 'PUT', body: input }),
  );

export const useSaveProduct = (orgId: string) =>
  useInvalidating(orgId, (input: { id?: string; version?: number; body: ProductInput }) =>
    input.id === undefined
      ? apiPost<Product>(`${own(orgId)}/products`, input.body)
      : apiPatch<Product>(`${own(orgId)}/products/${seg(input.id)}`, {
          ...input.body,
          version: input.version,
        }),
  );

export const useProductStatus = (orgId: string) =>
  useInvalidating(orgId, (input: { id: string; action: 'publish' | 'withdraw' }) =>
    apiPost<Product>(`${own(orgId)}/products/${seg(input.id)}/${input.action}`),
  );

export const useCertify = (orgId: string) =>
  useInvalidating(
    orgId,
    (input: { productId: string; scheme: string; credentialDocumentId?: string; remove?: boolean }) =>
      input.remove === true
        ? apiRequest<Product>(
            `${own(orgId)}/products/${seg(input.productId)}/certifications/${seg(input.scheme)}`,
            {
              method: 'DELETE',
            },
          )
        : apiRequest<Product>(
            `${own(orgId)}/products/${seg(input.productId)}/certifications/${seg(input.scheme)}`,
            {
              method: 'PUT',
              body:
                input.credentialDocumentId === undefined
                  ? {}
                  : { credentialDocumentId: input.credentialDocumentId },
            },
          ),
  );

export const useSaveService = (orgId: string) =>
  useInvalidating(orgId, (input: { id?: string; version?: number; body: ServiceInput }) =>
    input.id === undefined
      ? apiPost<Service>(`${own(orgId)}/services`, input.body)
      : apiPatch<Service>(`${own(orgId)}/services/${seg(input.id)}`, {
          ...input.body,
          version: input.version,
        }),
  );

export const useServiceStatus = (orgId: string) =>
  useInvalidating(orgId, (input: { id: string; action: 'publish' | 'withdraw' }) =>
    apiPost<Service>(`${own(orgId)}/services/${seg(input.id)}/${input.action}`),
  );
