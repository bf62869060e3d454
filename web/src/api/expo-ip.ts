import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPatch, apiPost, seg } from './client.ts';

// The expo IP and technology-transfer registry (server/src/modules/expo/ip-registry/routes-ip.ts):
// assets, signed licences and assignments, pledges, listings, infringement watches and alerts.

export const IP_KINDS = [
  'patent',
  'utility_model',
  'design',
  'trademark',
  'copyright',
  'software_copyright',
  'trade_secret_reference',
] as const;
export type IpKind = (typeof IP_KINDS)[number];
export const IP_STATUSES = ['pending', 'granted', 'expired', 'lapsed', 'revoked'] as const;
export type IpStatus = (typeof IP_STATUSES)[number];
export type Exclusivity = 'exclusive' | 'sole' | 'non_exclusive';
export type MoneyJson = { amount: string; currency: string };
export type OrgRef = { organisationId: string | null; name: string; nameZh: string };

export type IpAsset = {
  id: string;
  kind: IpKind;
  titleZh: string;
  titleEn: string;
  registryNumber: string | null;
  registryNumberCanonical: string | null;
  jurisdiction: string;
  filingDate: string | null;
  grantDate: string | null;
  expiryDate: string | null;
  status: IpStatus;
  niceClasses: number[];
  ipcClasses: string[];
  abstractZh: string;
  abstractEn: string;
  secretDocumentSha256: string | null;
  visibility: 'draft' | 'published';
  version: number;
  holder: OrgRef;
  isMine: boolean;
  owners: (OrgRef & { kind: 'organisation' | 'person'; personName: string | null })[];
  createdAt: string;
  updatedAt: string;
};

export type IpAgreement = {
  id: string;
  kind: 'licence' | 'assignment';
  assetId: string;
  assetTitleZh: string | null;
  assetTitleEn: string | null;
  myRole: 'grantor' | 'counterparty';
  grantor: OrgRef;
  counterparty: OrgRef;
  exclusivity: Exclusivity | null;
  territory: string[];
  fieldOfUse: string;
  termStart: string;
  termEnd: string | null;
  royalty: { kind: 'none' | 'lump_sum' | 'percent'; amount: MoneyJson | null; percent: string | null };
  documentId: string;
  credentialId: string;
  docHash: string;
  status: 'awaiting_acceptance' | 'accepted' | 'issued';
  acceptedAt: string | null;
  createdAt: string;
};

export type IpPledge = {
  id: string;
  assetId: string;
  holder: OrgRef;
  bank: OrgRef;
  myRole: 'holder' | 'bank';
  securedAmount: MoneyJson | null;
  reference: string | null;
  status: 'active' | 'released';
  registeredAt: string;
  releasedAt: string | null;
  /** The bank's registration in the duplicate-financing registry (null for the holder). */
  registrationId: string | null;
};

export type IpListing = {
  id: string;
  holder: OrgRef;
  isMine: boolean;
  assets: {
    id: string;
    kind: IpKind | null;
    titleZh: string;
    titleEn: string;
    jurisdiction: string | null;
    registryNumber: string | null;
  }[];
  deal: 'licence' | 'sale' | 'either';
  pitchZh: string;
  pitchEn: string;
  fields: string[];
  asking: { kind: 'negotiable' | 'price' | 'royalty'; amount: MoneyJson | null; percent: string | null };
  status: 'draft' | 'published' | 'withdrawn';
  version: number;
  createdAt: string;
  updatedAt: string;
};

export type IpWatch = {
  id: string;
  assetId: string;
  jurisdictions: string[];
  keywords: string[];
  status: 'active' | 'paused';
  createdAt: string;
  assetTitleZh?: string | null;
  assetTitleEn?: string | null;
};

export type IpAlert = {
  id: string;
  watchId: string;
  assetId: string;
  assetTitleZh: string | null;
  assetTitleEn: string | null;
  url: string;
  marketplace: string;
  country: string;
  evidenceSha256: string;
  observedAt: string;
  reportedBy: string;
  status: 'open' | 'dismissed' | 'dispute_intake';
  createdAt: string;
};

