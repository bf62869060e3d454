import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiDelete, apiGet, apiPatch, apiPost, seg } from './client.ts';

// Services-trade records (server/src/modules/expo/services-trade; docs/expo-services-trade.md):
// service contracts with a client abroad and their deliveries, technology import/export contracts
// and their registration. Money travels as decimal strings with the currency, never as numbers.

export const GATS_MODES = ['mode1', 'mode2', 'mode3', 'mode4'] as const;
export type GatsMode = (typeof GATS_MODES)[number];
export const SERVICE_STATUSES = ['active', 'completed', 'terminated'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const TECHNOLOGY_DIRECTIONS = ['export', 'import'] as const;
export type TechnologyDirection = (typeof TECHNOLOGY_DIRECTIONS)[number];
export const TECHNOLOGY_CATEGORIES = ['free', 'restricted', 'prohibited'] as const;
export type TechnologyCategory = (typeof TECHNOLOGY_CATEGORIES)[number];
export const TECHNOLOGY_FIELDS = [
  'patent_assignment',
  'patent_application_assignment',
  'patent_licensing',
  'know_how',
  'technical_services',
  'software_copyright',
  'other',
] as const;
export type TechnologyField = (typeof TECHNOLOGY_FIELDS)[number];
export const PAYMENT_METHODS = ['lump_sum', 'royalty', 'mixed'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
export const TECHNOLOGY_STATUSES = ['draft', 'registered', 'cancelled'] as const;
export type TechnologyStatus = (typeof TECHNOLOGY_STATUSES)[number];

export type MoneyJson = { amount: string; currency: string };
export type Evidence =
  | { kind: 'document'; documentId: string }
  | { kind: 'file'; sha256: string; name: string; sizeBytes: number };
export type HistoryEntry = { fromStatus: string | null; toStatus: string; reason: string | null; at: string };

export type ServiceContract = {
  id: string;
  organisationId: string;
  providerName: string | null;
  providerNameZh: string | null;
  role: 'provider' | 'client' | 'regulator';
  reference: string;
  title: string;
  client: { name: string; country: string; organisationId: string | null };
  ebopsCode: string;
  ebopsEn: string | null;
  ebopsZh: string | null;
  gatsMode: GatsMode;
  value: MoneyJson;
  delivered: MoneyJson;
  remaining: MoneyJson;
  startsOn: string;
  endsOn: string;
  digitallyDelivered: boolean;
  evidence: Evidence[];
  status: ServiceStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type ServiceDelivery = {
  id: string;
  contractId: string;
  deliveredOn: string;
  value: MoneyJson;
  note: string;
  evidence: Evidence[];
  eventId: string;
  createdAt: string;
};
export type ServiceContractDetail = ServiceContract & {
  deliveries: ServiceDelivery[];
  history: HistoryEntry[];
};

export type NewServiceContract = {
  reference: string;
  title: string;
  client: { name: string; country: string; organisationId?: string | null };
  ebopsCode: string;
  gatsMode: GatsMode;
  value: MoneyJson;
  startsOn: string;
  endsOn: string;
  digitallyDelivered: boolean;
  evidence: Evidence[];
};
export type NewDelivery = { deliveredOn: string; value: MoneyJson; note?: string; evidence: Evidence[] };

export type TechnologyContract = {
  id: string;
  organisationId: string;
  chinesePartyName: string | null;
  chinesePartyNameZh: string | null;
  role: 'chinese_party' | 'foreign_party' | 'regulator';
  reference: string;
  direction: TechnologyDirection;
  foreignParty: { name: string; country: string; organisationId: string | null };
  technologyName: string;
  technologyFields: TechnologyField[];
  category: 'free' | 'restricted';
  catalogueEntry: { id: string; nameZh: string; nameEn: string; verified: boolean } | null;
  licenceNumber: string | null;
  value: MoneyJson;
  paymentMethod: PaymentMethod;
  termStartsOn: string;
  termEndsOn: string;
  status: TechnologyStatus;
  registrationNumber: string | null;
  registeredOn: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
};
export type TechnologyContractDetail = TechnologyContract & { history: HistoryEntry[] };
export type NewTechnologyContract = {
  reference: string;
  direction: TechnologyDirection;
  foreignParty: { name: string; country: string; organisationId?: string | null };
  technologyName: string;
  technologyFields: TechnologyField[];
  category: TechnologyCategory;
  catalogueEntry?: string | null;
  licenceNumber?: string | null;
  value: MoneyJson;
  paymentMethod: PaymentMethod;
  termStartsOn: string;
  termEndsOn: string;
};
export type CatalogueEntry = {
  id: string;
  direction: TechnologyDirection;
  category: 'restricted' | 'prohibited';
  industryZh: string;
  industryEn: string;
  nameZh: string;
  nameEn: string;
  verified: boolean;
};

export type ServiceFilter = {
  role?: 'provider' | 'client' | 'all' | undefined;
  status?: ServiceStatus | undefined;
  ebops?: string | undefined;
  gatsMode?: GatsMode | undefined;
  clientCountry?: string | undefined;
  q?: string | undefined;
};
export type TechnologyFilter = {
  direction?: TechnologyDirection | undefined;
  status?: TechnologyStatus | undefined;
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/expo`;
export const servicesTradeKeys = {
  all: (orgId: string) => ['orgs', orgId, 'expo', 'services-trade'] as const,
};

/** Drops empty filter values, so `?status=` is never sent. */
const queryOf = (filter: Record<string, string | undefined>) =>
  Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== undefined && value !== ''));

export const useServiceContracts = (orgId: string, filter: ServiceFilter, allOrganisations = false) =>
  useQuery({
    queryKey: [...servicesTradeKeys.all(orgId), 'services', allOrganisations, filter],
    queryFn: ({ signal }) =>
      apiGet<{ items: ServiceContract[] }>(
        allOrganisations
          ? `${base(orgId)}/services-trade/all-service-contracts`
          : `${base(orgId)}/service-contracts`,
        { ...queryOf({ ...filter, role: allOrganisations ? undefined : filter.role }), limit: 1000 },
        signal,
      ),
  });

export const useServiceContract = (orgId: string, id: string | null) =>
  useQuery({
    queryKey: [...servicesTradeKeys.all(orgId), 'service', id],
    queryFn: ({ signal }) =>
      apiGet<ServiceContractDetail>(`${base(orgId)}/service-contracts/${seg(id ?? '')}`, undefined, signal),
    enabled: id !== null,
  });

export const useTechnologyContracts = (orgId: string, filter: TechnologyFilter, allOrganisations = false) =>
  useQuery({
    queryKey: [...servicesTradeKeys.all(orgId), 'technology', allOrganisations, filter],
    queryFn: ({ signal }) =>
      apiGet<{ items: TechnologyContract[] }>(
        allOrganisations
          ? `${base(orgId)}/services-trade/all-technology-contracts`
          : `${base(orgId)}/technology-contracts`,
        { ...queryOf(filter), limit: 1000 },
        signal,
      ),
  });

export const useTechnologyContract = (orgId: string, id: string | null) =>
  useQuery({
    queryKey: [...servicesTradeKeys.all(orgId), 'technology-one', id],
    queryFn: ({ signal }) =>
      apiGet<TechnologyContractDetail>(
        `${base(orgId)}/technology-contracts/${seg(id ?? '')}`,
        undefined,
        signal,
      ),
    enabled: id !== null,
  });

export const useTechnologyCatalogue = () =>
  useQuery({
    queryKey: ['expo', 'technology-catalogue'],
    queryFn: ({ signal }) =>
      apiGet<{ source: Record<string, string>; entries: CatalogueEntry[] }>(
        '/api/expo/technology-catalogue',
        undefined,
        signal,
      ),
    staleTime: Number.POSITIVE_INFINITY,
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: servicesTradeKeys.all(orgId) }),
  });
};

export const useCreateServiceContract = (orgId: string) =>
  useInvalidating(orgId, (input: NewServiceContract) =>
    apiPost<ServiceContract>(`${base(orgId)}/service-contracts`, input),
  );

export const useUpdateServiceContract = (orgId: string, id: string) =>
  useInvalidating(orgId, (input: { version: number; status?: ServiceStatus; reason?: string }) =>
    apiPatch<ServiceContract>(`${base(orgId)}/service-contracts/${seg(id)}`, input),
  );

export const useDeleteServiceContract = (orgId: string) =>
  useInvalidating(orgId, (id: string) => apiDelete(`${base(orgId)}/service-contracts/${seg(id)}`));

export const useRecordDelivery = (orgId: string, contractId: string) =>
  useInvalidating(orgId, (input: NewDelivery) =>
    apiPost<ServiceDelivery>(`${base(orgId)}/service-contracts/${seg(contractId)}/deliveries`, input),
  );

export const useCreateTechnologyContract = (orgId: string) =>
  useInvalidating(orgId, (input: NewTechnologyContract) =>
    apiPost<TechnologyContract>(`${base(orgId)}/technology-contracts`, input),
  );

export const useRegisterTechnologyContract = (orgId: string, id: string) =>
  useInvalidating(orgId, (input: { version: number; licenceNumber?: string }) =>
    apiPost<TechnologyContractDetail>(`${base(orgId)}/technology-contracts/${seg(id)}/register`, input),
  );

export const useCancelTechnologyContract = (orgId: string, id: string) =>
  useInvalidating(orgId, (input: { version: number; reason: string }) =>
    apiPost<TechnologyContractDetail>(`${base(orgId)}/technology-contracts/${seg(id)}/cancel`, input),
  );
