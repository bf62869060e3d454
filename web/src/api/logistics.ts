import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiGet, apiPost, seg } from './client.ts';

// The logistics module's HTTP API: shipments and their DCSA events (docs/logistics.md), the
// multimodal plan and exceptions (docs/logistics-plans-exceptions.md), and overseas warehouses
// with the returns centre (docs/warehouses.md).

export const TRANSPORT_MODES = ['sea', 'rail', 'air', 'road'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

export type ShipmentLeg = {
  mode: TransportMode;
  origin: string;
  destination: string;
  carrierName?: string;
  vesselName?: string;
  vesselIMONumber?: string;
  voyageNumber?: string;
  trainNumber?: string;
  flightNumber?: string;
  plannedDeparture: string;
  plannedArrival: string;
};

export type ShipmentContainer = { number: string; sizeType: string; seals: string[] };

export type CargoLine = {
  hsCode: string;
  description: string;
  packages: number;
  packageTypeCode?: string;
  /** Decimal string, at most 3 decimals: never a float. */
  grossWeightKg: string;
};

export const PARTY_ROLES = ['shipper', 'forwarder', 'carrier', 'seller', 'buyer'] as const;
export type ShipmentPartyRole = (typeof PARTY_ROLES)[number];

/** A DCSA T&T 2.2 event exactly as the carrier sent it; the page reads it defensively. */
export type DcsaEvent = Record<string, unknown>;

export type Shipment = {
  id: string;
  reference: string;
  shipperOrganisationId: string;
  forwarderOrganisationId: string | null;
  carrierOrganisationId: string | null;
  carrierBookingReference: string | null;
  transportDocumentReference: string | null;
  orderIds: string[];
  myRoles: ShipmentPartyRole[];
  legs: ShipmentLeg[];
  containers: ShipmentContainer[];
  cargo: CargoLine[];
  createdAt: string;
};

export type ShipmentWithEvents = Shipment & { events: DcsaEvent[] };

export type ShipmentSummary = {
  id: string;
  reference: string;
  shipperOrganisationId: string;
  carrierBookingReference: string | null;
  transportDocumentReference: string | null;
  legs: number;
  containers: number;
  createdAt: string;
};

export type ShipmentPage = { items: ShipmentSummary[]; nextCursor: string | null };

/** Coordinates are decimal-degree strings from the UN/LOCODE list or an event; null when unknown. */
export type Place = { code: string; name: string | null; latitude: string | null; longitude: string | null };

export const LEG_STATUSES = ['planned', 'departed', 'arrived'] as const;
export type LegStatus = (typeof LEG_STATUSES)[number];

export type PlanLeg = {
  index: number;
  mode: TransportMode;
  origin: Place;
  destination: Place;
  carrierName?: string;
  vesselName?: string;
  voyageNumber?: string;
  trainNumber?: string;
  flightNumber?: string;
  plannedDeparture: string;
  plannedArrival: string;
  estimatedDeparture?: string;
  estimatedArrival?: string;
  actualDeparture?: string;
  actualArrival?: string;
  departureDelayMinutes?: number;
  arrivalDelayMinutes?: number;
  status: LegStatus;
};

export type Position = {
  place: Place;
  legIndex: number;
  status: 'at' | 'between';
  nextPlace?: Place;
  asOf: string;
};

/** Where leg `afterLegIndex` ends and the next starts; dwell is planned (and actual once known). */
export type TransshipmentPoint = Place & {
  afterLegIndex: number;
  dwellMinutes: number;
  actualDwellMinutes?: number;
};

export type ShipmentPlan = {
  shipmentId: string;
  reference: string;
  legs: PlanLeg[];
  transshipmentPoints: TransshipmentPoint[];
  plannedTransitMinutes: number;
  actualTransitMinutes?: number;
  position: Position | null;
};

export const EXCEPTION_KINDS = ['delay', 'gap'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];
export const EXCEPTION_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type ExceptionState = (typeof EXCEPTION_STATES)[number];
export const MILESTONES = ['departure', 'arrival'] as const;
export type Milestone = (typeof MILESTONES)[number];

export type ShipmentException = {
  id: string;
  shipmentId: string;
  shipmentReference: string;
  kind: ExceptionKind;
  legIndex: number;
  milestone: Milestone;
  expectedAt: string;
  observedAt?: string;
  /** Whether the observed time is an actual event or an estimate. */
  observedClassifier?: 'ACT' | 'EST';
  delayMinutes?: number;
  state: ExceptionState;
  raisedAt: string;
  updatedAt: string;
  acknowledgedAt?: string;
  resolvedAt?: string;
};

export type ExceptionPage = { items: ShipmentException[]; nextCursor: string | null };

export const SHIPMENTS_PAGE_SIZE = 20;
const EXPORT_PAGE_SIZE = 200;
const EXPORT_PLAN_CONCURRENCY = 4;

export const logisticsKeys = {
  all: (orgId: string) => ['orgs', orgId, 'logistics'] as const,
  shipments: (orgId: string) => ['orgs', orgId, 'logistics', 'shipments'] as const,
  shipmentList: (orgId: string) => ['orgs', orgId, 'logistics', 'shipments', 'list'] as const,
  shipment: (orgId: string, shipmentId: string) =>
    ['orgs', orgId, 'logistics', 'shipments', 'one', shipmentId] as const,
  plan: (orgId: string, shipmentId: string) =>
    ['orgs', orgId, 'logistics', 'shipments', 'plan', shipmentId] as const,
  exceptions: (orgId: string, shipmentId: string | null, state: ExceptionState | null) =>
    ['orgs', orgId, 'logistics', 'exceptions', shipmentId ?? '', state ?? ''] as const,
  warehouses: (orgId: string) => ['orgs', orgId, 'logistics', 'warehouses'] as const,
  warehouse: (orgId: string, warehouseId: string) =>
    ['orgs', orgId, 'logistics', 'warehouses', 'one', warehouseId] as const,
  warehousePart: (orgId: string, warehouseId: string, part: 'stock' | 'movements' | 'returns' | 'funnel') =>
    ['orgs', orgId, 'logistics', 'warehouses', 'one', warehouseId, part] as const,
};

const base = (orgId: string) => `/api/orgs/${seg(orgId)}/logistics`;
const shipmentPath = (orgId: string, shipmentId: string) => `${base(orgId)}/shipments/${seg(shipmentId)}`;

/** Where the browser downloads a shipment's verifiable trace (tradehub-trace/v1 JSON). */
export const traceUrl = (orgId: string, shipmentId: string) => `${shipmentPath(orgId, shipmentId)}/trace`;
/** Where the browser downloads a shipment's events as a GS1 EPCIS 2.0 JSON-LD document. */
export const epcisUrl = (orgId: string, shipmentId: string) => `${shipmentPath(orgId, shipmentId)}/epcis`;

export const listShipments = (
  orgId: string,
  cursor: string | null,
  limit = SHIPMENTS_PAGE_SIZE,
  signal?: AbortSignal,
): Promise<ShipmentPage> => apiGet<ShipmentPage>(`${base(orgId)}/shipments`, { cursor, limit }, signal);

export const getShipment = (orgId: string, shipmentId: string, signal?: AbortSignal) =>
  apiGet<ShipmentWithEvents>(shipmentPath(orgId, shipmentId), undefined, signal);

export const getShipmentPlan = (orgId: string, shipmentId: string, signal?: AbortSignal) =>
  apiGet<ShipmentPlan>(`${shipmentPath(orgId, shipmentId)}/plan`, undefined, signal);

export const listExceptions = (
  orgId: string,
  filter: { shipmentId: string | null; state: ExceptionState | null },
  cursor: string | null,
  signal?: AbortSignal,
) =>
  apiGet<ExceptionPage>(
    `${base(orgId)}/exceptions`,
    { shipmentId: filter.shipmentId, state: filter.state, cursor },
    signal,
  );

export const acknowledgeException = (orgId: string, exceptionId: string) =>
  apiPost<ShipmentException>(`${base(orgId)}/exceptions/${seg(exceptionId)}/acknowledge`);

/** Every shipment of the organisation, page by page, up to `maxRows`, for exports. */
export const collectShipments = async (
  orgId: string,
  maxRows: number,
  onProgress: (count: number) => void,
): Promise<{ rows: { summary: ShipmentSummary; plan: ShipmentPlan }[]; truncated: boolean }> => {
  const summaries: ShipmentSummary[] = [];
  let cursor: string | null = null;
  do {
    const page = await listShipments(orgId, cursor, EXPORT_PAGE_SIZE);
    summaries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && summaries.length < maxRows);
  const chosen = summaries.slice(0, maxRows);
  // The route, modes and next arrival are in each shipment's plan: a few requests at a time.
  const rows: { summary: ShipmentSummary; plan: ShipmentPlan }[] = [];
  for (let start = 0; start < chosen.length; start += EXPORT_PLAN_CONCURRENCY) {
    const batch = chosen.slice(start, start + EXPORT_PLAN_CONCURRENCY);
    const plans = await Promise.all(batch.map((summary) => getShipmentPlan(orgId, summary.id)));
    batch.forEach((summary, index) => {
      const plan = plans[index];
      if (plan) {
        rows.push({ summary, plan });
      }
    });
    onProgress(rows.length);
  }
  return { rows, truncated: cursor !== null || summaries.length > maxRows };
};

/** The organisation's shipments, newest first, a page at a time ("load more"). */
export const useShipments = (orgId: string) =>
  useInfiniteQuery({
    queryKey: logisticsKeys.shipmentList(orgId),
    queryFn: ({ pageParam, signal }) => listShipments(orgId, pageParam, SHIPMENTS_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useShipment = (orgId: string, shipmentId: string) =>
  useQuery({
    queryKey: logisticsKeys.shipment(orgId, shipmentId),
    queryFn: ({ signal }) => getShipment(orgId, shipmentId, signal),
  });

export const useShipmentPlan = (orgId: string, shipmentId: string) =>
  useQuery({
    queryKey: logisticsKeys.plan(orgId, shipmentId),
    queryFn: ({ signal }) => getShipmentPlan(orgId, shipmentId, signal),
  });

/** The plans and the shipments (parties, legs) of the listed shipments, one request each. */
export const useShipmentDetails = (orgId: string, shipmentIds: readonly string[]) => {
  const plans = useQueries({
    queries: shipmentIds.map((id) => ({
      queryKey: logisticsKeys.plan(orgId, id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getShipmentPlan(orgId, id, signal),
    })),
  });
  const shipments = useQueries({
    queries: shipmentIds.map((id) => ({
      queryKey: logisticsKeys.shipment(orgId, id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getShipment(orgId, id, signal),
    })),
  });
  const planById = new Map<string, ShipmentPlan>();
  const shipmentById = new Map<string, ShipmentWithEvents>();
  shipmentIds.forEach((id, index) => {
    const plan = plans[index]?.data;
    const shipment = shipments[index]?.data;
    if (plan) {
      planById.set(id, plan);
    }
    if (shipment) {
      shipmentById.set(id, shipment);
    }
  });
  const failed = [...plans, ...shipments].find((query) => query.isError)?.error ?? null;
  const loading = [...plans, ...shipments].some((query) => query.isPending);
  return { planById, shipmentById, failed, loading };
};

export const useExceptions = (
  orgId: string,
  filter: { shipmentId: string | null; state: ExceptionState | null },
) =>
  useQuery({
    queryKey: logisticsKeys.exceptions(orgId, filter.shipmentId, filter.state),
    queryFn: ({ signal }) => listExceptions(orgId, filter, null, signal),
  });

export const useAcknowledgeException = (orgId: string) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (exceptionId: string) => acknowledgeException(orgId, exceptionId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['orgs', orgId, 'logistics', 'exceptions'] }),
  });
};

// Warehouses, stock and the returns centre (server/src/modules/logistics/warehouses).

export const WAREHOUSE_ROLES = ['storage', 'returns_centre', 'after_sales'] as const;
export type WarehouseRole = (typeof WAREHOUSE_ROLES)[number];

export const MOVEMENT_KINDS = [
  'inbound',
  'pick',
  'outbound',
  'adjustment',
  'return_received',
  'restock',
  're_export',
  'return_to_china',
  'scrap',
  'to_repair',
  'repaired',
  'repair_scrap',
] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const DIRECT_MOVEMENT_KINDS = ['inbound', 'pick', 'outbound', 'adjustment'] as const;
export type DirectMovementKind = (typeof DIRECT_MOVEMENT_KINDS)[number];

export const STOCK_BUCKETS = ['sellable', 'picked', 'quarantine', 'in_repair'] as const;

export const RETURN_STAGES = [
  'received',
  'inspected',
  'refurbishing',
  'restocked',
  're_exported',
  'returned_to_china',
  'scrapped',
] as const;
export type ReturnStage = (typeof RETURN_STAGES)[number];
export const RETURN_GRADES = ['A', 'B', 'C'] as const;
export type ReturnGrade = (typeof RETURN_GRADES)[number];
export const RETURN_DECISIONS = ['restock', 're_export', 'return_to_china', 'scrap'] as const;
export type ReturnDecision = (typeof RETURN_DECISIONS)[number];

export type WarehouseAddress = { lines: string[]; postcode?: string; city: string; country: string };

export type Warehouse = {
  id: string;
  operatorOrganisationId: string;
  name: string;
  unlocode: string;
  address: WarehouseAddress;
  roles: WarehouseRole[];
  myStanding: 'operator' | 'client';
  createdAt: string;
};

export type WarehouseView = Warehouse & { clients: { organisationId: string; grantedAt: string }[] };

export type StockRow = {
  clientOrganisationId: string;
  sku: string;
  sellable: number;
  picked: number;
  quarantine: number;
  /** Returns being refurbished at an after-sales centre. */
  inRepair: number;
};

export type StockMovement = {
  id: string;
  warehouseId: string;
  clientOrganisationId: string;
  sku: string;
  kind: MovementKind;
  quantity: number;
  fromBucket: string | null;
  toBucket: string | null;
  reference: string | null;
  reason: string | null;
  returnCaseId: string | null;
  recordedByOrganisationId: string;
  createdAt: string;
};

export type ReturnCase = {
  id: string;
  warehouseId: string;
  clientOrganisationId: string;
  buyerReference: string;
  orderReference: string;
  sku: string;
  quantity: number;
  reason: string;
  stage: ReturnStage;
  grade: ReturnGrade | null;
  customsReturnReference: string | null;
  createdAt: string;
  updatedAt: string;
};

export type ReturnFunnel = Partial<Record<ReturnStage, number>>;

export type MovementInput = {
  clientOrganisationId: string;
  sku: string;
  kind: DirectMovementKind;
  quantity: number;
  reference?: string;
  reason?: string;
};

export type ReturnInput = {
  clientOrganisationId: string;
  buyerReference: string;
  orderReference: string;
  sku: string;
  quantity: number;
  reason: string;
};

export type DecisionInput = { decision: ReturnDecision; customsReturnReference?: string; reference?: string };

/** The movements ledger holds at most this many rows per request (the API has no cursor yet). */
export const MOVEMENTS_LIMIT = 1000;

const warehousesPath = (orgId: string) => `${base(orgId)}/warehouses`;
const warehousePath = (orgId: string, warehouseId: string) => `${warehousesPath(orgId)}/${seg(warehouseId)}`;

export const listWarehouses = (orgId: string, signal?: AbortSignal) =>
  apiGet<{ items: Warehouse[] }>(warehousesPath(orgId), undefined, signal);
export const getWarehouse = (orgId: string, warehouseId: string, signal?: AbortSignal) =>
  apiGet<WarehouseView>(warehousePath(orgId, warehouseId), undefined, signal);
export const getStock = (orgId: string, warehouseId: string, signal?: AbortSignal) =>
  apiGet<{ items: StockRow[] }>(`${warehousePath(orgId, warehouseId)}/stock`, undefined, signal);
export const getMovements = (orgId: string, warehouseId: string, signal?: AbortSignal) =>
  apiGet<{ items: StockMovement[] }>(
    `${warehousePath(orgId, warehouseId)}/movements`,
    { limit: MOVEMENTS_LIMIT },
    signal,
  );
export const getReturns = (orgId: string, warehouseId: string, signal?: AbortSignal) =>
  apiGet<{ items: ReturnCase[] }>(`${warehousePath(orgId, warehouseId)}/returns`, undefined, signal);
export const getReturnFunnel = (orgId: string, warehouseId: string, signal?: AbortSignal) =>
  apiGet<ReturnFunnel>(`${warehousePath(orgId, warehouseId)}/returns/funnel`, undefined, signal);

export const recordMovement = (orgId: string, warehouseId: string, input: MovementInput) =>
  apiPost<StockMovement>(`${warehousePath(orgId, warehouseId)}/movements`, input);
export const receiveReturn = (orgId: string, warehouseId: string, input: ReturnInput) =>
  apiPost<ReturnCase>(`${warehousePath(orgId, warehouseId)}/returns`, input);
export const inspectReturn = (
  orgId: string,
  warehouseId: string,
  returnId: string,
  input: { grade: ReturnGrade; note?: string },
) => apiPost<ReturnCase>(`${warehousePath(orgId, warehouseId)}/returns/${seg(returnId)}/inspection`, input);
export const decideReturn = (orgId: string, warehouseId: string, returnId: string, input: DecisionInput) =>
  apiPost<ReturnCase>(`${warehousePath(orgId, warehouseId)}/returns/${seg(returnId)}/decision`, input);

export const useWarehouses = (orgId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehouses(orgId),
    queryFn: ({ signal }) => listWarehouses(orgId, signal),
  });

export const useWarehouse = (orgId: string, warehouseId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehouse(orgId, warehouseId),
    queryFn: ({ signal }) => getWarehouse(orgId, warehouseId, signal),
  });

