-- The CBEC buyer quota: CNY 26,000 of dutiable price per person per calendar year (财关税〔2018〕49号).
-- A buyer is identified by the keyed lookup hash of the resident ID number; the number itself is
-- stored only encrypted. The ledger is append-only; the totals row per buyer and year is what a
-- reservation locks, so concurrent reservations for one buyer queue behind each other and the
-- check "used + amount <= 26,000" and the write happen as one step.
create schema if not exists customs;

create table customs.buyer_quota_years (
  buyer_hash text not null,
  year int not null check (year between 2000 and 9999),
  -- The ID number sealed by the personal-data vault, for the audited reveal in the buyer view.
  buyer_id_number_sealed text not null,
  -- Consumed: released parcels not refunded. Reserved: accepted inventories not yet released.
  -- Both are sums over buyer_quota_entries, kept here so a reservation reads one locked row.
  consumed numeric(19, 5) not null default 0 check (consumed >= 0),
  reserved numeric(19, 5) not null default 0 check (reserved >= 0),
  -- The organisation whose declaration opened this buyer-year; later entries may come from others,
  -- because the quota is the person's across every platform.
  organisation_id text not null references identity.organisations (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (buyer_hash, year),
  -- The last line of defence: whatever the code does, a year never goes over the limit.
  check (consumed + reserved <= 26000)
);

-- reserve (inventory accepted), consume (released: the reservation becomes use),
-- release_reservation (cancelled or refused before release), refund (CEB623 cancel or CEB625
-- return within the window after release). used = sum(consume) - sum(refund) + open reservations
-- = sum(reserve) - sum(release_reservation) - sum(refund). Never updated or deleted.
create table customs.buyer_quota_entries (
  id bigint generated always as identity primary key,
  buyer_hash text not null,
  year int not null,
  kind text not null check (kind in ('reserve', 'consume', 'release_reservation', 'refund')),
  -- The inventory the entry is for: its guid or invtNo, one of them used consistently.
  inventory_ref text not null,
  amount numeric(19, 5) not null check (amount > 0),
  organisation_id text not null references identity.organisations (id),
  at timestamptz not null,
  foreign key (buyer_hash, year) references customs.buyer_quota_years (buyer_hash, year),
  -- Each kind happens once per inventory: a retried message finds the entry and changes nothing.
  unique (kind, inventory_ref)
);

create index buyer_quota_entries_by_buyer on customs.buyer_quota_entries (buyer_hash, year, id);

create function customs.buyer_quota_entries_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'customs.buyer_quota_entries is append-only';
end;
$$;

create trigger buyer_quota_entries_append_only before update or delete on customs.buyer_quota_entries
  for each row execute function customs.buyer_quota_entries_append_only();
