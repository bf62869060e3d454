import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, seg } from './client.ts';

// Expo matchmaking (server/src/modules/expo/matchmaking/routes-matchmaking.ts): a buyer's
// requirements and their ranked, explained matches; a supplier's leads; trends of what buyers ask for.

export const REQUIREMENT_STATUSES = ['open', 'closed', 'fulfilled'] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];
export const LEAD_STATUSES = ['new', 'interested', 'declined'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export type MoneyJson = { amount: string; currency: string };

export type Requirement = {
  id: string;
  organisationId: string;
  title: string;
  description: string;
  hsCode: string | null;
  quantity: string;
  unit: string;
  targetPrice: MoneyJson | null;
  destinationCountry: string;
  destinationUnlocode: string | null;
  certifications: string[];
  deadline: string;
  status: RequirementStatus;
  version: number;
  matchCount: number;
  matchedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

export type RequirementInput = {
  title: string;
  description?: string;
  hsCode?: string | null;
  quantity: string;
  unit: string;
  targetPrice?: MoneyJson | null;
  destinationCountry?: string | null;
  destinationUnlocode?: string | null;
  certifications?: string[];
  deadline: string;
};

export const MATCH_COMPONENT_KEYS = [
  'hs',
  'text',
  'price',
  'moq',
  'certifications',
  'delivery',
  'history',
  'credit',
] as const;
export type MatchComponentKey = (typeof MATCH_COMPONENT_KEYS)[number];

export type MatchComponent = {
  key: MatchComponentKey;
  weight: number;
  value: number;
  points: number;
  reason: string;
  params: Record<string, string | number>;
};

export type Lead = {
  id: string;
  side: 'buyer' | 'supplier';
  requirementId: string;
  buyerOrganisationId: string;
  supplierOrganisationId: string;
  score: number;
  components: MatchComponent[];
  buyerStatus: LeadStatus;
  supplierStatus: LeadStatus;
  createdAt: string;
  updatedAt: string;
  buyer: { name: string; nameZh: string };
  exhibitor: { nameZh: string; nameEn: string; country: string };
  product: {
    id: string;
    nameZh: string;
    nameEn: string;
    hsCode: string;
    moq: string;
    moqUnit: string;
    priceMin: MoneyJson | null;
    priceMax: MoneyJson | null;
  };
  requirement: {
    title: string;
    description: string;
    hsCode: string | null;
    quantity: string;
    unit: string;
    targetPrice: MoneyJson | null;
    destinationCountry: string;
    destinationUnlocode: string | null;
    certifications: string[];
    deadline: string;
    status: RequirementStatus;
  };
};

export type TrendDimension = 'hs_chapter' | 'country';
export type TrendSeries = { key: string; total: number; counts: number[] };
export type Trends = {
  from: string;
  to: string;
  by: TrendDimension;
  months: string[];
  requirements: TrendSeries[];
  searches: TrendSeries[];
  trade: { year: number; throughMonth: number; items: { key: string; usdMinor: string }[] } | null;
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/expo`;
export const matchmakingKeys = {
  all: (orgId: string) => ['orgs', orgId, 'expo', 'matchmaking'] as const,
  trends: (from: string, to: string, by: TrendDimension) => ['expo', 'trends', from, to, by] as const,
};

/** Pages of requirements or leads the list pages and exports read. */
export const PAGE_SIZE = 100;

export const fetchRequirements = (
  orgId: string,
  offset: number,
  status?: RequirementStatus,
  signal?: AbortSignal,
) =>
  apiGet<{ items: Requirement[]; total: number }>(
    `${base(orgId)}/requirements`,
    { limit: PAGE_SIZE, offset, status },
    signal,
  );

export const fetchLeads = (
  orgId: string,
  offset: number,
  filter: { status?: LeadStatus | undefined; minScore?: number | undefined },
  signal?: AbortSignal,
) =>
  apiGet<{ items: Lead[]; total: number }>(
    `${base(orgId)}/leads`,
    { limit: PAGE_SIZE, offset, status: filter.status, minScore: filter.minScore },
    signal,
  );

export const useRequirements = (orgId: string, status?: RequirementStatus) =>
  useQuery({
    queryKey: [...matchmakingKeys.all(orgId), 'requirements', status ?? ''],
    queryFn: ({ signal }) => fetchRequirements(orgId, 0, status, signal),
  });

export const useRequirementMatches = (orgId: string, requirementId: string) =>
  useQuery({
    queryKey: [...matchmakingKeys.all(orgId), 'matches', requirementId],
    queryFn: ({ signal }) =>
      apiGet<{ requirement: Requirement; items: Lead[] }>(
        `${base(orgId)}/requirements/${seg(requirementId)}/matches`,
        undefined,
        signal,
      ),
  });

export const useLeads = (
  orgId: string,
  filter: { status?: LeadStatus | undefined; minScore?: number | undefined },
) =>
  useQuery({
    queryKey: [...matchmakingKeys.all(orgId), 'leads', filter.status ?? '', filter.minScore ?? 0],
    queryFn: ({ signal }) => fetchLeads(orgId, 0, filter, signal),
  });

export const useTrends = (from: string, to: string, by: TrendDimension) =>
  useQuery({
    queryKey: matchmakingKeys.trends(from, to, by),
    queryFn: ({ signal }) => apiGet<Trends>('/api/expo/trends', { from, to, by }, signal),
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: matchmakingKeys.all(orgId) }),
  });
};

export const usePostRequirement = (orgId: string) =>
  useInvalidating(orgId, (input: RequirementInput) =>
    apiPost<Requirement>(`${base(orgId)}/requirements`, input),
  );

export const useChangeRequirement = (orgId: string, requirementId: string) =>
  useInvalidating(
    orgId,
    (input: Partial<RequirementInput> & { version: number; status?: RequirementStatus }) =>
      apiPatch<Requirement>(`${base(orgId)}/requirements/${seg(requirementId)}`, input),
  );

export const useMarkLead = (orgId: string) =>
  useInvalidating(orgId, (input: { leadId: string; status: LeadStatus }) =>
    apiPatch<Lead>(`${base(orgId)}/leads/${seg(input.leadId)}`, { status: input.status }),
  );
