-- The tariff the customs sandbox taxes with: one row per 10-digit code, imported by the operator
-- from a CSV (`tradehub customs import-tariff`). Reference data of the hub, like the code lists:
-- no organisation owns it. While it is empty the sandbox uses the illustrative sample shipped in
-- data/tariff-sample.csv.
create table customs.tariff_lines (
  hs_code char(10) primary key check (hs_code ~ '^[0-9]{10}$'),
  mfn_duty_rate text not null,
  vat_rate text not null,
  consumption_tax_rate text not null,
  description_zh text,
  description_en text,
  imported_at timestamptz not null
);