export const useWarehouseStock = (orgId: string, warehouseId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehousePart(orgId, warehouseId, 'stock'),
    queryFn: ({ signal }) => getStock(orgId, warehouseId, signal),
  });

export const useWarehouseMovements = (orgId: string, warehouseId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehousePart(orgId, warehouseId, 'movements'),
    queryFn: ({ signal }) => getMovements(orgId, warehouseId, signal),
  });

export const useWarehouseReturns = (orgId: string, warehouseId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehousePart(orgId, warehouseId, 'returns'),
    queryFn: ({ signal }) => getReturns(orgId, warehouseId, signal),
  });

export const useReturnFunnel = (orgId: string, warehouseId: string) =>
  useQuery({
    queryKey: logisticsKeys.warehousePart(orgId, warehouseId, 'funnel'),
    queryFn: ({ signal }) => getReturnFunnel(orgId, warehouseId, signal),
  });

/** A stock or returns write: the warehouse's stock, ledger, returns and funnel are refreshed. */
export const useWarehouseMutation = <Input, Output>(
  orgId: string,
  warehouseId: string,
  write: (input: Input) => Promise<Output>,
) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: () => queryClient.invalidateQueries({ queryKey: logisticsKeys.warehouse(orgId, warehouseId) }),
  });
};

