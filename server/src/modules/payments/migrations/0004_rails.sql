-- Outbound payments over a rail (docs/payment-rails.md): an organisation pays an external
-- beneficiary from its ledger account. The money is reserved as a pending transfer into the
-- payer's in-transit account for the rail, posted when the rail reports the payment settled
-- (ACSC) and voided when it reports a rejection (RJCT). A row here only names those transfers and
-- keeps the message that left and the statuses that came back.
create table payments.outbound_payments (
  id text primary key,
  -- The paying organisation owns the row; nobody else sees it.
  organisation_id text not null references identity.organisations (id),
  -- The caller's id for the payment and the fingerprint of its request: idempotency.
  client_id text not null check (length(client_id) between 1 and 100),
  request_hash bytea not null,
  rail text not null check (rail in ('sandbox', 'cips', 'ecny')),
  status text not null check (status in ('prepared', 'submitted', 'accepted', 'settled', 'rejected')),
  debit_account_id text not null references payments.accounts (id),
  in_transit_account_id text not null references payments.accounts (id),
  pending_transfer_id text not null unique references payments.transfers (id),
  resolution_transfer_id text unique references payments.transfers (id),
  amount bigint not null check (amount > 0),
  currency char(3) not null,
  -- The beneficiary (name, structured address, account or wallet, agent) and the payer as the
  -- message names them.
  beneficiary jsonb not null,
  debtor jsonb not null,
  remittance_information text check (length(remittance_information) <= 140),
  message_id text not null unique check (length(message_id) <= 35),
  end_to_end_id text not null check (length(end_to_end_id) <= 35),
  uetr text not null unique,
  message_definition text not null,
  message_xml text not null,
  -- How the last submission went: not_configured (no transport: still prepared, never sent),
  -- in_process (the sandbox), delivered, failed, manual (the operator sent the file itself).
  transport_state text check (transport_state in ('not_configured', 'in_process', 'delivered', 'failed', 'manual')),
  transport_reference text,
  reason_code text,
  reason_text text,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint outbound_payments_client_id unique (organisation_id, client_id),
  check ((status in ('settled', 'rejected')) = (resolution_transfer_id is not null)),
  check (status <> 'rejected' or reason_code is not null)
);

create index outbound_payments_by_organisation on payments.outbound_payments (organisation_id, created_at desc, id);

-- Every step of an outbound payment, append-only: the code has no UPDATE or DELETE on it.
create table payments.outbound_payment_events (
  payment_id text not null references payments.outbound_payments (id),
  seq integer not null check (seq >= 1),
  kind text not null check (kind in ('prepared', 'submitted', 'not_sent', 'transport_failed', 'status')),
  -- The payment's status after this step.
  status text not null check (status in ('prepared', 'submitted', 'accepted', 'settled', 'rejected')),
  -- For kind status: the ISO 20022 transaction status and reason, and the report itself.
  iso_status text check (iso_status ~ '^[A-Z]{4}$'),
  reason_code text check (reason_code ~ '^[A-Z0-9]{4}$'),
  detail text check (length(detail) <= 1000),
  status_message_id text,
  status_xml text,
  transfer_id text references payments.transfers (id),
  by_label text not null,
  at timestamptz not null,
  primary key (payment_id, seq)
);

-- One status report is applied once: the same report again is a replay.
create unique index outbound_payment_events_one_report on payments.outbound_payment_events (payment_id, status_message_id)
  where status_message_id is not null;
