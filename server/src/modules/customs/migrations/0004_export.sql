-- The export side of CBEC clearance: 9610 retail-export parcels (order CEB303, collection voucher
-- CEB403, waybill CEB505 and export list CEB603, matched by platform code + order number and by
-- the list's logistics code + number), 9710/9810 B2B lists with their route, CEB701 summaries and
-- their CEB792 results, and 9810 overseas-warehouse filings. Kept apart from the import parcels:
-- the documents, states and joins differ (the export waybill names no order).

-- An export waybill, found by the list that names it (logistics code + number).
create table customs.export_waybills (
  logistics_code text not null,
  logistics_no text not null,
  message_id text references customs.messages (id),
  organisation_id text not null references identity.organisations (id),
  updated_at timestamptz not null,
  primary key (logistics_code, logistics_no)
);

create table customs.export_parcels (
  id text primary key,
  ebp_code text not null,
  order_no text not null,
  -- waiting: held for documents; failed: documents disagree; refused: a check failed (including a
  -- 9710/9810 list that must go on a declaration form); released; cancelled (CEB605).
  state text not null check (state in ('waiting', 'failed', 'refused', 'released', 'cancelled')),
  trade_mode text,
  customs_code text,
  ebc_code text,
  ebc_name text,
  owner_code text,
  -- The declaring broker, who also declares the summary's declaration form.
  agent_code text,
  agent_name text,
  order_message_id text references customs.messages (id),
  receipts_message_id text references customs.messages (id),
  inventory_message_id text references customs.messages (id),
  logistics_code text,
  logistics_no text,
  pre_no text,
  invt_no text unique,
  statistics_flag text,
  -- 9710/9810: simplified_list or declaration_form, and why.
  route text check (route in ('simplified_list', 'declaration_form')),
  route_reasons jsonb,
  warehouse_filing_no text,
  country text,
  port_code text,
  traf_mode text,
  goods_value numeric(19, 5),
  currency text,
  gross_weight numeric(19, 5),
  net_weight numeric(19, 5),
  -- The goods lines as consolidation reads them (gnum, gcode, itemName, country, currency, unit, qty, totalPrice).
  lines jsonb not null default '[]',
  findings jsonb not null default '[]',
  refusal jsonb,
  released_at timestamptz,
  arrived_at timestamptz,
  departed_at timestamptz,
  summary_id text,
  version int not null default 1,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (ebp_code, order_no)
);

create index export_parcels_by_waybill on customs.export_parcels (logistics_code, logistics_no);
create index export_parcels_unsummarised on customs.export_parcels (released_at) where state = 'released' and summary_id is null;

create table customs.export_parcel_parties (
  parcel_id text not null references customs.export_parcels (id),
  organisation_id text not null references identity.organisations (id),
  primary key (organisation_id, parcel_id)
);

create table customs.export_parcel_events (
  parcel_id text not null references customs.export_parcels (id),
  seq int not null,
  at timestamptz not null,
  kind text not null,
  state text not null,
  message_id text references customs.messages (id),
  detail jsonb,
  primary key (parcel_id, seq)
);

-- One CEB701 summary application (one customs declaration form) and the sandbox's CEB792 result.
create table customs.export_summaries (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  -- The period summarised, YYYY-MM (China time of release).
  period text not null check (period ~ '^[0-9]{4}-[0-9]{2}$'),
  cop_no text not null,
  ebc_code text not null,
  customs_code text not null,
  group_key jsonb not null,
  sum_no text not null unique,
  entry_id text not null,
  list_count int not null check (list_count > 0),
  items jsonb not null,
  totals jsonb not null,
  apply_xml text not null,
  apply_sha256 bytea not null,
  result_xml text not null,
  created_at timestamptz not null,
  unique (organisation_id, cop_no)
);

alter table customs.export_parcels
  add constraint export_parcels_summary foreign key (summary_id) references customs.export_summaries (id);

-- 9810 overseas-warehouse filing (海外仓备案): an exporter files, customs approves or returns.
create table customs.overseas_warehouse_filings (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  filing_no text not null unique check (filing_no ~ '^OWH[0-9]{12}$'),
  name text not null,
  country text not null,
  address text not null,
  area_m2 numeric(12, 2) not null check (area_m2 > 0),
  operator text not null,
  proof_document_id text not null,
  state text not null check (state in ('filed', 'approved', 'returned')),
  decision_note text,
  decided_by text references identity.organisations (id),
  decided_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index overseas_warehouse_filings_by_org on customs.overseas_warehouse_filings (organisation_id, created_at desc);
create sequence customs.export_filing_serial;
create sequence customs.export_summary_serial;