export type IpAssetPage = {
  asset: IpAsset;
  pledged: boolean;
  agreements: IpAgreement[];
  pledges: IpPledge[];
  history: { kind: string; organisationId: string; detail: Record<string, unknown>; at: string }[];
  watches: IpWatch[];
  alerts: IpAlert[];
};

export type NewIpAsset = {
  kind: IpKind;
  titleZh: string;
  titleEn: string;
  registryNumber?: string | null;
  jurisdiction: string;
  filingDate?: string | null;
  grantDate?: string | null;
  expiryDate?: string | null;
  status: IpStatus;
  niceClasses?: number[];
  ipcClasses?: string[];
  secretDocumentSha256?: string | null;
  owners?: ({ organisationId: string } | { personName: string })[];
  visibility: 'draft' | 'published';
};

export type NewIpAgreement = {
  kind: 'licence' | 'assignment';
  counterparty: { organisationId: string } | { name: string };
  exclusivity?: Exclusivity;
  territory: string[];
  fieldOfUse?: string;
  termStart: string;
  termEnd?: string | null;
  royalty: { kind: 'none' } | { kind: 'lump_sum'; amount: MoneyJson } | { kind: 'percent'; percent: string };
};

export type NewIpListing = {
  assetIds: string[];
  deal: 'licence' | 'sale' | 'either';
  pitchZh: string;
  pitchEn: string;
  fields: string[];
  asking:
    | { kind: 'negotiable' }
    | { kind: 'price'; amount: MoneyJson }
    | { kind: 'royalty'; percent: string };
  status: 'draft' | 'published';
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/expo/ip`;
export const ipKeys = { all: (orgId: string) => ['orgs', orgId, 'expo', 'ip'] as const };

export type AssetQuery = { scope: 'mine' | 'registry'; kind?: IpKind | undefined; q?: string | undefined };
export type ListingQuery = {
  scope: 'mine' | 'market';
  q?: string | undefined;
  field?: string | undefined;
  deal?: 'licence' | 'sale' | undefined;
};

export const useIpAssets = (orgId: string, query: AssetQuery) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'assets', query.scope, query.kind ?? '', query.q ?? ''],
    queryFn: ({ signal }) => apiGet<{ items: IpAsset[] }>(`${base(orgId)}/assets`, query, signal),
  });

export const useIpAsset = (orgId: string, assetId: string) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'asset', assetId],
    queryFn: ({ signal }) => apiGet<IpAssetPage>(`${base(orgId)}/assets/${seg(assetId)}`, undefined, signal),
  });

export const useIpAgreements = (orgId: string) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'agreements'],
    queryFn: ({ signal }) => apiGet<{ items: IpAgreement[] }>(`${base(orgId)}/agreements`, undefined, signal),
  });

export const useIpPledges = (orgId: string) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'pledges'],
    queryFn: ({ signal }) => apiGet<{ items: IpPledge[] }>(`${base(orgId)}/pledges`, undefined, signal),
  });

export const useIpListings = (orgId: string, query: ListingQuery) =>
  useQuery({
    queryKey: [
      ...ipKeys.all(orgId),
      'listings',
      query.scope,
      query.q ?? '',
      query.field ?? '',
      query.deal ?? '',
    ],
    queryFn: ({ signal }) => apiGet<{ items: IpListing[] }>(`${base(orgId)}/listings`, query, signal),
  });

export const useIpListing = (orgId: string, listingId: string) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'listing', listingId],
    queryFn: ({ signal }) =>
      apiGet<IpListing>(`${base(orgId)}/listings/${seg(listingId)}`, undefined, signal),
  });

export const useIpWatches = (orgId: string) =>
  useQuery({
    queryKey: [...ipKeys.all(orgId), 'watches'],
    queryFn: ({ signal }) =>
      apiGet<{ watches: IpWatch[]; alerts: IpAlert[] }>(`${base(orgId)}/watches`, undefined, signal),
  });

const useInvalidating = <Input, Output>(orgId: string, run: (input: Input) => Promise<Output>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: () => client.invalidateQueries({ queryKey: ipKeys.all(orgId) }),
  });
};

export const useCreateIpAsset = (orgId: string) =>
  useInvalidating(orgId, (input: NewIpAsset) => apiPost<IpAsset>(`${base(orgId)}/assets`, input));

export const useUpdateIpAsset = (orgId: string, assetId: string) =>
  useInvalidating(
    orgId,
    (input: { version: number; visibility?: 'draft' | 'published'; status?: IpStatus }) =>
      apiPatch<IpAsset>(`${base(orgId)}/assets/${seg(assetId)}`, input),
  );

export const useIssueIpAgreement = (orgId: string, assetId: string) =>
  useInvalidating(orgId, (input: NewIpAgreement) =>
    apiPost<IpAgreement>(`${base(orgId)}/assets/${seg(assetId)}/agreements`, input),
  );

export const useAcceptIpAgreement = (orgId: string) =>
  useInvalidating(orgId, (agreementId: string) =>
    apiPost<IpAgreement>(`${base(orgId)}/agreements/${seg(agreementId)}/accept`, {}),
  );

/** Where either party downloads the signed agreement's offline-verifiable bundle. */
export const ipAgreementBundleUrl = (orgId: string, agreementId: string) =>
  `${base(orgId)}/agreements/${seg(agreementId)}/bundle`;

export const usePledgeIpAsset = (orgId: string, assetId: string) =>
  useInvalidating(
    orgId,
    (input: {
      bankOrganisationId: string;
      securedAmount: MoneyJson;
      reference?: string;
      /** The pledge term's last day (YYYY-MM-DD); its financing-registry entry lapses after it. */
      expiresOn?: string;
    }) => apiPost<IpPledge>(`${base(orgId)}/assets/${seg(assetId)}/pledge`, input),
  );

export const useReleaseIpPledge = (orgId: string) =>
  useInvalidating(orgId, (pledgeId: string) =>
    apiPost<IpPledge>(`${base(orgId)}/pledges/${seg(pledgeId)}/release`, {}),
  );

export const useCreateIpListing = (orgId: string) =>
  useInvalidating(orgId, (input: NewIpListing) => apiPost<IpListing>(`${base(orgId)}/listings`, input));

export const useUpdateIpListing = (orgId: string, listingId: string) =>
  useInvalidating(orgId, (input: { version: number; status: 'draft' | 'published' | 'withdrawn' }) =>
    apiPatch<IpListing>(`${base(orgId)}/listings/${seg(listingId)}`, input),
  );

export const useCreateIpWatch = (orgId: string, assetId: string) =>
  useInvalidating(orgId, (input: { jurisdictions: string[]; keywords: string[] }) =>
    apiPost<IpWatch>(`${base(orgId)}/assets/${seg(assetId)}/watches`, input),
  );

export const useReportIpHit = (orgId: string) =>
  useInvalidating(
    orgId,
    (input: {
      watchId: string;
      url: string;
      marketplace: string;
      country: string;
      evidenceSha256: string;
      observedAt: string;
    }) => {
      const { watchId, ...hit } = input;
      return apiPost<{ created: boolean; alert: IpAlert }>(
        `${base(orgId)}/watches/${seg(watchId)}/hits`,
        hit,
      );
    },
  );

export const useDismissIpAlert = (orgId: string) =>
  useInvalidating(orgId, (alertId: string) =>
    apiPost<IpAlert>(`${base(orgId)}/alerts/${seg(alertId)}/dismiss`, {}),
  );

export const useIpDisputeIntake = (orgId: string) =>
  useInvalidating(orgId, (input: { alertId: string; respondentName?: string }) =>
    apiPost<{ created: boolean; intake: { id: string; caseFile: Record<string, unknown> } }>(
      `${base(orgId)}/alerts/${seg(input.alertId)}/dispute-intake`,
      input.respondentName === undefined ? {} : { respondentName: input.respondentName },
    ),
  );
