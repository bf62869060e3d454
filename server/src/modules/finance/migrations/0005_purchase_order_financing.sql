-- Purchase-order financing (issue 7, "Purchase-order financing the same way"): a financing
-- request's subject is an issued invoice credential, as before, or an order on the hub that both
-- parties agreed, with the requester as its seller. The registry fingerprints purchase orders
-- under their own asset type, so a PO number never meets an invoice number.

alter table finance.financing_registrations
  drop constraint financing_registrations_asset_type_check;
alter table finance.financing_registrations
  add constraint financing_registrations_asset_type_check
  check (asset_type in ('invoice', 'purchase_order'));

-- Every existing request is an invoice's; new rows state their kind.
alter table finance.financing_requests
  add column subject_kind text not null default 'invoice'
    check (subject_kind in ('invoice', 'purchase_order'));
alter table finance.financing_requests alter column subject_kind drop default;

-- The order of the request: the purchase order itself, or the order an invoice was issued from
-- (or names as its order reference) when the hub knows it, so that one receivable chain (the
-- order, then its invoice) is financed once at a time. For a purchase order, the agreed version
-- whose content the request read; the invoice_* columns then hold the order's number, the date
-- it was agreed, its parties and its total.
alter table finance.financing_requests add column order_id text;
alter table finance.financing_requests add column order_version integer check (order_version >= 1);
alter table finance.financing_requests alter column document_id drop not null;
alter table finance.financing_requests alter column credential_id drop not null;
alter table finance.financing_requests add constraint financing_requests_subject_complete check (
  (subject_kind = 'invoice' and document_id is not null and credential_id is not null
    and order_version is null)
  or (subject_kind = 'purchase_order' and order_id is not null and order_version is not null
    and document_id is null and credential_id is null)
);

-- One financing in progress per order, whichever its subject: a purchase order financed and its
-- invoice financed at once would be two loans against the same buyer's payment. With the
-- per-document index this keeps "accept" atomic for both kinds.
create unique index financing_requests_one_in_progress_per_order
  on finance.financing_requests (order_id)
  where status in ('accepted', 'disbursed') and order_id is not null;

create index financing_requests_by_order
  on finance.financing_requests (order_id) where order_id is not null;
