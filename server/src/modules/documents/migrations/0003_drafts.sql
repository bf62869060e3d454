-- Trade document kinds (sales contract, proforma invoice, e-invoice join the KTDDE types), and
-- drafts: a document being prepared, editable until it is issued as a credential. Issuing keeps
-- the draft row and records the credential it became; an amendment is a draft that names the
-- document it replaces, so the chain of versions is a chain of drafts.
alter table documents.credentials drop constraint credentials_document_type_check;
alter table documents.credentials add constraint credentials_document_type_check check (document_type in (
  'CommercialInvoice', 'PackingList', 'CertificateOfOrigin', 'BillOfLading', 'InsuranceCertificate',
  'InspectionCertificate', 'PurchaseOrder', 'Other', 'SalesContract', 'ProformaInvoice', 'EInvoice'));

create table documents.drafts (
  id text primary key,
  organisation_id text not null references identity.organisations (id),
  kind text not null check (kind in ('sales_contract', 'proforma_invoice', 'commercial_invoice',
    'packing_list', 'certificate_of_origin', 'bill_of_lading', 'e_invoice')),
  document_number text not null check (length(document_number) between 1 and 100),
  -- The subject as last saved; only checked against the kind's schema when issued.
  subject jsonb not null,
  order_ref text check (length(order_ref) between 1 and 100),
  -- The issued document this draft amends (same organisation, checked by the service).
  replaces_document_id text references documents.credentials (id),
  -- Optimistic concurrency: a PUT names the version it read, and each save adds one.
  version int not null check (version >= 1),
  issued_document_id text unique references documents.credentials (id),
  -- The `version` member of the issued credential's subject: 1, or the replaced one's plus 1.
  document_version int check (document_version >= 1),
  created_at timestamptz not null,
  created_by text not null,
  updated_at timestamptz not null,
  issued_at timestamptz,
  check ((issued_document_id is null) = (issued_at is null)),
  check ((issued_document_id is null) = (document_version is null))
);

create index drafts_by_organisation on documents.drafts (organisation_id, id desc);
-- A document is superseded at most once: two amendments of the same version cannot both issue.
create unique index drafts_one_successor on documents.drafts (replaces_document_id)
  where issued_document_id is not null;

-- An issued draft is the record of what was issued: it never changes again, and no draft is
-- ever deleted.
create function documents.guard_draft_change() returns trigger language plpgsql as $$
begin
  if tg_op = 'DELETE' then
    raise exception 'documents.drafts keeps every draft';
  end if;
  if old.issued_document_id is not null then
    raise exception 'documents.drafts: an issued draft cannot change';
  end if;
  return new;
end;
$$;

create trigger drafts_guard before update or delete on documents.drafts
  for each row execute function documents.guard_draft_change();
