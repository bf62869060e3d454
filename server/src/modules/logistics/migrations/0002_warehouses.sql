-- Overseas warehouses, the stock ledger per client and SKU, and the returns centre. The owning
-- organisation of a warehouse is its operator; the clients it grants use of it see their own
-- stock, movements and returns there, nothing of the other clients'.
create table logistics.warehouses (
  id text primary key,
  operator_organisation_id text not null references identity.organisations (id),
  name text not null check (length(name) between 1 and 200),
  unlocode text not null check (length(unlocode) = 5),
  -- { lines: string[], postcode?, city, country }
  address jsonb not null,
  roles text[] not null check (
    cardinality(roles) >= 1 and roles <@ array['storage', 'returns_centre', 'after_sales']::text[]
  ),
  created_at timestamptz not null
);

create index warehouses_by_operator on logistics.warehouses (operator_organisation_id, id);

create table logistics.warehouse_clients (
  warehouse_id text not null references logistics.warehouses (id),
  client_organisation_id text not null references identity.organisations (id),
  granted_at timestamptz not null,
  primary key (warehouse_id, client_organisation_id)
);

create index warehouse_clients_by_client on logistics.warehouse_clients (client_organisation_id, warehouse_id);

-- The current quantity per bucket, changed only in the transaction that appends the movement,
-- under the row lock its update takes. The check is the last line: the service refuses first.
create table logistics.stock_levels (
  warehouse_id text not null references logistics.warehouses (id),
  client_organisation_id text not null references identity.organisations (id),
  sku text not null check (length(sku) between 1 and 64),
  -- sellable: on the shelf; picked: picked for an order, not yet shipped; quarantine: returned,
  -- waiting for inspection and a decision.
  bucket text not null check (bucket in ('sellable', 'picked', 'quarantine')),
  quantity integer not null check (quantity >= 0),
  primary key (warehouse_id, client_organisation_id, sku, bucket)
);

create table logistics.return_cases (
  id text primary key,
  warehouse_id text not null references logistics.warehouses (id),
  client_organisation_id text not null references identity.organisations (id),
  buyer_reference text not null,
  order_reference text not null,
  sku text not null,
  quantity integer not null check (quantity > 0),
  reason text not null,
  stage text not null check (
    stage in ('received', 'inspected', 'restocked', 're_exported', 'returned_to_china', 'scrapped')
  ),
  grade text check (grade in ('A', 'B', 'C')),
  customs_return_reference text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create index return_cases_by_warehouse on logistics.return_cases (warehouse_id, client_organisation_id, id);

-- Every movement, never updated or deleted: a correction is an adjustment.
create table logistics.stock_movements (
  id text primary key,
  seq bigint generated always as identity,
  warehouse_id text not null references logistics.warehouses (id),
  client_organisation_id text not null references identity.organisations (id),
  sku text not null,
  kind text not null check (
    kind in ('inbound', 'pick', 'outbound', 'adjustment', 'return_received', 'restock', 'scrap',
             're_export', 'return_to_china')
  ),
  quantity integer not null check (quantity > 0),
  from_bucket text check (from_bucket in ('sellable', 'picked', 'quarantine')),
  to_bucket text check (to_bucket in ('sellable', 'picked', 'quarantine')),
  -- A shipment id, a 9810 export record id, a buyer's reference or a customs return reference.
  reference text,
  reason text,
  return_case_id text references logistics.return_cases (id),
  recorded_by_organisation_id text not null references identity.organisations (id),
  recorded_by text,
  created_at timestamptz not null,
  check (from_bucket is not null or to_bucket is not null),
  check (kind <> 'adjustment' or reason is not null)
);

create index stock_movements_by_stock on logistics.stock_movements (warehouse_id, client_organisation_id, seq);

-- Each step of a return case, append-only: who did what and when.
create table logistics.return_case_steps (
  return_case_id text not null references logistics.return_cases (id),
  seq integer not null,
  stage text not null,
  detail jsonb not null,
  organisation_id text not null references identity.organisations (id),
  actor text,
  at timestamptz not null,
  primary key (return_case_id, seq)
);
