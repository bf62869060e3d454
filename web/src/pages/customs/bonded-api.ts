import { useQuery } from '@tanstack/react-query';
import { apiGet, seg } from '../../api/client.ts';

// The bonded-stock routes of the customs module (server/src/modules/customs/service/bonded-routes.ts).

export type BondedItem = {
  itemRecordNo: string;
  gcode: string;
  gname: string;
  unit: string | null;
  /** Decimal strings (legal units), never floats. */
  quantity: string;
  released: string;
};
export type BondedInbound = {
  id: string;
  billNo: string;
  operatorCode: string;
  state: 'declared' | 'confirmed';
  items: number;
  declaredAt: string;
  confirmedAt: string | null;
};
export type BondedBook = {
  id: string;
  ebcCode: string;
  areaCode: string;
  emsNo: string;
  createdAt: string;
  items: BondedItem[];
  inbounds: BondedInbound[];
};
export type BondedOverview = {
  books: BondedBook[];
  refusedLists: {
    parcelId: string;
    orderNo: string;
    tradeMode: string | null;
    refusalCode: string;
    at: string;
  }[];
  positiveList: {
    source: 'imported' | 'illustrative_sample';
    lines: number;
    importedAt: string | null;
    fileName: string | null;
  };
};
export type BondedEntry = {
  id: number;
  itemRecordNo: string;
  kind: 'inbound' | 'release' | 'cancel' | 'return' | 'refusal';
  quantity: string;
  inboundId: string | null;
  parcelId: string | null;
  orderNo: string | null;
  gnum: number | null;
  at: string;
};

const bondedKeys = {
  overview: (orgId: string) => ['orgs', orgId, 'customs', 'bonded'] as const,
  ledger: (orgId: string, bookId: string) => ['orgs', orgId, 'customs', 'bonded', 'ledger', bookId] as const,
};

export const useBondedOverview = (orgId: string) =>
  useQuery({
    queryKey: bondedKeys.overview(orgId),
    queryFn: ({ signal }) =>
      apiGet<BondedOverview>(`/api/orgs/${seg(orgId)}/customs/bonded`, undefined, signal),
    // Stock moves with every release: refresh as the clearance board does.
    refetchInterval: 10_000,
  });

export const useBondedLedger = (orgId: string, bookId: string | null) =>
  useQuery({
    queryKey: bondedKeys.ledger(orgId, bookId ?? ''),
    enabled: bookId !== null,
    queryFn: ({ signal }) =>
      apiGet<{ items: BondedEntry[]; nextBefore: number | null }>(
        `/api/orgs/${seg(orgId)}/customs/bonded/books/${seg(bookId ?? '')}/entries`,
        { limit: 200 },
        signal,
      ),
  });

/** A decimal string shown without trailing zeros ("12.50000" → "12.5"): exact, no float. */
export const trimDecimal = (value: string): string =>
  value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
