-- IP pledges (issue 11 §7, "an IP asset can be pledged through the finance module"): a granted
-- patent, utility model, design, trademark or (software) copyright pledged to a bank in the expo
-- IP registry is registered here too, under the asset type 'ip_asset', in the same transaction as
-- the expo pledge row. A bank checks a right before lending against it, and a right pledged on
-- the hub cannot be pledged again to another bank while the registration is active.

alter table finance.financing_registrations
  drop constraint financing_registrations_asset_type_check;
alter table finance.financing_registrations
  add constraint financing_registrations_asset_type_check
  check (asset_type in ('invoice', 'purchase_order', 'ip_asset'));

-- An IP right is fingerprinted from its identity only (kind, jurisdiction, canonical registry
-- number; never in clear): one 'exact' row per registration, so the partial unique index
-- financing_registrations_one_active makes "pledged at most once at a time, across all banks"
-- atomic. What it secures is the face and financed amount alike.
alter table finance.financing_registrations
  add constraint financing_registrations_ip_asset_exact
  check (asset_type <> 'ip_asset' or (fp_type = 'exact' and financed_amount_minor = face_amount_minor));
