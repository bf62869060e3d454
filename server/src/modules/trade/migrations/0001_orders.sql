-- Orders between a seller and a buyer organisation, their full history, e-mail invitations for a
-- buyer not yet on the hub, and the trade documents issued from each order. The owning
-- organisation of an order is its seller; a forwarder, broker or bank sees an order through a
-- tuple (organisation:X, viewer, order:<id>) in access.relations, described in order_shares.
create schema if not exists trade;

create table trade.orders (
  id text primary key,
  seller_organisation_id text not null references identity.organisations (id),
  -- Null while the buyer is invited by e-mail and has not claimed the order yet.
  buyer_organisation_id text references identity.organisations (id),
  -- The e-mail address the buyer was invited at, when the buyer was not on the hub.
  buyer_invitation_email text,
  created_by_organisation_id text not null references identity.organisations (id),
  created_by_side text not null check (created_by_side in ('seller', 'buyer')),
  status text not null check (status in ('draft', 'offered', 'accepted', 'rejected', 'countered',
    'in_fulfilment', 'completed', 'cancelled')),
  -- Whose answer an open offer or counter-offer awaits.
  awaiting_side text check (awaiting_side in ('seller', 'buyer')),
  -- OrderContent in its JSON form (Money as decimal strings).
  content jsonb not null,
  buyer_reference text not null,
  currency char(3) not null,
  total_minor bigint not null,
  -- Lower-cased reference, party names, descriptions and HS codes: what `q` searches.
  search_text text not null,
  -- Increments on every change; writes name the version they read (optimistic locking).
  version int not null check (version >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((awaiting_side is not null) = (status in ('offered', 'countered'))),
  check (buyer_organisation_id is null or buyer_organisation_id <> seller_organisation_id)
);

create index orders_by_seller on trade.orders (seller_organisation_id, id desc);
create index orders_by_buyer on trade.orders (buyer_organisation_id, id desc) where buyer_organisation_id is not null;

-- Every change of an order, in order: who (organisation and person or API key), what, and the
-- content as it stood after the change when the change touched it. Never updated or deleted.
create table trade.order_history (
  order_id text not null references trade.orders (id),
  version int not null,
  at timestamptz not null,
  action text not null check (action in ('create', 'update', 'offer', 'accept', 'reject', 'counter',
    'start_fulfilment', 'complete', 'cancel', 'claim', 'share', 'unshare', 'issue_document')),
  status text not null,
  by_organisation_id text not null references identity.organisations (id),
  by_actor_type text not null check (by_actor_type in ('user', 'api_key', 'system')),
  by_actor_id text,
  by_label text not null,
  note text check (length(note) <= 2000),
  content jsonb,
  detail jsonb,
  primary key (order_id, version)
);

-- A buyer invited by e-mail: only a keyed hash of the link's token is kept, so the table alone
-- cannot claim anything.
create table trade.order_invitations (
  token_hash bytea primary key check (octet_length(token_hash) = 32),
  order_id text not null references trade.orders (id),
  email text not null,
  created_at timestamptz not null,
  claimed_by_organisation_id text references identity.organisations (id),
  claimed_at timestamptz,
  -- Superseded when the draft names another e-mail address.
  revoked_at timestamptz,
  check ((claimed_by_organisation_id is null) = (claimed_at is null))
);

create index order_invitations_by_order on trade.order_invitations (order_id);

-- Who an order is shared with and as what; the access decision itself is the relation tuple.
create table trade.order_shares (
  order_id text not null references trade.orders (id),
  organisation_id text not null references identity.organisations (id),
  role text not null check (role in ('forwarder', 'broker', 'bank', 'other')),
  shared_by_organisation_id text not null references identity.organisations (id),
  shared_at timestamptz not null,
  primary key (order_id, organisation_id)
);

create index order_shares_by_organisation on trade.order_shares (organisation_id, order_id);

-- The signed documents issued from an order (the documents module holds them, owned by the
-- seller). An amendment is a new version naming the document it replaces.
create table trade.order_documents (
  order_id text not null references trade.orders (id),
  document_id text not null primary key references documents.credentials (id),
  kind text not null check (kind in ('sales_contract', 'proforma_invoice', 'commercial_invoice',
    'packing_list', 'certificate_of_origin', 'bill_of_lading', 'e_invoice')),
  document_number text not null,
  issue_date date not null,
  version int not null check (version >= 1),
  replaces_document_id text references trade.order_documents (document_id),
  issued_at timestamptz not null,
  unique (order_id, kind, version)
);

create index order_documents_by_order on trade.order_documents (order_id, issued_at);

-- A document is amended once: a second amendment of the same version must amend the newest.
create unique index order_documents_replaced_once on trade.order_documents (replaces_document_id)
  where replaces_document_id is not null;
