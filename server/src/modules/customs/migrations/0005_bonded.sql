-- 1210 bonded retail import (网购保税进口): the account books (保税账册) of goods stocked in a
-- bonded warehouse, the inbound declarations that put goods in them, the CEB711 inbound lists that
-- confirm those goods arrived, and the positive list (跨境电商零售进口商品清单).
--
-- A book is one e-commerce enterprise's account book (emsNo) in one bonded warehouse (areaCode),
-- owned by the organisation that first declared goods into it. Its stock per item (account-book
-- item number, 10-digit HS) is a totals row that every change locks first, so concurrent releases
-- of one item queue behind each other and "available >= declared" and the write happen as one step
-- (the same pattern as the buyer quota ledger in 0002_buyer_quota.sql).

create table customs.bonded_books (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  ebc_code text not null,
  area_code text not null,
  ems_no text not null,
  created_at timestamptz not null,
  -- An account book number is unique at customs: one book, one owner.
  unique (ems_no)
);

create index bonded_books_by_owner on customs.bonded_books (organisation_id);

create table customs.bonded_stock (
  book_id text not null references customs.bonded_books (id),
  item_record_no text not null,
  gcode char(10) not null check (gcode ~ '^[0-9]{10}$'),
  gname text not null,
  unit text,
  -- A sum over bonded_stock_entries, kept here so a release reads one locked row.
  quantity numeric(19, 5) not null default 0,
  updated_at timestamptz not null,
  primary key (book_id, item_record_no),
  -- The last line of defence: whatever the code does, stock never goes below zero.
  check (quantity >= 0)
);

-- inbound (a declared inbound confirmed by its CEB711), release (a 1210 inventory list released
-- or sent to inspection), cancel (CEB623) and return (CEB625) give goods back. Never updated or
-- deleted; quantity is signed (release negative).
create table customs.bonded_stock_entries (
  id bigint generated always as identity primary key,
  book_id text not null,
  item_record_no text not null,
  kind text not null check (kind in ('inbound', 'release', 'cancel', 'return')),
  quantity numeric(19, 5) not null check (quantity <> 0),
  -- The inbound declaration or the parcel the entry is for, and the inventory line (gnum).
  inbound_id text,
  parcel_id text,
  gnum int,
  organisation_id text not null references identity.organisations (id),
  at timestamptz not null,
  foreign key (book_id, item_record_no) references customs.bonded_stock (book_id, item_record_no),
  check ((kind = 'inbound') = (inbound_id is not null)),
  check ((kind = 'inbound') = (parcel_id is null))
);

-- Each parcel line leaves once and comes back once: a retried message changes nothing.
create unique index bonded_stock_entries_once on customs.bonded_stock_entries (kind, parcel_id, gnum)
  where parcel_id is not null;
create index bonded_stock_entries_by_book on customs.bonded_stock_entries (book_id, id);
create index bonded_stock_entries_by_parcel on customs.bonded_stock_entries (parcel_id)
  where parcel_id is not null;

create function customs.bonded_stock_entries_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'customs.bonded_stock_entries is append-only';
end;
$$;

create trigger bonded_stock_entries_append_only before update or delete on customs.bonded_stock_entries
  for each row execute function customs.bonded_stock_entries_append_only();

-- The goods an enterprise declared into its book (the first-line entry into the zone), keyed by the
-- master bill they came under. They become stock only when the supervised site's CEB711 inbound
-- list for that bill, from the named site operator, has been accepted.
create table customs.bonded_inbounds (
  id text primary key,
  book_id text not null references customs.bonded_books (id),
  organisation_id text not null references identity.organisations (id),
  bill_no text not null,
  operator_code text not null,
  state text not null check (state in ('declared', 'confirmed')),
  -- [{itemRecordNo, gcode, gname, unit, qty}]
  lines jsonb not null,
  delivery_message_id text references customs.messages (id),
  declared_at timestamptz not null,
  confirmed_at timestamptz,
  unique (book_id, bill_no)
);

create index bonded_inbounds_by_bill on customs.bonded_inbounds (bill_no, operator_code);

-- Every accepted CEB711 inbound list, so an inbound declared after its list still finds it.
create table customs.delivery_lists (
  message_id text not null references customs.messages (id),
  organisation_id text not null references identity.organisations (id),
  bill_no text not null,
  rkd_no text,
  operator_code text not null,
  customs_code text not null,
  waybills int not null,
  received_at timestamptz not null,
  primary key (message_id, bill_no)
);

create index delivery_lists_by_bill on customs.delivery_lists (bill_no, operator_code);

-- The positive list the operator imported: 8-digit tariff lines (cover every 10-digit code under
-- them) or 10-digit codes, with the list's remark (监管要求). Reference data of the hub, no owner.
-- While it is empty the sandbox uses the illustrative sample in data/positive-list-sample.csv.
create table customs.positive_list_lines (
  hs_code text primary key check (hs_code ~ '^([0-9]{8}|[0-9]{10})$'),
  remark text,
  imported_at timestamptz not null
);

create table customs.positive_list_imports (
  id bigint generated always as identity primary key,
  lines int not null,
  file_name text,
  imported_at timestamptz not null
);

-- The DXP provider's outbox (TRADEHUB_CUSTOMS_PROVIDER=dxp): every accepted enterprise message
-- waits here until it has been handed to the E-port; the guids of its documents let the receipts
-- customs sends back (which name the document, not the message) find it.
create table customs.dxp_outbox (
  message_id text primary key references customs.messages (id),
  organisation_id text not null references identity.organisations (id),
  message_type text not null,
  direction text not null check (direction in ('import', 'export')),
  document_guids jsonb not null,
  state text not null check (state in ('pending', 'sent', 'failed')),
  attempts int not null default 0,
  reference text,
  last_error text,
  created_at timestamptz not null,
  sent_at timestamptz
);

create index dxp_outbox_pending on customs.dxp_outbox (created_at) where state <> 'sent';
