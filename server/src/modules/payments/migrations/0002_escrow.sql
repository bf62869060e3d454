-- Order escrow (docs/payments.md, "Order escrow"): the buyer's money reserved as a pending transfer
-- to the seller's account, and what became of it. The money itself never leaves the ledger: an
-- escrow row only names the pending transfer and the transfer that resolved it.
create table payments.escrows (
  id text primary key,
  -- The trade order it secures. No foreign key: trade's tables belong to another module.
  order_id text not null,
  buyer_organisation_id text not null references identity.organisations (id),
  seller_organisation_id text not null references identity.organisations (id),
  -- The organisation whose outcome (refund, split, release) settles a dispute, named when funding.
  mediator_organisation_id text references identity.organisations (id),
  pending_transfer_id text not null unique references payments.transfers (id),
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  release_trigger text not null check (release_trigger in ('buyer_acceptance', 'delivery', 'date')),
  release_on date,
  status text not null check (status in ('funded', 'released', 'refunded', 'split')),
  -- What the seller received and what went back to the buyer, once resolved.
  seller_amount bigint check (seller_amount >= 0),
  buyer_amount bigint check (buyer_amount >= 0),
  resolution_transfer_id text references payments.transfers (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  -- One escrow per order: a second funding would reserve the buyer's money twice.
  constraint escrows_one_per_order unique (order_id),
  check ((release_trigger = 'date') = (release_on is not null)),
  check ((status = 'funded') = (resolution_transfer_id is null)),
  check (status = 'funded' or seller_amount + buyer_amount = amount)
);

create index escrows_due_by_date on payments.escrows (release_on) where status = 'funded' and release_trigger = 'date';

-- Every step of an escrow, append-only: the code has no UPDATE or DELETE on it.
create table payments.escrow_events (
  escrow_id text not null references payments.escrows (id),
  seq integer not null check (seq >= 1),
  kind text not null check (kind in ('funded', 'released', 'refunded', 'split')),
  -- Why: buyer_acceptance, buyer_release, delivery_confirmed, date_reached, seller_refund,
  -- order_cancelled, dispute_outcome, funded.
  reason text not null,
  -- Null when the hub acted (the date trigger).
  by_organisation_id text references identity.organisations (id),
  by_actor_type text not null check (by_actor_type in ('user', 'api_key', 'system')),
  by_actor_id text,
  by_label text not null,
  transfer_id text not null references payments.transfers (id),
  seller_amount bigint check (seller_amount >= 0),
  buyer_amount bigint check (buyer_amount >= 0),
  note text check (length(note) <= 1000),
  at timestamptz not null,
  primary key (escrow_id, seq)
);