// Bookings between a shipper and its forwarder (server/src/modules/logistics/bookings;
// docs/logistics-bookings.md). Confirming creates the shipment.

export const BOOKING_STATUSES = ['requested', 'confirmed', 'declined', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export const BOOKING_LIST_ROLES = ['sent', 'received'] as const;
export type BookingListRole = (typeof BOOKING_LIST_ROLES)[number];

/** A leg as the shipper asks for it: the day it wants the goods to leave (YYYY-MM-DD). */
export type RequestedLeg = {
  mode: TransportMode;
  origin: string;
  destination: string;
  departureDate: string;
};
export type RequestedEquipment = { sizeType: string; count: number };

export type Booking = {
  id: string;
  reference: string;
  status: BookingStatus;
  myRole: 'shipper' | 'forwarder';
  shipperOrganisationId: string;
  forwarderOrganisationId: string;
  orderIds: string[];
  legs: RequestedLeg[];
  equipment: RequestedEquipment[];
  cargo: CargoLine[];
  remarks: string | null;
  carrierBookingReference: string | null;
  carrierOrganisationId: string | null;
  shipmentId: string | null;
  declineReason: string | null;
  createdAt: string;
  updatedAt: string;
};

export type BookingSummary = {
  id: string;
  reference: string;
  status: BookingStatus;
  myRole: 'shipper' | 'forwarder';
  shipperOrganisationId: string;
  forwarderOrganisationId: string;
  origin: string | null;
  destination: string | null;
  departureDate: string | null;
  carrierBookingReference: string | null;
  shipmentId: string | null;
  createdAt: string;
  updatedAt: string;
};

export type BookingRequestInput = {
  reference: string;
  forwarderOrganisationId: string;
  orderIds: string[];
  legs: RequestedLeg[];
  equipment: RequestedEquipment[];
  cargo: CargoLine[];
  remarks?: string;
};

export type BookingConfirmation = {
  carrierBookingReference: string;
  carrierOrganisationId?: string;
  legs: ShipmentLeg[];
  containers: { number: string; sizeType: string; seals: string[] }[];
};

export const bookingKeys = {
  all: (orgId: string) => ['orgs', orgId, 'logistics', 'bookings'] as const,
  list: (orgId: string, role: BookingListRole) =>
    ['orgs', orgId, 'logistics', 'bookings', 'list', role] as const,
  one: (orgId: string, bookingId: string) =>
    ['orgs', orgId, 'logistics', 'bookings', 'one', bookingId] as const,
};

const bookingsPath = (orgId: string) => `${base(orgId)}/bookings`;
const bookingPath = (orgId: string, bookingId: string) => `${bookingsPath(orgId)}/${seg(bookingId)}`;

export const listBookings = (
  orgId: string,
  role: BookingListRole,
  cursor: string | null,
  signal?: AbortSignal,
) =>
  apiGet<{ items: BookingSummary[]; nextCursor: string | null }>(
    bookingsPath(orgId),
    { role, cursor },
    signal,
  );
export const getBooking = (orgId: string, bookingId: string, signal?: AbortSignal) =>
  apiGet<Booking>(bookingPath(orgId, bookingId), undefined, signal);
export const requestBooking = (orgId: string, input: BookingRequestInput) =>
  apiPost<Booking>(bookingsPath(orgId), input);
export const confirmBooking = (orgId: string, bookingId: string, input: BookingConfirmation) =>
  apiPost<Booking>(`${bookingPath(orgId, bookingId)}/confirm`, input);
export const declineBooking = (orgId: string, bookingId: string, reason: string) =>
  apiPost<Booking>(`${bookingPath(orgId, bookingId)}/decline`, { reason });
export const cancelBooking = (orgId: string, bookingId: string) =>
  apiPost<Booking>(`${bookingPath(orgId, bookingId)}/cancel`);

export const useBookings = (orgId: string, role: BookingListRole) =>
  useInfiniteQuery({
    queryKey: bookingKeys.list(orgId, role),
    queryFn: ({ pageParam, signal }) => listBookings(orgId, role, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });

export const useBooking = (orgId: string, bookingId: string) =>
  useQuery({
    queryKey: bookingKeys.one(orgId, bookingId),
    queryFn: ({ signal }) => getBooking(orgId, bookingId, signal),
  });

/** A booking step: the bookings, and the shipments a confirmation creates, are refreshed. */
export const useBookingMutation = <Input>(orgId: string, write: (input: Input) => Promise<Booking>) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: bookingKeys.all(orgId) }),
        queryClient.invalidateQueries({ queryKey: logisticsKeys.shipments(orgId) }),
      ]);
    },
  });
};
