-- Buyer requirements and their matches (issue 11 §3, §5). A requirement belongs to the buyer that
-- posted it; each stored match is a lead for the supplier whose product matched, so a match row
-- carries both organisations: the buyer owns it (organisation_id) and the supplier may read it.
create table expo.requirements (
  id text primary key,
  -- The buyer.
  organisation_id text not null references identity.organisations (id),
  title text not null check (length(title) between 1 and 200),
  description text not null default '' check (length(description) <= 8000),
  -- HS 2022 subheading the buyer names, when it knows one.
  hs_code char(6) check (hs_code ~ '^[0-9]{6}$'),
  quantity numeric(18, 3) not null check (quantity > 0),
  -- UN/ECE Recommendation 20 unit of the quantity and of the target price.
  quantity_unit text not null check (quantity_unit ~ '^[A-Z0-9]{2,3}$'),
  -- Target unit price in minor units; absent: any price.
  target_price_currency char(3),
  target_price_minor bigint check (target_price_minor >= 0),
  -- ISO 3166-1 alpha-2 destination country and, optionally, the UN/LOCODE of the place.
  destination_country char(2) not null,
  destination_unlocode char(5),
  -- Certification schemes the buyer needs (CE, RoHS …).
  certifications text[] not null default '{}',
  deadline date not null,
  status text not null check (status in ('open', 'closed', 'fulfilled')),
  version int not null check (version >= 1),
  matched_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((target_price_currency is null) = (target_price_minor is null))
);
create index requirements_by_organisation on expo.requirements (organisation_id, created_at desc);
create index requirements_by_created on expo.requirements (created_at);

-- A product that matched a requirement: the buyer's ranked match and the supplier's lead.
create table expo.matches (
  id text primary key,
  requirement_id text not null references expo.requirements (id),
  -- The buyer (owner of the requirement).
  organisation_id text not null references identity.organisations (id),
  supplier_organisation_id text not null references identity.organisations (id),
  product_id text not null references expo.products (id),
  -- 0..100, the weighted sum of the components.
  score int not null check (score between 0 and 100),
  -- [{ key, weight, value, points, reason, params }]: the explanation the UI renders.
  components jsonb not null,
  buyer_status text not null default 'new' check (buyer_status in ('new', 'interested', 'declined')),
  supplier_status text not null default 'new' check (supplier_status in ('new', 'interested', 'declined')),
  -- False once a re-match no longer finds the product: kept, as either side may have acted on it.
  current boolean not null default true,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  unique (requirement_id, product_id)
);
create index matches_by_requirement on expo.matches (requirement_id, score desc);
create index matches_by_supplier on expo.matches (supplier_organisation_id, created_at desc);

-- Matching reads published products of the buyer's HS subheading, then heading, then chapter, each
-- bounded: a range scan of this index in (hs_code, id) order, no sort of a large chapter.
create index products_published_by_hs on expo.products (hs_code, id) where status = 'published';

-- Whether the exhibitor lets buyers see its hub track record (credit grade, completed orders) in
-- matchmaking. A credit score is shared only by the organisation's own decision (finance,
-- docs/credit-scores.md), so it is off until the supplier turns it on in its showcase.
alter table expo.exhibitors add column share_track_record boolean not null default false;
