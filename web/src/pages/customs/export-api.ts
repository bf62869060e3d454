import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from '../../api/client.ts';
import { customsKeys } from '../../api/customs.ts';

// The export side of the customs API (server/src/modules/customs/service/export-routes.ts): the
// export board, export parcels, CEB701 summaries and 9810 overseas-warehouse filings. Keys sit
// under the customs keys, so an upload on the board refreshes them too.

export type ExportParcelSummary = {
  id: string;
  orderNo: string;
  ebpCode: string;
  state: string;
  tradeMode: string | null;
  invtNo: string | null;
  logisticsNo: string | null;
  route: string | null;
  goodsValue: string | null;
  currency: string | null;
  country: string | null;
  waitingFor: string[];
  summaryId: string | null;
  arrived: boolean;
  departed: boolean;
  updatedAt: string;
};

export type ExportParcelDetail = ExportParcelSummary & {
  findings: {
    rule: string;
    severity: 'reject' | 'warn';
    code: string;
    message: string;
    fields: { document: string; field: string; gnum?: number; value: string | null }[];
  }[];
  refusal: { field: string; code: string; message: string }[] | null;
  routeReasons: string[] | null;
  warehouseFilingNo: string | null;
  timeline: { seq: number; at: string; kind: string; state: string }[];
  receipts: { receiptType: string; returnStatus: string; returnInfo: string; createdAt: string }[];
};

export type ExportBoard = {
  byState: { state: string; tradeMode: string | null; count: number }[];
  byRoute: { route: string; count: number }[];
  total: number;
  held: ExportParcelSummary[];
  recentFailures: ExportParcelSummary[];
  summaries: number;
  routingControls: 'illustrative';
};

export type ExportSummary = {
  id: string;
  period: string;
  copNo: string;
  sumNo: string;
  entryId: string;
  ebcCode: string;
  customsCode: string;
  key: { country: string; portCode: string; tradeMode: string; trafMode: string };
  listCount: number;
  items: {
    gcode: string;
    country: string;
    currency: string;
    unit: string;
    qty: string;
    totalPrice: string;
  }[];
  totals: Record<string, string>;
  createdAt: string;
};

export type WarehouseFiling = {
  id: string;
  organisationId: string;
  filingNo: string;
  name: string;
  country: string;
  address: string;
  areaM2: string;
  operator: string;
  proofDocumentId: string;
  state: 'filed' | 'approved' | 'returned';
  decisionNote: string | null;
  decidedAt: string | null;
  createdAt: string;
};

export type WarehouseFilingInput = Pick<
  WarehouseFiling,
  'name' | 'country' | 'address' | 'areaM2' | 'operator' | 'proofDocumentId'
>;

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/customs/export`;
const keys = {
  all: (orgId: string) => [...customsKeys.all(orgId), 'export'] as const,
  board: (orgId: string) => [...customsKeys.all(orgId), 'export', 'board'] as const,
  summaries: (orgId: string) => [...customsKeys.all(orgId), 'export', 'summaries'] as const,
  warehouses: (orgId: string) => [...customsKeys.all(orgId), 'export', 'warehouses'] as const,
};

/** Where a summary's CEB701 (apply) or CEB792 (result) XML downloads from (same-origin, session cookie). */
export const summaryXmlUrl = (orgId: string, summaryId: string, kind: 'apply' | 'result') =>
  `${base(orgId)}/summaries/${seg(summaryId)}/xml?kind=${kind}`;

export const useExportBoard = (orgId: string) =>
  useQuery({
    queryKey: keys.board(orgId),
    queryFn: ({ signal }) => apiGet<ExportBoard>(`${base(orgId)}/board`, undefined, signal),
    refetchInterval: 5_000,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData,
  });

export const useExportParcel = (orgId: string, parcelId: string | null) =>
  useQuery({
    queryKey: [...keys.all(orgId), 'parcel', parcelId ?? ''],
    queryFn: ({ signal }) =>
      apiGet<ExportParcelDetail>(`${base(orgId)}/parcels/${seg(parcelId ?? '')}`, undefined, signal),
    enabled: parcelId !== null,
  });

export const useExportSummaries = (orgId: string) =>
  useQuery({
    queryKey: keys.summaries(orgId),
    queryFn: ({ signal }) =>
      apiGet<{ items: ExportSummary[] }>(`${base(orgId)}/summaries`, undefined, signal),
  });

export const useBuildSummaries = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (month: string) =>
      apiPost<{ created: ExportSummary[] }>(`${base(orgId)}/summaries`, { month }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.all(orgId) }),
  });
};

export const useWarehouseFilings = (orgId: string) =>
  useQuery({
    queryKey: keys.warehouses(orgId),
    queryFn: ({ signal }) =>
      apiGet<{ items: WarehouseFiling[] }>(`${base(orgId)}/warehouses`, undefined, signal),
  });

export const useFileWarehouse = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WarehouseFilingInput) => apiPost<WarehouseFiling>(`${base(orgId)}/warehouses`, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.warehouses(orgId) }),
  });
};

export const useDecideWarehouse = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { filingId: string; outcome: 'approve' | 'return'; note: string }) =>
      apiPost<WarehouseFiling>(`${base(orgId)}/warehouses/${seg(input.filingId)}/decision`, {
        outcome: input.outcome,
        note: input.note,
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keys.warehouses(orgId) }),
  });
};

/** This month in China time (the summaries' period), as YYYY-MM. */
export const chinaMonth = (at: Date): string =>
  new Date(at.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 7);
