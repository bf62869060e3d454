-- Trade facts: each transaction once, classified for the digital-trade statistics (IMF-OECD-UNCTAD-
-- WTO Handbook flags, customs mode, partner, HS chapter, EBOPS, content type, Zhejiang city), with
-- its amount in the original currency and in CNY and USD at the day's rate, as integer minor units.
-- Dashboards read the rollups, which the same transaction that adds facts keeps up to date.
create schema if not exists stats;

create table stats.facts (
  id bigint generated always as identity primary key,
  -- Where the fact came from; `synthetic` facts are demo and benchmark data and say so everywhere.
  source text not null check (source in ('synthetic', 'customs', 'trade', 'payments', 'logistics',
    'direct_report')),
  -- The transaction's id in its source: a fact is counted once, however often it is reported.
  source_ref text not null check (length(source_ref) between 1 and 100),
  -- The enterprise: its USCC (or a synthetic code), and its organisation when it is on the hub.
  enterprise_code text not null check (length(enterprise_code) between 1 and 40),
  organisation_id text references identity.organisations (id),
  month date not null check (extract(day from month) = 1),
  flow text not null check (flow in ('export', 'import')),
  kind text not null check (kind in ('goods', 'services')),
  customs_mode text check (customs_mode in ('9610', '9710', '9810', '1210', '0110')),
  partner char(2) not null,
  hs_chapter char(2) check (hs_chapter ~ '^[0-9]{2}$'),
  consumer_goods boolean not null,
  ebops char(2) check (ebops ~ '^S[A-L]$'),
  content_type text not null check (content_type in ('digital_technology', 'digital_services',
    'digital_products', 'data', 'digitally_ordered_goods', 'traditional')),
  city char(6) not null,
  digitally_ordered boolean not null,
  digitally_delivered boolean not null,
  platform_intermediated boolean not null,
  amount_minor bigint not null check (amount_minor > 0),
  currency char(3) not null,
  cny_minor bigint not null check (cny_minor > 0),
  usd_minor bigint not null check (usd_minor > 0),
  unique (source, source_ref),
  check ((kind = 'goods') = (customs_mode is not null and hs_chapter is not null)),
  check ((kind = 'services') = (ebops is not null))
);

-- The dashboard's cube: everything but partner, HS chapter and EBOPS, which have rollups of their own.
create table stats.rollup_main (
  month date not null,
  flow text not null,
  kind text not null,
  city char(6) not null,
  customs_mode text not null,
  content_type text not null,
  consumer_goods boolean not null,
  digitally_ordered boolean not null,
  digitally_delivered boolean not null,
  platform_intermediated boolean not null,
  usd_minor bigint not null,
  cny_minor bigint not null,
  facts bigint not null,
  primary key (month, flow, kind, city, customs_mode, content_type, consumer_goods, digitally_ordered,
    digitally_delivered, platform_intermediated)
);

create table stats.rollup_partner (
  month date not null,
  flow text not null,
  kind text not null,
  customs_mode text not null,
  partner char(2) not null,
  digital boolean not null,
  usd_minor bigint not null,
  cny_minor bigint not null,
  facts bigint not null,
  primary key (month, flow, kind, customs_mode, partner, digital)
);

create table stats.rollup_hs (
  month date not null,
  flow text not null,
  customs_mode text not null,
  hs_chapter char(2) not null,
  digital boolean not null,
  usd_minor bigint not null,
  cny_minor bigint not null,
  facts bigint not null,
  primary key (month, flow, customs_mode, hs_chapter, digital)
);

create table stats.rollup_ebops (
  month date not null,
  flow text not null,
  ebops char(2) not null,
  digital boolean not null,
  usd_minor bigint not null,
  cny_minor bigint not null,
  facts bigint not null,
  primary key (month, flow, ebops, digital)
);
