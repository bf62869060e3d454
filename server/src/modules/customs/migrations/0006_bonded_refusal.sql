-- Goods a 1210 parcel took from its account book come back when customs refuses the parcel after
-- inspection: the book keeps that as its own kind of entry, beside cancels and returns.
alter table customs.bonded_stock_entries drop constraint bonded_stock_entries_kind_check;
alter table customs.bonded_stock_entries add constraint bonded_stock_entries_kind_check
  check (kind in ('inbound', 'release', 'cancel', 'return', 'refusal'));
