-- After-sales service centres: repair tickets at a warehouse with the after_sales role. A ticket is
-- either a buyer's item under warranty (the buyer's property: it never enters the client's stock)
-- or the refurbishment of a grade B return at the same warehouse (its units move from quarantine
-- to the in_repair bucket and, once repaired, back on the shelf).

alter table logistics.stock_levels drop constraint stock_levels_bucket_check;
alter table logistics.stock_levels add constraint stock_levels_bucket_check
  check (bucket in ('sellable', 'picked', 'quarantine', 'in_repair'));

alter table logistics.stock_movements drop constraint stock_movements_from_bucket_check;
alter table logistics.stock_movements add constraint stock_movements_from_bucket_check
  check (from_bucket in ('sellable', 'picked', 'quarantine', 'in_repair'));
alter table logistics.stock_movements drop constraint stock_movements_to_bucket_check;
alter table logistics.stock_movements add constraint stock_movements_to_bucket_check
  check (to_bucket in ('sellable', 'picked', 'quarantine', 'in_repair'));
alter table logistics.stock_movements drop constraint stock_movements_kind_check;
alter table logistics.stock_movements add constraint stock_movements_kind_check check (
  kind in ('inbound', 'pick', 'outbound', 'adjustment', 'return_received', 'restock', 'scrap',
           're_export', 'return_to_china', 'to_repair', 'repaired', 'repair_scrap')
);

-- A grade B return sent for refurbishment waits in this stage until its repair ticket closes.
alter table logistics.return_cases drop constraint return_cases_stage_check;
alter table logistics.return_cases add constraint return_cases_stage_check check (
  stage in ('received', 'inspected', 'refurbishing', 'restocked', 're_exported', 'returned_to_china',
            'scrapped')
);

create table logistics.repair_tickets (
  id text primary key,
  warehouse_id text not null references logistics.warehouses (id),
  -- The exporter whose product it is (a client of the warehouse): it sees its own tickets.
  client_organisation_id text not null references identity.organisations (id),
  origin text not null check (origin in ('buyer', 'return_case')),
  return_case_id text references logistics.return_cases (id),
  buyer_reference text not null check (length(buyer_reference) between 1 and 100),
  sku text not null check (length(sku) between 1 and 64),
  serial_number text check (length(serial_number) between 1 and 100),
  quantity integer not null check (quantity > 0),
  fault text not null check (length(fault) between 1 and 1000),
  stage text not null check (
    stage in ('received', 'diagnosed', 'unrepairable', 'repaired', 'returned_to_buyer', 'restocked',
              'scrapped')
  ),
  -- The carrier's tracking number or the shipment the item went back to the buyer with.
  return_shipment_reference text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((origin = 'return_case') = (return_case_id is not null))
);

-- One refurbishment per return case.
create unique index repair_tickets_one_per_return on logistics.repair_tickets (return_case_id)
  where return_case_id is not null;
create index repair_tickets_by_warehouse on logistics.repair_tickets (warehouse_id, client_organisation_id, id);

-- Each step of a ticket, append-only: who did what and when.
create table logistics.repair_ticket_steps (
  repair_ticket_id text not null references logistics.repair_tickets (id),
  seq integer not null,
  stage text not null,
  detail jsonb not null,
  organisation_id text not null references identity.organisations (id),
  actor text,
  at timestamptz not null,
  primary key (repair_ticket_id, seq)
);
