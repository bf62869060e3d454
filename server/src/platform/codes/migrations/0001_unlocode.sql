-- UN/LOCODE entries loaded by an operator from the official UNECE release
-- (`tradehub codes import-unlocode`), on top of the subset that ships with the kernel.
create schema if not exists codes;

create table codes.unlocode_entries (
  code char(5) primary key,
  country char(2) not null,
  location char(3) not null,
  name text not null,
  name_ascii text not null,
  subdivision text,
  functions text not null,
  status text,
  latitude numeric(9, 6),
  longitude numeric(9, 6),
  source text not null,
  imported_at timestamptz not null default now()
);

create index unlocode_entries_by_country on codes.unlocode_entries (country);
